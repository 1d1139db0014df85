package dev.modal4j.internal.map;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Resubmits failed attempts: items that wait to retry are queued now or after their backoff (on the
 * scheduler), and one sender at a time drains the queue in batches of up to {@value
 * InputPump#BATCH_SIZE}.
 *
 * <p>Any thread may {@link #schedule}; the queue is thread-safe. The sender runs on one pool thread
 * at a time (guarded by {@code senderRunning}) and is the only one to take items from the queue.
 */
final class RetrySender {
  private final MapBackend backend;
  private final Executor executor;
  private final ScheduledExecutorService scheduler;
  private final MapProgressTracker progress;
  private final MapLifecycle lifecycle;
  private final ConcurrentLinkedQueue<MapItem> ready = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean senderRunning = new AtomicBoolean();

  RetrySender(
      MapBackend backend,
      Executor executor,
      ScheduledExecutorService scheduler,
      MapProgressTracker progress,
      MapLifecycle lifecycle) {
    this.backend = backend;
    this.executor = executor;
    this.scheduler = scheduler;
    this.progress = progress;
    this.lifecycle = lifecycle;
  }

  /** Resubmits {@code item}, which waits to retry, after {@code delay}. */
  void schedule(MapItem item, Duration delay) {
    if (delay.isZero()) {
      enqueue(item);
    } else {
      scheduler.schedule(() -> enqueue(item), delay.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void enqueue(MapItem item) {
    ready.add(item);
    kick();
  }

  private void kick() {
    if (!lifecycle.closed() && senderRunning.compareAndSet(false, true)) {
      try {
        executor.execute(this::drain);
      } catch (RuntimeException e) {
        senderRunning.set(false);
        lifecycle.fail(e, "resubmitting failed map inputs failed");
      }
    }
  }

  private void drain() {
    try {
      while (!lifecycle.closed()) {
        List<MapItem> batch = new ArrayList<>(InputPump.BATCH_SIZE);
        MapItem item;
        while (batch.size() < InputPump.BATCH_SIZE && (item = ready.poll()) != null) {
          if (item.beginRetry()) {
            batch.add(item);
          }
        }
        if (batch.isEmpty()) {
          break;
        }
        // counted before the request: its outputs, and so the map's end, can come before it returns
        progress.retried(batch.size());
        List<String> tokens = backend.retry(batch);
        long now = System.nanoTime();
        for (int i = 0; i < batch.size(); i++) {
          MapItem m = batch.get(i);
          Duration deferred = m.sent(i < tokens.size() ? tokens.get(i) : null, now);
          if (deferred != null) {
            schedule(m, deferred);
          }
        }
        progress.report();
      }
    } catch (RuntimeException e) {
      lifecycle.fail(e, "resubmitting failed map inputs failed");
    } finally {
      senderRunning.set(false);
      if (!ready.isEmpty()) {
        kick();
      }
    }
  }
}
