package dev.modal4j.internal.sandbox;

import dev.modal4j.internal.rpc.CallPolicy;
import dev.modal4j.internal.rpc.StatusMapping;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * One logical unary router call: attempts with the JWT only, one token refresh and retry on
 * UNAUTHENTICATED, transient codes retried as the {@link RouterPolicy} says, within its deadline.
 */
final class RouterCall<Q, R> {
  private static final Duration DEADLINE_GRACE = Duration.ofSeconds(1);

  private final RouterClient client;
  private final MethodDescriptor<Q, R> method;
  private final Q request;
  private final RouterPolicy policy;
  private final CompletableFuture<R> result = new CompletableFuture<>();
  private volatile ClientCall<Q, R> current;
  private volatile String token;
  private boolean authRetried;
  private int retries;
  private long delayNanos;

  RouterCall(RouterClient client, MethodDescriptor<Q, R> method, Q request, RouterPolicy policy) {
    this.client = client;
    this.method = method;
    this.request = request;
    this.policy = policy;
    this.delayNanos = policy.baseDelay.toNanos();
  }

  CompletableFuture<R> start() {
    result.whenComplete(
        (r, t) -> {
          ClientCall<Q, R> c = current;
          if (t != null && c != null) {
            c.cancel("modal4j call ended", null);
          }
        });
    if (client.auth().expiresSoon()) {
      client.auth().refresh(client.auth().token()).whenComplete((v, t) -> attempt());
    } else {
      attempt();
    }
    return result;
  }

  private void attempt() {
    if (result.isDone()) {
      return;
    }
    if (client.isClosed()) {
      result.completeExceptionally(client.closedException());
      return;
    }
    long now = System.nanoTime();
    if (policy.hasDeadline() && now - policy.deadlineNanos >= 0) {
      result.completeExceptionally(policy.onDeadline.get());
      return;
    }
    Duration timeout = policy.attemptTimeout;
    if (policy.hasDeadline()) {
      Duration left = Duration.ofNanos(policy.deadlineNanos - now).plus(DEADLINE_GRACE);
      timeout = timeout == null || left.compareTo(timeout) < 0 ? left : timeout;
    }
    ClientCall<Q, R> call = client.channel().newCall(method, client.callOptions(timeout));
    current = call;
    String used = client.auth().token();
    token = used;
    try {
      call.start(new Listener(), RouterAuth.headers(used));
      call.request(2);
      call.sendMessage(request);
      call.halfClose();
    } catch (RuntimeException e) {
      call.cancel("modal4j failed to start the call", e);
      result.completeExceptionally(StatusMapping.toException(e));
    }
  }

  private void onFailure(Status status, Metadata trailers) {
    if (result.isDone()) {
      return;
    }
    Status.Code code = status.getCode();
    if (client.isClosed()) {
      result.completeExceptionally(client.closedException());
      return;
    }
    if (code == Status.Code.UNAUTHENTICATED && !authRetried) {
      authRetried = true;
      client
          .auth()
          .refresh(token)
          .whenComplete(
              (v, t) -> {
                if (t != null) {
                  result.completeExceptionally(StatusMapping.toException(t));
                } else {
                  attempt();
                }
              });
      return;
    }
    boolean retryable = CallPolicy.RETRYABLE_CODES.contains(code);
    boolean budget = policy.maxRetries == RouterPolicy.UNLIMITED || retries < policy.maxRetries;
    if (policy.hasDeadline() && System.nanoTime() - policy.deadlineNanos >= 0) {
      result.completeExceptionally(policy.onDeadline.get());
      return;
    }
    if (!retryable || !budget) {
      result.completeExceptionally(StatusMapping.toException(status, trailers));
      return;
    }
    retries++;
    long sleep = delayNanos;
    if (policy.hasDeadline()) {
      sleep = Math.max(0, Math.min(sleep, policy.deadlineNanos - System.nanoTime()));
    }
    delayNanos = (long) (delayNanos * policy.factor);
    client.later(
        this::attempt, sleep, () -> result.completeExceptionally(client.closedException()));
  }

  private final class Listener extends ClientCall.Listener<R> {
    private R response;

    @Override
    public void onMessage(R message) {
      response = message;
    }

    @Override
    public void onClose(Status status, Metadata trailers) {
      if (status.isOk() && response != null) {
        result.complete(response);
      } else if (status.isOk()) {
        onFailure(Status.INTERNAL.withDescription("No response message from the router"), trailers);
      } else {
        onFailure(status, trailers);
      }
    }
  }
}
