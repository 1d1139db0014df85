package dev.modal4j.testing.functions.internal;

import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads of the functions emulation: a bounded pool running handlers (like a fleet of
 * containers) and one scheduler thread for poll timeouts, function timeouts and expiry.
 */
public final class Workers implements AutoCloseable {
  private final ThreadPoolExecutor pool;
  private final ScheduledThreadPoolExecutor scheduler;

  /** Creates a pool of at most {@code threads} handler threads. */
  public Workers(int threads) {
    pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            daemonThreads("modal-emulator-fn-"));
    pool.allowCoreThreadTimeOut(true);
    scheduler = new ScheduledThreadPoolExecutor(1, daemonThreads("modal-emulator-fn-timer-"));
    scheduler.setRemoveOnCancelPolicy(true);
    scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
  }

  /** Runs a task on a handler thread. */
  public void execute(Runnable task) {
    pool.execute(task);
  }

  /** The scheduler for timeouts. */
  public ScheduledExecutorService scheduler() {
    return scheduler;
  }

  /** Interrupts running handlers and stops all threads. */
  @Override
  public void close() {
    pool.shutdownNow();
    scheduler.shutdownNow();
    try {
      pool.awaitTermination(5, TimeUnit.SECONDS);
      scheduler.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger n = new AtomicInteger();
    ThreadFactory base = Executors.defaultThreadFactory();
    return r -> {
      Thread t = base.newThread(r);
      t.setName(prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
