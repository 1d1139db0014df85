package dev.modal4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modal4j.proto.AuthTokenGetResponse;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * With DEBUG logging on (src/test/resources/simplelogger.properties), the token secret and the JWT
 * appear in no log line, exception message or toString().
 */
@Timeout(30)
class SecretsNotLeakedTest {
  private static final String SECRET = "as-SECRET-never-logged-9f3e";

  @TempDir Path home;

  @Test
  void secretAndJwtStayOutOfLogsMessagesAndToString() throws Exception {
    List<Throwable> thrown = new ArrayList<>();
    String jwt;
    try (FakeModalServer server = new FakeModalServer()) {
      jwt = FakeModalServer.jwt(Instant.now().plusSeconds(1800));
      server.jwt = jwt;
      ManagedChannel channel = server.newChannel();
      ModalClient client =
          ModalClient.builder()
              .tokenId("ak-visible")
              .tokenSecret(SECRET)
              .environmentVariables(Map.of())
              .homeDirectory(home)
              .channel(channel)
              .build();
      try {
        AtomicInteger n = new AtomicInteger();
        server.appHandler =
            (req, obs) -> {
              int i = n.incrementAndGet();
              if (i == 1) {
                obs.onError(Status.UNAVAILABLE.withDescription("flaky").asException());
              } else if (i == 2) {
                obs.onError(ThrottleTest.throttled(Status.Code.RESOURCE_EXHAUSTED, 0.1f));
              } else {
                obs.onError(Status.NOT_FOUND.asException());
              }
            };
        thrown.add(catchIt(() -> client.apps().fromName("a")));
        server.authHandler =
            (req, obs) -> obs.onError(Status.UNAUTHENTICATED.withDescription("no").asException());
        try (ModalClient other =
            ModalClient.builder()
                .tokenId("ak-visible")
                .tokenSecret(SECRET)
                .environmentVariables(Map.of())
                .homeDirectory(home)
                .channel(channel)
                .build()) {
          thrown.add(catchIt(() -> other.apps().fromName("b")));
          assertThat(other.toString()).doesNotContain(SECRET);
        }
        server.authHandler =
            (req, obs) -> {
              obs.onNext(AuthTokenGetResponse.newBuilder().setToken(jwt).build());
              obs.onCompleted();
            };
        assertThat(client.toString()).contains("ak-visible").doesNotContain(SECRET);
      } finally {
        client.close();
        channel.shutdownNow();
      }
      thrown.add(catchIt(() -> client.apps().fromName("closed")));
    }
    Files.writeString(home.resolve(".modal.toml"), "[x]\ntoken_secret = " + SECRET + "\n");
    thrown.add(
        catchIt(
            () ->
                ModalClient.builder().environmentVariables(Map.of()).homeDirectory(home).build()));

    assertThat(thrown).hasSize(4).doesNotContainNull();
    for (Throwable t : thrown) {
      for (Throwable c = t; c != null; c = c.getCause()) {
        assertThat(String.valueOf(c.getMessage())).doesNotContain(SECRET).doesNotContain(jwt);
        assertThat(c.toString()).doesNotContain(SECRET).doesNotContain(jwt);
      }
    }

    String log = Files.readString(Path.of("target", "modal4j-test.log"), StandardCharsets.UTF_8);
    assertThat(log).contains("DEBUG dev.modal4j.");
    assertThat(log).contains("Fetched auth token");
    assertThat(log).contains("retry 1 in 100 ms");
    assertThat(log).doesNotContain(SECRET);
    assertThat(log).doesNotContain(jwt);
    assertThat(log).doesNotContain(jwt.substring(jwt.indexOf('.') + 1));
  }

  private static Throwable catchIt(Runnable r) {
    try {
      r.run();
    } catch (Throwable t) {
      return t;
    }
    return null;
  }

  @Test
  void aFailedBuildDoesNotEchoTheSecret() {
    assertThatThrownBy(
            () ->
                ModalClient.builder()
                    .tokenSecret(SECRET)
                    .environmentVariables(Map.of())
                    .homeDirectory(home)
                    .build())
        .isInstanceOf(AuthException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
  }
}
