package dev.modal4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modal4j.apps.App;
import dev.modal4j.apps.AppFromNameParams;
import dev.modal4j.proto.AppGetOrCreateRequest;
import dev.modal4j.proto.AppGetOrCreateResponse;
import dev.modal4j.proto.ObjectCreationType;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class AppsTest {
  private FakeModalServer server;
  private ManagedChannel channel;
  private ModalClient client;
  private final List<AppGetOrCreateRequest> requests = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    server = new FakeModalServer();
    channel = server.newChannel();
    client = server.clientBuilder(channel).environment("main").build();
    server.appHandler =
        (req, obs) -> {
          requests.add(req);
          if (req.getAppName().equals("missing")
              && req.getObjectCreationType()
                  != ObjectCreationType.OBJECT_CREATION_TYPE_CREATE_IF_MISSING) {
            obs.onError(Status.NOT_FOUND.withDescription("no such app").asException());
            return;
          }
          obs.onNext(AppGetOrCreateResponse.newBuilder().setAppId("ap-123").build());
          obs.onCompleted();
        };
  }

  @AfterEach
  void tearDown() throws Exception {
    client.close();
    channel.shutdownNow();
    server.close();
  }

  @Test
  void fromNameUsesTheClientEnvironmentAndDoesNotCreate() {
    App app = client.apps().fromName("demo");
    assertThat(app.appId()).isEqualTo("ap-123");
    assertThat(app.name()).isEqualTo("demo");
    assertThat(app.environment()).isEqualTo("main");
    assertThat(requests.get(0).getEnvironmentName()).isEqualTo("main");
    assertThat(requests.get(0).getObjectCreationType())
        .isEqualTo(ObjectCreationType.OBJECT_CREATION_TYPE_UNSPECIFIED);
  }

  @Test
  void paramsOverrideEnvironmentAndCreateIfMissing() throws Exception {
    AppFromNameParams params =
        AppFromNameParams.builder().environment("dev").createIfMissing(true).build();
    App app = client.apps().fromNameAsync("missing", params).get();
    assertThat(app.environment()).isEqualTo("dev");
    assertThat(requests.get(0).getEnvironmentName()).isEqualTo("dev");
    assertThat(requests.get(0).getObjectCreationType())
        .isEqualTo(ObjectCreationType.OBJECT_CREATION_TYPE_CREATE_IF_MISSING);
  }

  @Test
  void notFoundNamesTheAppAndKeepsTheCallersStack() {
    assertThatThrownBy(() -> client.apps().fromName("missing"))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("App 'missing' not found")
        .satisfies(
            e -> {
              assertThat(((ModalException) e).statusCode()).contains(Status.Code.NOT_FOUND);
              assertThat(e.getSuppressed()).isEmpty();
              assertThat(e.getCause()).isInstanceOf(NotFoundException.class);
              assertThat(e.getStackTrace())
                  .anySatisfy(f -> assertThat(f.getMethodName()).contains("notFoundNamesTheApp"));
            });
    assertThat(server.calls("AppGetOrCreate")).hasSize(1); // NOT_FOUND is not retried
  }

  @Test
  void emptyNameIsInvalidBeforeAnyRpc() {
    assertThatThrownBy(() -> client.apps().fromName(" "))
        .isInstanceOf(InvalidException.class)
        .hasMessage("name must not be blank");
    assertThatThrownBy(() -> client.apps().fromName("x", null))
        .isInstanceOf(InvalidException.class);
    assertThat(server.received).isEmpty();
  }

  @Test
  void paramsAreImmutableValues() {
    AppFromNameParams p = AppFromNameParams.builder().environment("e").build();
    AppFromNameParams q = p.toBuilder().createIfMissing(true).build();
    assertThat(p.createIfMissing()).isFalse();
    assertThat(q.createIfMissing()).isTrue();
    assertThat(q.environment()).contains("e");
    assertThat(AppFromNameParams.DEFAULT.environment()).isEmpty();
  }
}
