package dev.modal4j.testing;

import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Honours {@code x-idempotency-key} on unary calls (innermost interceptor, after faults): the first
 * call with a key is served and its response recorded; a call with the same method and key gets
 * that response without being served again, waiting for it if the first call is still running.
 *
 * <p>If the first call is cancelled by its client before it has an outcome, calls waiting on it are
 * released with UNAVAILABLE after a grace period, and the key is free to be served again.
 */
final class IdempotencyInterceptor implements ServerInterceptor {
  static final Metadata.Key<String> KEY =
      Metadata.Key.of("x-idempotency-key", Metadata.ASCII_STRING_MARSHALLER);
  static final Duration CANCEL_GRACE = Duration.ofSeconds(2);

  private final IdempotencyCache cache;
  private final EmulatorStats stats;
  private final ScheduledExecutorService scheduler;

  IdempotencyInterceptor(
      IdempotencyCache cache, EmulatorStats stats, ScheduledExecutorService scheduler) {
    this.cache = cache;
    this.stats = stats;
    this.scheduler = scheduler;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    MethodDescriptor<Q, R> method = call.getMethodDescriptor();
    String key = headers.get(KEY);
    if (!cache.enabled()
        || method.getType() != MethodDescriptor.MethodType.UNARY
        || key == null
        || key.isEmpty()) {
      return next.startCall(call, headers);
    }
    IdempotencyCache.Claim claim = cache.claim(method.getFullMethodName() + " " + key);
    IdempotencyCache.Entry entry = claim.entry();
    if (claim.owner()) {
      ServerCall.Listener<Q> served = next.startCall(new RecordingCall<>(call, entry), headers);
      return new SimpleForwardingServerCallListener<>(served) {
        @Override
        public void onCancel() {
          releaseLater(entry);
          super.onCancel();
        }
      };
    }
    stats.recordReplay();
    entry.replayTo(call);
    return new ServerCall.Listener<>() {
      @Override
      public void onCancel() {
        entry.abandon(call);
      }
    };
  }

  private void releaseLater(IdempotencyCache.Entry entry) {
    if (entry.isDone()) {
      return;
    }
    Runnable release =
        () ->
            entry.failed(
                Status.UNAVAILABLE.withDescription(
                    "the first call with this idempotency key was cancelled; retry"),
                new Metadata());
    try {
      scheduler.schedule(release, CANCEL_GRACE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      release.run();
    }
  }

  /** Forwards the served call and records its outcome for the key. */
  private static final class RecordingCall<Q, R> extends SimpleForwardingServerCall<Q, R> {
    private final IdempotencyCache.Entry entry;
    private R response;

    RecordingCall(ServerCall<Q, R> call, IdempotencyCache.Entry entry) {
      super(call);
      this.entry = entry;
    }

    @Override
    public void sendMessage(R message) {
      response = message;
      super.sendMessage(message);
    }

    @Override
    public void close(Status status, Metadata trailers) {
      if (status.isOk() && response != null) {
        entry.succeeded(response);
      } else {
        Metadata copy = new Metadata();
        copy.merge(trailers);
        entry.failed(status.isOk() ? Status.INTERNAL.withDescription("no response") : status, copy);
      }
      super.close(status, trailers);
    }
  }
}
