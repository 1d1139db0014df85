package dev.modal4j.internal.map;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.Semaphore;

/**
 * Submits fresh inputs: each batch from the {@link InputPump} is put on a pool thread of its own,
 * so up to {@value #MAX_CONCURRENT_PUTS} puts are in flight at once and the pump is not held to one
 * round trip per batch.
 *
 * <p>The pump thread calls {@link #send}; the put threads own their batch until the put returned
 * and each item has its token; {@link #cancelAll} (on close) interrupts the puts still running.
 */
final class PutSender {
  static final int MAX_CONCURRENT_PUTS = 8;

  private final MapBackend backend;
  private final Executor executor;
  private final InFlight inFlight;
  private final RetrySender retries;
  private final MapProgressTracker progress;
  private final MapLifecycle lifecycle;
  private final Semaphore permits = new Semaphore(MAX_CONCURRENT_PUTS);
  private final Set<FutureTask<Void>> running = ConcurrentHashMap.newKeySet();

  PutSender(
      MapBackend backend,
      Executor executor,
      InFlight inFlight,
      RetrySender retries,
      MapProgressTracker progress,
      MapLifecycle lifecycle) {
    this.backend = backend;
    this.executor = executor;
    this.inFlight = inFlight;
    this.retries = retries;
    this.progress = progress;
    this.lifecycle = lifecycle;
  }

  /** Starts putting {@code batch}; blocks while {@value #MAX_CONCURRENT_PUTS} puts are running. */
  void send(List<MapItem> batch) throws InterruptedException {
    permits.acquire();
    FutureTask<Void> task =
        new FutureTask<>(
            () -> {
              try {
                put(batch);
              } catch (RuntimeException e) {
                lifecycle.fail(e, "sending map inputs failed");
              } finally {
                permits.release();
              }
            },
            null);
    running.add(task);
    try {
      executor.execute(
          () -> {
            try {
              task.run();
            } finally {
              running.remove(task);
            }
          });
    } catch (RuntimeException e) {
      running.remove(task);
      permits.release();
      throw e;
    }
  }

  /** Interrupts the puts still running (the map was closed). */
  void cancelAll() {
    for (FutureTask<Void> task : running) {
      task.cancel(true);
    }
  }

  private void put(List<MapItem> batch) {
    for (MapItem item : batch) {
      inFlight.add(item);
    }
    List<String> tokens = backend.put(batch);
    long now = System.nanoTime();
    for (int i = 0; i < batch.size(); i++) {
      MapItem item = batch.get(i);
      Duration deferred = item.sent(i < tokens.size() ? tokens.get(i) : "", now);
      if (deferred != null) {
        retries.schedule(item, deferred);
      }
    }
    progress.sent(batch.size());
    progress.report();
  }
}
