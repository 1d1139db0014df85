package dev.modal4j.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Empty;
import dev.modal4j.proto.AuthTokenGetRequest;
import dev.modal4j.proto.RPCRetryPolicy;
import dev.modal4j.proto.RPCStatus;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class EmulatorFaultsTest {

  @Test
  void injectedFailuresRepeatForTheSameSeed() {
    List<Status.Code> first = outcomes(7);
    List<Status.Code> second = outcomes(7);
    List<Status.Code> otherSeed = outcomes(8);

    assertThat(second).isEqualTo(first);
    assertThat(otherSeed).isNotEqualTo(first);
    long failed = first.stream().filter(c -> c == Status.Code.UNAVAILABLE).count();
    assertThat(failed).isBetween(25L, 75L);
    assertThat(first).containsOnly(Status.Code.OK, Status.Code.UNAVAILABLE);
  }

  @Test
  void specificRulesWinOverTheWildcardAndClearRemovesAll() {
    try (ModalEmulator emulator = ModalEmulator.start()) {
      var stub = Stubs.credentials(emulator.inProcessChannel());
      emulator
          .faults()
          .failRpc("*", 1.0, Status.Code.UNAVAILABLE)
          .failRpc("ClientHello", 1.0, Status.Code.INTERNAL);
      assertCode(() -> stub.clientHello(Empty.getDefaultInstance()), Status.Code.INTERNAL);
      assertCode(() -> stub.authTokenGet(tokenRequest()), Status.Code.UNAVAILABLE);

      emulator.faults().failRpc("ClientHello", 0.0, Status.Code.INTERNAL);
      assertThat(stub.clientHello(Empty.getDefaultInstance())).isNotNull();
      assertCode(() -> stub.authTokenGet(tokenRequest()), Status.Code.UNAVAILABLE);

      emulator.faults().clear();
      assertThat(stub.authTokenGet(tokenRequest()).getToken()).isNotEmpty();
      assertThat(emulator.stats().calls("AuthTokenGet"))
          .extracting(c -> c.status().orElseThrow())
          .containsExactly(Status.Code.UNAVAILABLE, Status.Code.UNAVAILABLE, Status.Code.OK);
    }
  }

  @Test
  void throttleCarriesAnRpcRetryPolicyDetailOverTheWire() throws Exception {
    try (ModalEmulator emulator = ModalEmulator.start()) {
      emulator.faults().throttle("AuthTokenGet", 1.0, Duration.ofMillis(1500));
      ManagedChannel channel =
          NettyChannelBuilder.forAddress("127.0.0.1", emulator.port()).usePlaintext().build();
      try {
        StatusRuntimeException e =
            (StatusRuntimeException)
                org.assertj.core.api.Assertions.catchThrowable(
                    () -> Stubs.credentials(channel).authTokenGet(tokenRequest()));
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        byte[] raw =
            e.getTrailers()
                .get(Metadata.Key.of("grpc-status-details-bin", Metadata.BINARY_BYTE_MARSHALLER));
        RPCStatus details = RPCStatus.parseFrom(raw);
        assertThat(details.getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED.value());
        assertThat(details.getDetailsList()).hasSize(1);
        assertThat(details.getDetails(0).getTypeUrl())
            .isEqualTo("type.modal.com/modal.client.RPCRetryPolicy");
        RPCRetryPolicy policy = RPCRetryPolicy.parseFrom(details.getDetails(0).getValue());
        assertThat(policy.getRetryAfterSecs()).isEqualTo(1.5f);

        assertThat(Stubs.credentials(channel).clientHello(Empty.getDefaultInstance())).isNotNull();
      } finally {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void latencyDelaysOnlyTheChosenRpc() {
    try (ModalEmulator emulator = ModalEmulator.start()) {
      var stub = Stubs.credentials(emulator.inProcessChannel());
      stub.authTokenGet(tokenRequest());
      emulator.faults().addLatency("ClientHello", Duration.ofMillis(300));

      long start = System.nanoTime();
      stub.clientHello(Empty.getDefaultInstance());
      long delayedMs = (System.nanoTime() - start) / 1_000_000;
      start = System.nanoTime();
      stub.authTokenGet(tokenRequest());
      long plainMs = (System.nanoTime() - start) / 1_000_000;

      assertThat(delayedMs).isGreaterThanOrEqualTo(300);
      assertThat(plainMs).isLessThan(300);
    }
  }

  @Test
  void latencyOutlastingTheDeadlineEndsTheCallWithDeadlineExceeded() {
    try (ModalEmulator emulator = ModalEmulator.start()) {
      emulator.faults().addLatency("ClientHello", Duration.ofSeconds(5));
      long start = System.nanoTime();
      assertCode(
          () ->
              Stubs.credentials(emulator.inProcessChannel())
                  .withDeadlineAfter(100, TimeUnit.MILLISECONDS)
                  .clientHello(Empty.getDefaultInstance()),
          Status.Code.DEADLINE_EXCEEDED);
      assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(3000);
    }
  }

  @Test
  void resultLevelKnobsAndSeededStreams() {
    try (ModalEmulator a = ModalEmulator.builder().seed(99).start();
        ModalEmulator b = ModalEmulator.builder().seed(99).start()) {
      a.faults().internalFailureRate(0.02).lostInputRate(0.1).dropStreamRate(0.5);
      assertThat(a.faults().internalFailureRate()).isEqualTo(0.02);
      assertThat(a.faults().lostInputRate()).isEqualTo(0.1);
      assertThat(a.faults().dropStreamRate()).isEqualTo(0.5);
      assertThat(a.faults().seed()).isEqualTo(99);

      List<Boolean> rollsA = rolls(a.faults());
      assertThat(rolls(b.faults())).isEqualTo(rollsA);
      assertThat(a.faults().random("internal-failure"))
          .isSameAs(a.faults().random("internal-failure"));
      assertThat(rolls(a.faults())).isNotEqualTo(rollsA);

      a.faults().clear();
      assertThat(a.faults().internalFailureRate()).isZero();
      assertThat(rolls(a.faults())).isEqualTo(rollsA);
      assertThat(a.faults().roll("x", 0.0)).isFalse();
    }
  }

  @Test
  void badFaultSettingsAreRefused() {
    try (ModalEmulator emulator = ModalEmulator.start()) {
      Faults faults = emulator.faults();
      assertThatThrownBy(() -> faults.failRpc("X", 1.5, Status.Code.INTERNAL))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("rate");
      assertThatThrownBy(() -> faults.failRpc("X", Double.NaN, Status.Code.INTERNAL))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> faults.failRpc("X", 0.5, Status.Code.OK))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> faults.failRpc(" ", 0.5, Status.Code.INTERNAL))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> faults.throttle("X", 0.5, Duration.ofSeconds(-1)))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> faults.internalFailureRate(-0.1))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  private static List<Boolean> rolls(Faults faults) {
    List<Boolean> out = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      out.add(faults.roll("internal-failure", 0.5));
    }
    return out;
  }

  private static List<Status.Code> outcomes(long seed) {
    try (ModalEmulator emulator = ModalEmulator.builder().seed(seed).start()) {
      emulator.faults().failRpc("ClientHello", 0.5, Status.Code.UNAVAILABLE);
      var stub = Stubs.credentials(emulator.inProcessChannel());
      List<Status.Code> codes = new ArrayList<>();
      Random interleave = new Random(seed);
      for (int i = 0; i < 100; i++) {
        if (interleave.nextBoolean()) {
          stub.authTokenGet(tokenRequest());
        }
        try {
          stub.clientHello(Empty.getDefaultInstance());
          codes.add(Status.Code.OK);
        } catch (StatusRuntimeException e) {
          codes.add(e.getStatus().getCode());
        }
      }
      return codes;
    }
  }

  private static AuthTokenGetRequest tokenRequest() {
    return AuthTokenGetRequest.getDefaultInstance();
  }

  private static void assertCode(Runnable call, Status.Code code) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            StatusRuntimeException.class, e -> assertThat(e.getStatus().getCode()).isEqualTo(code));
  }
}
