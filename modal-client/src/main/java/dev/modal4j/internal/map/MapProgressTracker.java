package dev.modal4j.internal.map;

import dev.modal4j.functions.MapProgress;
import dev.modal4j.functions.MapProgressListener;
import dev.modal4j.internal.events.Events;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The counts of one map and their delivery to its {@link MapProgressListener}.
 *
 * <p>Any pipeline thread bumps a count and asks for a report. Snapshots are taken and handed to the
 * listener under one lock, one call at a time, and every count only grows, so no listener ever sees
 * a count go down. A thread that finds a report under way leaves its request for that thread to
 * pick up (nobody blocks on a slow listener). {@link #finish()} delivers the final snapshot and
 * ends reporting; {@link #stop()} ends it without one (the map failed or was closed).
 */
final class MapProgressTracker {
  private static final Logger log = LoggerFactory.getLogger(MapProgressTracker.class);

  private final MapProgressListener listener;
  private final Events events;
  private final String mapId;
  private final String functionName;
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong completed = new AtomicLong();
  private final AtomicLong retries = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private volatile boolean inputsDone;
  private volatile boolean ended;
  private final AtomicBoolean requested = new AtomicBoolean();
  private final ReentrantLock delivering = new ReentrantLock();

  /** {@code listener} may be null: then counts are kept and nothing is reported. */
  MapProgressTracker(MapProgressListener listener) {
    this(listener, null, "");
  }

  /**
   * As {@link #MapProgressTracker(MapProgressListener)}, also telling {@code events} (nullable).
   */
  MapProgressTracker(MapProgressListener listener, Events events, String functionName) {
    this.listener = listener;
    this.events = events;
    this.mapId = events == null ? null : events.newMapId();
    this.functionName = functionName;
  }

  void sent(int n) {
    sent.addAndGet(n);
  }

  void retried(int n) {
    retries.addAndGet(n);
  }

  /** One more input has its final result; {@code failed} if that result is a failure. */
  void completed(boolean failed) {
    if (failed) {
      failures.incrementAndGet();
    }
    completed.incrementAndGet();
  }

  long completed() {
    return completed.get();
  }

  void inputsDone() {
    inputsDone = true;
  }

  /** Reports the current counts, now or by the thread already reporting. */
  void report() {
    if ((listener == null && events == null) || ended) {
      return;
    }
    requested.set(true);
    while (requested.get() && delivering.tryLock()) {
      try {
        if (requested.getAndSet(false) && !ended) {
          deliver(snapshot());
        }
      } finally {
        delivering.unlock();
      }
    }
  }

  /**
   * Delivers the final snapshot (waiting for a report under way) and ends reporting. Called once,
   * when every input has its result and before the consumer can see the end.
   */
  void finish() {
    if (listener == null && events == null) {
      ended = true;
      return;
    }
    delivering.lock();
    try {
      if (!ended) {
        ended = true;
        MapProgress last = snapshot();
        deliver(last);
        if (events != null) {
          events.mapProgress(mapId, functionName, last, true);
        }
      }
    } finally {
      delivering.unlock();
    }
  }

  /** Ends reporting without a final snapshot; a report under way may still complete. */
  void stop() {
    if (events == null) {
      ended = true;
      return;
    }
    delivering.lock();
    try {
      if (!ended) {
        ended = true;
        events.mapProgress(mapId, functionName, snapshot(), true);
      }
    } finally {
      delivering.unlock();
    }
  }

  private MapProgress snapshot() {
    // read completed first: an output can overtake its put's response, and an input with an
    // output has been sent, so sent is at least completed (both only grow, so does their max)
    long done = completed.get();
    boolean allRead = inputsDone;
    return new MapProgress(
        Math.max(sent.get(), done), done, retries.get(), failures.get(), allRead);
  }

  private void deliver(MapProgress p) {
    if (events != null) {
      events.mapProgress(mapId, functionName, p, false);
    }
    if (listener == null) {
      return;
    }
    try {
      listener.onProgress(p);
    } catch (RuntimeException e) {
      log.warn("map progress listener threw; ignoring", e);
    }
  }
}
