package dev.modal4j.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modal4j.proto.AuthTokenGetRequest;
import dev.modal4j.proto.FunctionGetRequest;
import dev.modal4j.proto.FunctionGetResponse;
import dev.modal4j.proto.ModalClientGrpc;
import dev.modal4j.testing.internal.EmulatorArea;
import dev.modal4j.testing.internal.Unary;
import io.grpc.ManagedChannel;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.NettyChannelBuilder;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ModalEmulatorLifecycleTest {

  @Test
  void servesOverPlaintextHttp2OnLoopback() throws Exception {
    try (ModalEmulator emulator = ModalEmulator.start()) {
      assertThat(emulator.port()).isPositive();
      assertThat(emulator.url()).isEqualTo("http://127.0.0.1:" + emulator.port());
      assertThat(emulator.state().url()).isEqualTo(emulator.url());

      ManagedChannel channel =
          NettyChannelBuilder.forAddress("127.0.0.1", emulator.port()).usePlaintext().build();
      try {
        String token =
            Stubs.credentials(channel)
                .authTokenGet(AuthTokenGetRequest.getDefaultInstance())
                .getToken();
        assertThat(token.split("\\.")).hasSize(3);
        assertThat(isAuthToken(emulator, token)).isTrue();
      } finally {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void aTakenPortIsReportedAndNothingLeaks() {
    try (ModalEmulator first = ModalEmulator.start()) {
      assertThatThrownBy(() -> ModalEmulator.builder().port(first.port()).start())
          .isInstanceOf(UncheckedIOException.class)
          .hasMessageContaining(String.valueOf(first.port()));
    }
    assertThat(emulatorThreads()).isEmpty();
  }

  @Test
  void closeStopsEveryThreadAndIsIdempotent() {
    ModalEmulator emulator = ModalEmulator.start();
    EmulatorAuthTest.token(emulator);
    assertThat(emulatorThreads()).isNotEmpty();
    emulator.close();
    emulator.close();
    assertThat(emulatorThreads()).isEmpty();
    assertThat(emulator.inProcessChannel().isShutdown()).isTrue();
  }

  @Test
  void addedAreasReplaceMethodsAndAreClosedWithTheEmulator() {
    AtomicBoolean closed = new AtomicBoolean();
    EmulatorArea closing =
        new EmulatorArea() {
          @Override
          public void bind(ServerServiceDefinition.Builder service) {}

          @Override
          public void close() {
            closed.set(true);
          }
        };
    try (ModalEmulator emulator =
        ModalEmulator.builder().addArea(closing).addAreaFactory(FoundFunctions::new).start()) {
      FunctionGetResponse response =
          Stubs.credentials(emulator.inProcessChannel())
              .functionGet(
                  FunctionGetRequest.newBuilder().setAppName("any").setObjectTag("f").build());
      assertThat(response.getFunctionId()).startsWith("fu-");
      assertThat(emulator.state().apps().find("", "any")).isPresent();
      assertThat(closed).isFalse();
    }
    assertThat(closed).isTrue();
  }

  @Test
  void badSettingsAreRefused() {
    assertThatThrownBy(() -> ModalEmulator.builder().port(70000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("port");
    assertThatThrownBy(() -> ModalEmulator.builder().tokenLifetime(java.time.Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tokenLifetime");
    assertThatThrownBy(() -> ModalEmulator.builder().recordedCalls(-1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** A stand-in functions area that finds every function, registering its app. */
  private static final class FoundFunctions implements EmulatorArea {
    private final EmulatorState state;

    FoundFunctions(EmulatorState state) {
      this.state = state;
    }

    @Override
    public void bind(ServerServiceDefinition.Builder service) {
      Unary.bind(
          service,
          ModalClientGrpc.getFunctionGetMethod(),
          request -> {
            state.apps().deploy(request.getEnvironmentName(), request.getAppName());
            return FunctionGetResponse.newBuilder().setFunctionId(state.newId("fu")).build();
          });
    }
  }

  private static boolean isAuthToken(ModalEmulator emulator, String token) {
    return dev.modal4j.testing.internal.AuthArea.isAuthToken(emulator.state().jwts(), token);
  }

  private static java.util.List<String> emulatorThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(name -> name.startsWith("modal-emulator-"))
        .toList();
  }
}
