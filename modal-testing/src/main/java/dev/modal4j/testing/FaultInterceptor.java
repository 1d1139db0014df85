package dev.modal4j.testing;

import com.google.protobuf.Any;
import dev.modal4j.proto.RPCRetryPolicy;
import dev.modal4j.proto.RPCStatus;
import io.grpc.Context;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Applies {@link Faults} to calls: latency without blocking a thread, then errors or throttling, or
 * else serves the call and, for a lost response, replaces its answer with UNAVAILABLE.
 */
final class FaultInterceptor implements ServerInterceptor {
  /** The trailer Modal carries its {@code RPCStatus} in. */
  static final Metadata.Key<byte[]> STATUS_DETAILS =
      Metadata.Key.of("grpc-status-details-bin", Metadata.BINARY_BYTE_MARSHALLER);

  /** The type URL of a packed {@code RPCRetryPolicy}, as Modal's server writes it. */
  static final String RETRY_POLICY_TYPE_URL = "type.modal.com/modal.client.RPCRetryPolicy";

  private final Faults faults;
  private final ScheduledExecutorService scheduler;
  private final Executor executor;

  FaultInterceptor(Faults faults, ScheduledExecutorService scheduler, Executor executor) {
    this.faults = faults;
    this.scheduler = scheduler;
    this.executor = executor;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    Faults.Decision decision = faults.decide(call.getMethodDescriptor().getBareMethodName());
    if (decision == null) {
      return next.startCall(call, headers);
    }
    if (decision.latency().isZero()) {
      return apply(decision, call, headers, next);
    }
    DelayedStartListener<Q> delayed = new DelayedStartListener<>();
    Runnable start =
        Context.current().wrap(() -> delayed.start(() -> apply(decision, call, headers, next)));
    scheduler.schedule(
        () -> executor.execute(start), decision.latency().toNanos(), TimeUnit.NANOSECONDS);
    return delayed;
  }

  private static <Q, R> ServerCall.Listener<Q> apply(
      Faults.Decision decision,
      ServerCall<Q, R> call,
      Metadata headers,
      ServerCallHandler<Q, R> next) {
    Status failure = decision.failure();
    if (failure == null) {
      boolean unary = call.getMethodDescriptor().getType() == MethodDescriptor.MethodType.UNARY;
      return next.startCall(
          decision.loseResponse() && unary ? new LostResponseCall<>(call) : call, headers);
    }
    Metadata trailers = new Metadata();
    if (decision.retryAfter() != null) {
      trailers.put(STATUS_DETAILS, throttleDetails(failure, decision.retryAfter()).toByteArray());
    }
    call.close(failure, trailers);
    return new ServerCall.Listener<>() {};
  }

  static RPCStatus throttleDetails(Status status, Duration retryAfter) {
    RPCRetryPolicy policy =
        RPCRetryPolicy.newBuilder().setRetryAfterSecs(retryAfter.toMillis() / 1000f).build();
    return RPCStatus.newBuilder()
        .setCode(status.getCode().value())
        .setMessage(status.getDescription() == null ? "" : status.getDescription())
        .addDetails(
            Any.newBuilder()
                .setTypeUrl(RETRY_POLICY_TYPE_URL)
                .setValue(policy.toByteString())
                .build())
        .build();
  }
}
