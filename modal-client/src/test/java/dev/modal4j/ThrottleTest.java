package dev.modal4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Any;
import dev.modal4j.internal.Futures;
import dev.modal4j.proto.AppGetOrCreateRequest;
import dev.modal4j.proto.AppGetOrCreateResponse;
import dev.modal4j.proto.ModalClientGrpc;
import dev.modal4j.proto.RPCRetryPolicy;
import dev.modal4j.proto.RPCStatus;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ThrottleTest {
  private FakeModalServer server;
  private ManagedChannel channel;
  private ModalClient client;

  @BeforeEach
  void setUp() throws Exception {
    server = new FakeModalServer();
    channel = server.newChannel();
  }

  @AfterEach
  void tearDown() throws Exception {
    if (client != null) {
      client.close();
    }
    channel.shutdownNow();
    server.close();
  }

  static io.grpc.StatusRuntimeException throttled(Status.Code code, float retryAfterSecs) {
    RPCStatus details =
        RPCStatus.newBuilder()
            .setCode(code.value())
            .setMessage("slow down")
            .addDetails(
                Any.newBuilder()
                    .setTypeUrl("type.modal.com/modal.client.RPCRetryPolicy")
                    .setValue(
                        RPCRetryPolicy.newBuilder()
                            .setRetryAfterSecs(retryAfterSecs)
                            .build()
                            .toByteString()))
            .build();
    Metadata trailers = new Metadata();
    trailers.put(
        Metadata.Key.of("grpc-status-details-bin", Metadata.BINARY_BYTE_MARSHALLER),
        details.toByteArray());
    return Status.fromCode(code).withDescription("slow down").asRuntimeException(trailers);
  }

  /** The first {@code n} calls are throttled, then the call succeeds. */
  private void throttleFirst(int n, Status.Code code, float secs) {
    AtomicInteger count = new AtomicInteger();
    server.appHandler =
        (req, obs) -> {
          if (count.incrementAndGet() <= n) {
            obs.onError(throttled(code, secs));
          } else {
            obs.onNext(AppGetOrCreateResponse.newBuilder().setAppId("ap-ok").build());
            obs.onCompleted();
          }
        };
  }

  private AppGetOrCreateResponse call() {
    return Futures.join(
        client
            .context()
            .controlPlane()
            .unary(
                ModalClientGrpc.getAppGetOrCreateMethod(),
                AppGetOrCreateRequest.getDefaultInstance()));
  }

  @Test
  void serverRetryAfterIsHonouredWithoutUsingClientRetries() {
    client = server.clientBuilder(channel).build();
    throttleFirst(5, Status.Code.RESOURCE_EXHAUSTED, 0.3f);
    assertThat(call().getAppId()).isEqualTo("ap-ok");

    List<FakeModalServer.Received> calls = server.calls("AppGetOrCreate");
    assertThat(calls).hasSize(6); // more than the 3 client retries allow
    for (int i = 0; i < calls.size(); i++) {
      FakeModalServer.Received r = calls.get(i);
      assertThat(r.header("x-throttle-retry-attempt")).isEqualTo(Integer.toString(i));
      assertThat(r.header("x-retry-attempt")).isEqualTo("0");
      assertThat(r.header("x-retry-delay")).isNull();
      if (i > 0) {
        assertThat(r.header("x-throttle-retry-delay")).matches("\\d+\\.\\d{3}");
        long gapMs = TimeUnit.NANOSECONDS.toMillis(r.nanos() - calls.get(i - 1).nanos());
        assertThat(gapMs).isGreaterThanOrEqualTo(300);
      } else {
        assertThat(r.header("x-throttle-retry-delay")).isNull();
      }
    }
  }

  @Test
  void tinyRetryAfterIsRaisedTo100Ms() {
    client = server.clientBuilder(channel).build();
    throttleFirst(1, Status.Code.UNAVAILABLE, 0.0f);
    call();
    List<FakeModalServer.Received> calls = server.calls("AppGetOrCreate");
    assertThat(TimeUnit.NANOSECONDS.toMillis(calls.get(1).nanos() - calls.get(0).nanos()))
        .isGreaterThanOrEqualTo(100);
    assertThat(calls.get(1).header("x-throttle-retry-attempt")).isEqualTo("1");
  }

  @Test
  void maxThrottleWaitCapsServerRetries() {
    client = server.clientBuilder(channel).maxThrottleWait(Duration.ofMillis(1000)).build();
    throttleFirst(100, Status.Code.RESOURCE_EXHAUSTED, 0.6f);
    long start = System.nanoTime();
    assertThatThrownBy(this::call).isInstanceOf(ResourceExhaustedException.class);
    // 0 + 0.6 < 1 s: one throttle retry; 0.6 + 0.6 >= 1 s: stop.
    assertThat(server.calls("AppGetOrCreate")).hasSize(2);
    // One wait of 0.6 s, not two (1.2 s); the margin is for a busy machine.
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(1200);
  }

  @Test
  void envMaxThrottleWaitZeroDisablesThrottleRetries() {
    client =
        server
            .clientBuilder(channel)
            .environmentVariables(java.util.Map.of("MODAL_MAX_THROTTLE_WAIT", "0"))
            .build();
    throttleFirst(100, Status.Code.RESOURCE_EXHAUSTED, 0.1f);
    assertThatThrownBy(this::call).isInstanceOf(ResourceExhaustedException.class);
    assertThat(server.calls("AppGetOrCreate")).hasSize(1);
  }

  @Test
  void disabledThrottlingFallsBackToNormalRetryRules() {
    client = server.clientBuilder(channel).maxThrottleWait(Duration.ZERO).build();
    throttleFirst(100, Status.Code.UNAVAILABLE, 5f);
    assertThatThrownBy(this::call).isInstanceOf(ServiceException.class);
    List<FakeModalServer.Received> calls = server.calls("AppGetOrCreate");
    assertThat(calls).hasSize(4);
    assertThat(calls.get(3).header("x-retry-attempt")).isEqualTo("3");
    assertThat(calls.get(3).header("x-throttle-retry-attempt")).isEqualTo("0");
  }
}
