package dev.modal4j.internal.map;

import dev.modal4j.ClientClosedException;
import dev.modal4j.ModalException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How one map ends: finished (every input has its result; the call is acknowledged), failed (an
 * error ends the results) or closed (the consumer stopped; the remote call is cancelled).
 *
 * <p>Any thread may end the map; each ending happens once. {@code closed} and {@code finished} are
 * the flags the other roles poll to stop; the parts to stop are attached once, by {@link
 * MapPipeline#start()}, and guarded by {@code lock}.
 */
final class MapLifecycle {
  private static final Logger log = LoggerFactory.getLogger(MapLifecycle.class);

  private final MapBackend backend;
  private final Executor executor;
  private final MapProgressTracker progress;
  private final Object lock = new Object();
  private final AtomicBoolean finished = new AtomicBoolean();
  private volatile boolean closed;

  /** The number of inputs once all were read, else -1. */
  private volatile int inputsRead = -1;

  private ResultBuffer<?> results;
  private Future<?> pump;
  private Future<?> poll;
  private PutSender puts;
  private LostInputCheck lostCheck;

  MapLifecycle(MapBackend backend, Executor executor, MapProgressTracker progress) {
    this.backend = backend;
    this.executor = executor;
    this.progress = progress;
  }

  /** The running parts of an opened map; {@code lostCheck} may be null. */
  void attach(
      ResultBuffer<?> results,
      Future<?> pump,
      Future<?> poll,
      PutSender puts,
      LostInputCheck lostCheck) {
    synchronized (lock) {
      this.results = results;
      this.pump = pump;
      this.poll = poll;
      this.puts = puts;
      this.lostCheck = lostCheck;
    }
  }

  /** True once the map was closed or failed. */
  boolean closed() {
    return closed;
  }

  /** True once the map finished, failed or was closed: nothing more to wait for. */
  boolean stopped() {
    return closed || finished.get();
  }

  /** The pump read every input: {@code count} results are to come in all. */
  void allInputsRead(int count) {
    inputsRead = count;
    progress.inputsDone();
    // finish before the consumer can see the end, so its close() never cancels a finished call
    if (!finishIfDone()) {
      progress.report();
    }
    resultsOrNull().setTotal(count);
  }

  /**
   * Finishes the map if every input was read and has its result: reports the final counts, stops
   * polling, acknowledges the call. Returns true for the one caller that finished it.
   */
  boolean finishIfDone() {
    int count = inputsRead;
    if (count < 0 || progress.completed() < count || !finished.compareAndSet(false, true)) {
      return false;
    }
    progress.finish();
    synchronized (lock) {
      if (lostCheck != null) {
        lostCheck.stop();
      }
      if (poll != null && !poll.isDone()) {
        poll.cancel(true);
      }
    }
    try {
      executor.execute(backend::acknowledge);
    } catch (RuntimeException e) {
      // the client is closing; the last result must still reach the consumer
      log.debug("map {} not acknowledged: {}", backend.functionCallId(), e.toString());
    }
    return true;
  }

  /** Ends the map with {@code e} (or a ModalException saying {@code what} failed). */
  void fail(RuntimeException e, String what) {
    if (closed) {
      return;
    }
    log.debug("map {} stopping: {}", backend.functionCallId(), what, e);
    RuntimeException surfaced =
        e instanceof ModalException ? e : new ModalException(what + ": " + e, e);
    ResultBuffer<?> r = resultsOrNull();
    if (r != null) {
      r.fail(surfaced);
    }
    shutdown(surfaced);
  }

  /** Stops every part; cancels the remote call unless it finished. {@code cause} null: closed. */
  void shutdown(RuntimeException cause) {
    ResultBuffer<?> r;
    boolean opened;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      progress.stop();
      if (lostCheck != null) {
        lostCheck.stop();
      }
      if (pump != null) {
        pump.cancel(true);
      }
      if (puts != null) {
        puts.cancelAll();
      }
      if (poll != null) {
        poll.cancel(true);
      }
      r = results;
      opened = results != null;
    }
    if (opened && !finished.get()) {
      backend.cancel();
    }
    if (r != null && cause == null) {
      r.fail(new ClientClosedException("the map was closed"));
    }
  }

  private ResultBuffer<?> resultsOrNull() {
    synchronized (lock) {
      return results;
    }
  }
}
