package dev.modal4j.internal.logs;

import dev.modal4j.ModalException;
import dev.modal4j.internal.ClientContext;
import dev.modal4j.internal.rpc.CallPolicy;
import dev.modal4j.internal.rpc.RpcInvoker;
import dev.modal4j.logs.LogEntry;
import dev.modal4j.proto.ModalClientGrpc;
import dev.modal4j.proto.TaskLogsBatch;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A live log stream as Modal's JS SDK follows one: AppGetLogs long polls of 55 s, each resumed
 * after the last entry id seen; a transient failure reconnects after 1 ms, then 10 ms, 100 ms and 1
 * s, at most 10 times in a row (a batch resets the count); the stream ends when no entry has
 * arrived for the idle timeout, when a batch says the app is done, or, for a function call, once
 * the stop check (polled every second) says all its inputs have finished, after a last short poll
 * of 0.5 s reads what remains.
 *
 * <p>The gRPC side only enqueues events; the caller's thread waits for them and decides.
 */
final class LiveLogs extends EntryIterator {
  static final float RPC_TIMEOUT_SECS = 55;
  static final float DRAIN_TIMEOUT_SECS = 0.5f;
  static final int RETRIES = 10;
  static final Duration STOP_POLL_INTERVAL = Duration.ofSeconds(1);

  private sealed interface Event permits Batch, Ended, Failed, Reconnect, StopChecked {}

  private record Batch(int attempt, TaskLogsBatch batch) implements Event {}

  private record Ended(int attempt) implements Event {}

  private record Failed(int attempt, Throwable error) implements Event {}

  private record Reconnect(int attempt) implements Event {}

  private record StopChecked(boolean stop, Throwable error) implements Event {}

  private final ClientContext context;
  private final Function<InFlight, LogScope> resolve;
  private final Duration idleTimeout;
  private final Supplier<CompletableFuture<Boolean>> stopCheck;
  private final LinkedBlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private LogScope scope;
  private int attempt;
  private volatile RpcInvoker.StreamHandle handle;
  private String lastEntryId = "";
  private int retriesLeft = RETRIES;
  private long delayMillis = 1;
  private long idleDeadline;
  private boolean draining;
  private boolean ended;
  private volatile ScheduledFuture<?> timer;

  /**
   * @param idleTimeout null for none
   * @param stopCheck null for none; otherwise completes with whether to stop
   */
  LiveLogs(
      ClientContext context,
      Function<InFlight, LogScope> resolve,
      Duration idleTimeout,
      Supplier<CompletableFuture<Boolean>> stopCheck) {
    this.context = context;
    this.resolve = resolve;
    this.idleTimeout = idleTimeout;
    this.stopCheck = stopCheck;
  }

  @Override
  protected boolean refill(ArrayDeque<LogEntry> out) {
    if (ended) {
      return false;
    }
    if (scope == null) {
      if (idleTimeout != null && idleTimeout.isZero()) {
        return false;
      }
      scope = resolve.apply(inFlight);
      resetIdle();
      connect(RPC_TIMEOUT_SECS);
      if (stopCheck != null) {
        checkStop();
      }
    }
    Event event;
    try {
      long wait = draining ? Long.MAX_VALUE : idleDeadline - System.nanoTime();
      if (wait <= 0) {
        return false;
      }
      event = events.poll(wait, TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ModalException("Interrupted while streaming logs", e);
    }
    if (event == null) {
      return !draining && idleDeadline - System.nanoTime() > 0;
    }
    return handle(event, out);
  }

  private boolean handle(Event event, ArrayDeque<LogEntry> out) {
    if (event instanceof Batch b) {
      if (b.attempt() != attempt) {
        return true;
      }
      retriesLeft = RETRIES;
      delayMillis = 1;
      if (!b.batch().getEntryId().isEmpty()) {
        lastEntryId = b.batch().getEntryId();
      }
      int before = out.size();
      LogEntries.addAll(b.batch(), scope.objectId, true, out);
      if (out.size() > before) {
        resetIdle();
      }
      if (b.batch().getAppDone()) {
        ended = true;
      }
      return true;
    }
    if (event instanceof Ended e) {
      if (e.attempt() != attempt) {
        return true;
      }
      if (draining) {
        return false;
      }
      connect(RPC_TIMEOUT_SECS);
      return true;
    }
    if (event instanceof Failed f) {
      if (f.attempt() != attempt) {
        return true;
      }
      handle = null;
      if (draining || !retryable(f.error()) || retriesLeft <= 0) {
        throw dev.modal4j.internal.Futures.propagate(f.error());
      }
      retriesLeft--;
      int expected = attempt;
      long delay = delayMillis;
      delayMillis = Math.min(1000, delayMillis * 10);
      timer =
          context
              .scheduler()
              .schedule(() -> events.add(new Reconnect(expected)), delay, TimeUnit.MILLISECONDS);
      return true;
    }
    if (event instanceof Reconnect r) {
      if (r.attempt() == attempt && !draining) {
        connect(RPC_TIMEOUT_SECS);
      }
      return true;
    }
    StopChecked s = (StopChecked) event;
    if (draining) {
      return true;
    }
    if (s.error() != null) {
      throw dev.modal4j.internal.Futures.propagate(s.error());
    }
    if (s.stop()) {
      draining = true;
      connect(DRAIN_TIMEOUT_SECS);
    } else {
      timer =
          context
              .scheduler()
              .schedule(this::checkStop, STOP_POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }
    return true;
  }

  private void connect(float timeoutSecs) {
    if (handle != null) {
      handle.cancel();
    }
    int current = ++attempt;
    handle =
        context
            .controlPlane()
            .serverStream(
                ModalClientGrpc.getAppGetLogsMethod(),
                LogRequests.live(scope, lastEntryId, timeoutSecs),
                new StreamObserver<TaskLogsBatch>() {
                  @Override
                  public void onNext(TaskLogsBatch value) {
                    events.add(new Batch(current, value));
                  }

                  @Override
                  public void onError(Throwable t) {
                    events.add(new Failed(current, t));
                  }

                  @Override
                  public void onCompleted() {
                    events.add(new Ended(current));
                  }
                });
  }

  private void checkStop() {
    if (inFlight.closed()) {
      return;
    }
    CompletableFuture<Boolean> check;
    try {
      check = inFlight.track(stopCheck.get());
    } catch (RuntimeException e) {
      return;
    }
    check.whenComplete((stop, error) -> events.add(new StopChecked(stop != null && stop, error)));
  }

  private void resetIdle() {
    idleDeadline = idleTimeout == null ? Long.MAX_VALUE : System.nanoTime() + idleTimeout.toNanos();
    if (idleDeadline < 0 && idleTimeout != null) {
      idleDeadline = Long.MAX_VALUE;
    }
  }

  private static boolean retryable(Throwable error) {
    Throwable e = dev.modal4j.internal.Futures.unwrap(error);
    return e instanceof ModalException m
        && m.statusCode().map(CallPolicy.RETRYABLE_CODES::contains).orElse(false);
  }

  @Override
  protected void release() {
    ScheduledFuture<?> t = timer;
    if (t != null) {
      t.cancel(false);
    }
    if (handle != null) {
      handle.cancel();
      handle = null;
    }
  }
}
