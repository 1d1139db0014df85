package dev.modal4j.internal.map;

import dev.modal4j.InternalFailureException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the input plane, every {@value #INTERVAL_MS} ms, which running attempts it lost, and
 * schedules their retries.
 *
 * <p>Triggered by the scheduler, run on a pool thread; {@code checking} makes sure only one check
 * runs at a time, so one check owns its snapshot of attempts from request to answer.
 */
final class LostInputCheck {
  static final long INTERVAL_MS = 1_000;
  private static final Logger log = LoggerFactory.getLogger(LostInputCheck.class);

  private final MapBackend backend;
  private final Executor executor;
  private final ScheduledExecutorService scheduler;
  private final InFlight inFlight;
  private final RetrySender retries;
  private final MapLifecycle lifecycle;
  private final AtomicBoolean checking = new AtomicBoolean();
  private ScheduledFuture<?> timer;
  private boolean stopped;

  LostInputCheck(
      MapBackend backend,
      Executor executor,
      ScheduledExecutorService scheduler,
      InFlight inFlight,
      RetrySender retries,
      MapLifecycle lifecycle) {
    this.backend = backend;
    this.executor = executor;
    this.scheduler = scheduler;
    this.inFlight = inFlight;
    this.retries = retries;
    this.lifecycle = lifecycle;
  }

  synchronized void start() {
    if (!stopped) {
      timer =
          scheduler.scheduleWithFixedDelay(
              this::trigger, INTERVAL_MS, INTERVAL_MS, TimeUnit.MILLISECONDS);
    }
  }

  synchronized void stop() {
    stopped = true;
    if (timer != null) {
      timer.cancel(false);
    }
  }

  private void trigger() {
    if (checking.compareAndSet(false, true)) {
      try {
        executor.execute(this::check);
      } catch (RuntimeException e) {
        checking.set(false);
        log.debug("lost-input check not started: {}", e.toString());
      }
    }
  }

  private void check() {
    try {
      if (lifecycle.stopped()) {
        return;
      }
      List<MapItem> waiting = new ArrayList<>();
      List<Integer> attempts = new ArrayList<>();
      for (MapItem item : inFlight.items()) {
        int attempt = item.runningAttempt();
        if (attempt >= 0) {
          waiting.add(item);
          attempts.add(attempt);
        }
      }
      if (waiting.isEmpty()) {
        return;
      }
      List<Boolean> lost = backend.checkLost(waiting);
      for (int i = 0; i < waiting.size() && i < lost.size(); i++) {
        if (lost.get(i) && !retryIfLost(waiting.get(i), attempts.get(i))) {
          return;
        }
      }
    } catch (RuntimeException e) {
      if (!lifecycle.stopped()) {
        log.debug("lost-input check failed; will check again", e);
      }
    } finally {
      checking.set(false);
    }
  }

  /** False when the input was lost too often and the map failed. */
  private boolean retryIfLost(MapItem item, int attempt) {
    switch (item.lost(attempt)) {
      case RETRY:
        retries.schedule(item, Duration.ZERO);
        return true;
      case GIVE_UP:
        lifecycle.fail(
            new InternalFailureException(
                "input " + item.idx + " was lost " + item.systemRetries() + " times"),
            "map input lost");
        return false;
      default:
        return true;
    }
  }
}
