package dev.modal4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modal4j.internal.rpc.CallPolicy;
import dev.modal4j.proto.AppGetOrCreateRequest;
import dev.modal4j.proto.AppGetOrCreateResponse;
import dev.modal4j.proto.ModalClientGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Timeout(30)
class RetryTest {
  private FakeModalServer server;
  private ManagedChannel channel;
  private ModalClient client;

  @BeforeEach
  void setUp() throws Exception {
    server = new FakeModalServer();
    channel = server.newChannel();
    client = server.clientBuilder(channel).build();
  }

  @AfterEach
  void tearDown() throws Exception {
    client.close();
    channel.shutdownNow();
    server.close();
  }

  /** Fails every AppGetOrCreate with {@code code} (OK answers normally). */
  private void failWith(Status.Code code) {
    if (code == Status.Code.OK) {
      return;
    }
    server.appHandler = (req, obs) -> obs.onError(Status.fromCode(code).asRuntimeException());
  }

  private AppGetOrCreateResponse call() {
    return dev.modal4j.internal.Futures.join(
        client
            .context()
            .controlPlane()
            .unary(
                ModalClientGrpc.getAppGetOrCreateMethod(),
                AppGetOrCreateRequest.newBuilder().setAppName("a").build()));
  }

  @ParameterizedTest
  @EnumSource(Status.Code.class)
  void eachStatusCodeIsRetriedOrNot(Status.Code code) {
    failWith(code);
    boolean retryable = CallPolicy.RETRYABLE_CODES.contains(code);
    if (code == Status.Code.OK) {
      assertThat(call().getAppId()).isEqualTo("ap-a");
    } else {
      assertThatThrownBy(this::call)
          .isInstanceOf(ModalException.class)
          .satisfies(e -> assertThat(((ModalException) e).statusCode()).contains(code));
    }
    int expected = code == Status.Code.OK ? 1 : retryable ? 4 : 1;
    assertThat(server.calls("AppGetOrCreate")).hasSize(expected);
    assertThat(retryable)
        .isEqualTo(
            List.of(
                    Status.Code.CANCELLED,
                    Status.Code.UNKNOWN,
                    Status.Code.DEADLINE_EXCEEDED,
                    Status.Code.UNAVAILABLE,
                    Status.Code.INTERNAL)
                .contains(code));
  }

  @Test
  void retriesCarryOneIdempotencyKeyAttemptNumbersAndDelays() {
    AtomicInteger n = new AtomicInteger();
    server.appHandler =
        (req, obs) -> {
          if (n.incrementAndGet() <= 3) {
            obs.onError(Status.UNAVAILABLE.asRuntimeException());
          } else {
            obs.onNext(AppGetOrCreateResponse.newBuilder().setAppId("ap-ok").build());
            obs.onCompleted();
          }
        };
    long t0 = System.nanoTime();
    assertThat(call().getAppId()).isEqualTo("ap-ok");

    List<FakeModalServer.Received> calls = server.calls("AppGetOrCreate");
    assertThat(calls).hasSize(4);
    String key = calls.get(0).header("x-idempotency-key");
    assertThat(key).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}");
    long[] minGapsMs = {100, 200, 400};
    for (int i = 0; i < 4; i++) {
      FakeModalServer.Received r = calls.get(i);
      assertThat(r.header("x-idempotency-key")).isEqualTo(key);
      assertThat(r.header("x-retry-attempt")).isEqualTo(Integer.toString(i));
      assertThat(r.header("x-throttle-retry-attempt")).isEqualTo("0");
      assertThat(r.header("x-throttle-retry-delay")).isNull();
      if (i == 0) {
        assertThat(r.header("x-retry-delay")).isNull();
      } else {
        assertThat(r.header("x-retry-delay")).matches("\\d+\\.\\d{3}");
        long gapMs = TimeUnit.NANOSECONDS.toMillis(r.nanos() - calls.get(i - 1).nanos());
        assertThat(gapMs).isBetween(minGapsMs[i - 1], minGapsMs[i - 1] + 1_000);
        // seconds since the logical call began: at least the backoff slept so far (transit
        // times vary under load, so they cannot bound it), at most the time since this test
        // started the call
        double sleptSoFar = 0;
        for (int j = 0; j < i; j++) {
          sleptSoFar += minGapsMs[j] / 1000.0;
        }
        double sinceCallStart = (r.nanos() - t0) / 1e9;
        assertThat(Double.parseDouble(r.header("x-retry-delay")))
            .isBetween(sleptSoFar, sinceCallStart + 0.002);
      }
    }
  }

  @Test
  void separateLogicalCallsUseDifferentKeys() {
    call();
    call();
    List<FakeModalServer.Received> calls = server.calls("AppGetOrCreate");
    assertThat(calls.get(0).header("x-idempotency-key"))
        .isNotEqualTo(calls.get(1).header("x-idempotency-key"));
  }

  @Test
  void attemptTimeoutIsADeadlineRetriedAsDeadlineExceeded() {
    server.appHandler = (req, obs) -> {}; // never answers
    CallPolicy policy =
        CallPolicy.builder().maxRetries(1).attemptTimeout(java.time.Duration.ofMillis(200)).build();
    assertThatThrownBy(
            () ->
                dev.modal4j.internal.Futures.join(
                    client
                        .context()
                        .controlPlane()
                        .unary(
                            ModalClientGrpc.getAppGetOrCreateMethod(),
                            AppGetOrCreateRequest.getDefaultInstance(),
                            policy)))
        .isInstanceOf(ServiceException.class)
        .satisfies(
            e ->
                assertThat(((ModalException) e).statusCode())
                    .contains(Status.Code.DEADLINE_EXCEEDED));
    assertThat(server.calls("AppGetOrCreate")).hasSize(2);
  }
}
