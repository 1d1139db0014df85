package dev.modal4j.internal.rpc;

import dev.modal4j.ModalException;
import dev.modal4j.internal.events.Events;
import dev.modal4j.internal.transport.NettyChannels;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One logical unary RPC: attempts, client retries and server-directed (throttle) retries, with one
 * idempotency key (protocol/functions.md §3). Waits are scheduled, never slept.
 */
final class UnaryCall<Q, R> implements CallRuntime.ActiveCall {
  private static final Logger log = LoggerFactory.getLogger(UnaryCall.class);
  private static final Duration MIN_THROTTLE_DELAY = Duration.ofMillis(100);

  private final Channel channel;
  private final CallRuntime rt;
  private final MethodDescriptor<Q, R> method;
  private final Q request;
  private final CallPolicy policy;
  private final String idempotencyKey = UUID.randomUUID().toString();
  private final CompletableFuture<R> result = new CompletableFuture<>();
  private final long start;
  private int retries;
  private int throttleRetries;
  private ClientCall<Q, R> current;
  private long attemptStart;
  private boolean lastRetryThrottled;
  private Future<?> pendingRetry;

  UnaryCall(
      Channel channel,
      CallRuntime rt,
      MethodDescriptor<Q, R> method,
      Q request,
      CallPolicy policy) {
    this.channel = channel;
    this.rt = rt;
    this.method = method;
    this.request = request;
    this.policy = policy;
    this.start = rt.nanoTime();
  }

  CompletableFuture<R> start() {
    if (!rt.register(this)) {
      result.completeExceptionally(CallRuntime.closedException());
      return result;
    }
    result.whenComplete((r, t) -> onDone());
    attempt();
    return result;
  }

  @Override
  public void abort(ModalException reason) {
    result.completeExceptionally(reason);
  }

  private void onDone() {
    rt.unregister(this);
    ClientCall<Q, R> call;
    Future<?> retry;
    synchronized (this) {
      call = current;
      retry = pendingRetry;
    }
    if (retry != null) {
      retry.cancel(false);
    }
    if (call != null && result.isCompletedExceptionally()) {
      call.cancel("modal4j call ended", null);
    }
  }

  private void attempt() {
    Metadata headers = new Metadata();
    ClientCall<Q, R> call;
    synchronized (this) {
      if (result.isDone()) {
        return;
      }
      long elapsed = rt.nanoTime() - start;
      headers.put(RpcHeaders.IDEMPOTENCY_KEY, idempotencyKey);
      headers.put(RpcHeaders.RETRY_ATTEMPT, Integer.toString(retries));
      headers.put(RpcHeaders.THROTTLE_RETRY_ATTEMPT, Integer.toString(throttleRetries));
      if (retries > 0) {
        headers.put(RpcHeaders.RETRY_DELAY, RpcHeaders.seconds(elapsed));
      }
      if (throttleRetries > 0) {
        headers.put(RpcHeaders.THROTTLE_RETRY_DELAY, RpcHeaders.seconds(elapsed));
      }
      call = channel.newCall(method, callOptions(rt, policy.attemptTimeout()));
      current = call;
      attemptStart = rt.nanoTime();
    }
    try {
      call.start(new Listener(), headers);
      call.request(2);
      call.sendMessage(request);
      call.halfClose();
    } catch (RuntimeException e) {
      call.cancel("modal4j failed to start the call", e);
      result.completeExceptionally(StatusMapping.toException(e));
      return;
    }
    if (result.isDone()) {
      call.cancel("modal4j call ended", null);
    }
  }

  static CallOptions callOptions(CallRuntime rt, Duration attemptTimeout) {
    CallOptions options =
        CallOptions.DEFAULT
            .withExecutor(rt.executor())
            .withMaxOutboundMessageSize(NettyChannels.MAX_MESSAGE_BYTES)
            .withMaxInboundMessageSize(NettyChannels.MAX_MESSAGE_BYTES);
    if (rt.credentials() != null) {
      options = options.withCallCredentials(rt.credentials());
    }
    if (attemptTimeout != null) {
      options = options.withDeadlineAfter(attemptTimeout.toNanos(), TimeUnit.NANOSECONDS);
    }
    return options;
  }

  private void onFailure(Status status, Metadata trailers) {
    if (result.isDone()) {
      return;
    }
    if (rt.isClosed()) {
      result.completeExceptionally(CallRuntime.closedException());
      return;
    }
    if (status.getCause() instanceof ModalException) {
      result.completeExceptionally(status.getCause());
      return;
    }
    Duration delay = retryDelay(status, trailers);
    if (delay == null) {
      result.completeExceptionally(StatusMapping.toException(status, trailers));
      return;
    }
    Events events = rt.events();
    if (events != null) {
      reportRetry(events, status, delay);
    }
    schedule(delay);
  }

  /** The wait before the next attempt, counting it; null when the call must fail now. */
  private synchronized Duration retryDelay(Status status, Metadata trailers) {
    Duration cap = rt.maxThrottleWait();
    Optional<Duration> serverDelay = ThrottleDetail.retryAfter(trailers);
    if (serverDelay.isPresent() && (cap == null || !cap.isZero())) {
      Duration delay =
          serverDelay.get().compareTo(MIN_THROTTLE_DELAY) < 0
              ? MIN_THROTTLE_DELAY
              : serverDelay.get();
      long elapsed = rt.nanoTime() - start;
      if (cap != null && elapsed + delay.toNanos() >= cap.toNanos()) {
        log.debug(
            "{}: server asked to retry after {}, past maxThrottleWait {}", name(), delay, cap);
        return null;
      }
      throttleRetries++;
      lastRetryThrottled = true;
      log.debug(
          "{}: {} with server retry policy; throttle retry {} in {}",
          name(),
          status.getCode(),
          throttleRetries,
          delay);
      return delay;
    }
    int max = policy.maxRetries();
    if (!policy.retryableCodes().contains(status.getCode())
        || (max != CallPolicy.UNLIMITED && retries >= max)) {
      return null;
    }
    retries++;
    lastRetryThrottled = false;
    Duration delay = policy.delayBeforeRetry(retries);
    log.debug("{}: {}; retry {} in {} ms", name(), status.getCode(), retries, delay.toMillis());
    return delay;
  }

  private void reportRetry(Events events, Status status, Duration delay) {
    boolean throttled;
    int n;
    synchronized (this) {
      throttled = lastRetryThrottled;
      n = throttled ? throttleRetries : retries;
    }
    String code = status.getCode().name();
    if (throttled) {
      events.throttled(name(), n, code, delay);
    } else {
      events.retry(name(), n, code, delay);
    }
  }

  /** Reports the attempt that just ended (before its retry, if any, is counted). */
  private void reportAttempt(Events events, Status status) {
    int attempt;
    long started;
    synchronized (this) {
      attempt = retries + throttleRetries + 1;
      started = attemptStart;
    }
    events.rpcEnd(name(), attempt, status.getCode().name(), rt.nanoTime() - started);
  }

  private void schedule(Duration delay) {
    try {
      Future<?> f =
          rt.scheduler().schedule(this::attemptOnExecutor, delay.toNanos(), TimeUnit.NANOSECONDS);
      synchronized (this) {
        pendingRetry = f;
      }
      if (result.isDone()) {
        f.cancel(false);
      }
    } catch (RejectedExecutionException e) {
      result.completeExceptionally(CallRuntime.closedException());
    }
  }

  private void attemptOnExecutor() {
    try {
      rt.executor().execute(this::attempt);
    } catch (RejectedExecutionException e) {
      result.completeExceptionally(CallRuntime.closedException());
    }
  }

  private String name() {
    return method.getBareMethodName();
  }

  private final class Listener extends ClientCall.Listener<R> {
    private R response;

    @Override
    public void onMessage(R message) {
      response = message;
    }

    @Override
    public void onClose(Status status, Metadata trailers) {
      Events events = rt.events();
      if (events != null) {
        reportAttempt(events, status.isOk() && response == null ? Status.INTERNAL : status);
      }
      if (status.isOk() && response != null) {
        result.complete(response);
      } else if (status.isOk()) {
        onFailure(Status.INTERNAL.withDescription("No response message from the server"), trailers);
      } else {
        onFailure(status, trailers);
      }
    }
  }
}
