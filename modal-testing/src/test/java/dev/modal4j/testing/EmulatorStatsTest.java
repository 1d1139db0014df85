package dev.modal4j.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.protobuf.Empty;
import dev.modal4j.proto.AuthTokenGetRequest;
import io.grpc.Status;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class EmulatorStatsTest {

  @Test
  void countsEveryCallIncludingRefusedOnes() {
    try (ModalEmulator emulator = ModalEmulator.start()) {
      var channel = emulator.inProcessChannel();
      String token = EmulatorAuthTest.token(emulator);
      Stubs.authenticated(channel, token).clientHello(Empty.getDefaultInstance());
      catchThrowable(() -> Stubs.withHeaders(channel).authTokenGet(tokenRequest()));

      assertThat(emulator.stats().count("AuthTokenGet")).isEqualTo(2);
      assertThat(emulator.stats().count("ClientHello")).isEqualTo(1);
      assertThat(emulator.stats().count("FunctionMap")).isZero();
      assertThat(emulator.stats().total()).isEqualTo(3);
      assertThat(emulator.stats().counts()).containsEntry("AuthTokenGet", 2L);
      assertThat(emulator.stats().calls("AuthTokenGet"))
          .extracting(c -> c.status().orElseThrow())
          .containsExactly(Status.Code.OK, Status.Code.UNAUTHENTICATED);

      emulator.stats().reset();
      assertThat(emulator.stats().total()).isZero();
      assertThat(emulator.stats().calls()).isEmpty();
    }
  }

  @Test
  void recordsHeadersButNeverTheTokenSecret() {
    try (ModalEmulator emulator = ModalEmulator.start()) {
      String secret = "as-very-secret-value";
      Stubs.withHeaders(
              emulator.inProcessChannel(),
              "x-modal-token-id",
              "ak-id",
              "x-modal-token-secret",
              secret,
              "x-idempotency-key",
              "6f1c1a52-5a43-4c0e-9a43-2b1f7d1d3a10",
              "x-retry-attempt",
              "2")
          .authTokenGet(tokenRequest());

      RecordedCall call = emulator.stats().calls().get(0);
      assertThat(call.rpc()).isEqualTo("AuthTokenGet");
      assertThat(call.header("X-Idempotency-Key")).hasValue("6f1c1a52-5a43-4c0e-9a43-2b1f7d1d3a10");
      assertThat(call.header("x-retry-attempt")).hasValue("2");
      assertThat(call.header("x-modal-token-id")).hasValue("ak-id");
      assertThat(call.header("x-modal-token-secret")).hasValue(RecordedCall.REDACTED);
      assertThat(call.headers().values()).doesNotContain(secret);
      assertThat(call.toString()).doesNotContain(secret).contains("x-retry-attempt");
    }
  }

  @Test
  void keepsOnlyTheMostRecentCallsButCountsAll() {
    try (ModalEmulator emulator = ModalEmulator.builder().recordedCalls(3).start()) {
      var stub = Stubs.credentials(emulator.inProcessChannel());
      for (int i = 0; i < 4; i++) {
        stub.authTokenGet(tokenRequest());
      }
      stub.clientHello(Empty.getDefaultInstance());

      assertThat(emulator.stats().total()).isEqualTo(5);
      assertThat(emulator.stats().calls())
          .extracting(RecordedCall::rpc)
          .containsExactly("AuthTokenGet", "AuthTokenGet", "ClientHello");
    }
  }

  private static AuthTokenGetRequest tokenRequest() {
    return AuthTokenGetRequest.getDefaultInstance();
  }
}
