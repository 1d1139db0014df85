package dev.modal4j.internal;

import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The executors of one client, each with one job, so that no thread ever waits for work queued
 * behind itself:
 *
 * <ul>
 *   <li>{@link #caller()}: runs the caller's code (continuations of returned futures, item and
 *       result callbacks). The builder's executor, or a bounded pool the client owns. The SDK never
 *       waits for work on it.
 *   <li>{@link #rpc()}: gRPC callbacks and the SDK's own continuations. Bounded, always owned by
 *       the client, never blocks and never runs caller code.
 *   <li>{@link #blocking()}: the SDK's blocking roles (a map's input pump and output poller, blob
 *       HTTP transfers, blocking bridges). Elastic: a thread per running role, ended after 30 s
 *       idle; bounding it would let one role wait for another queued behind it.
 *   <li>{@link #scheduler()}: timers only.
 * </ul>
 */
final class ClientExecutors {
  private static final int CORES = Runtime.getRuntime().availableProcessors();

  /** Threads of the client-owned caller pool. */
  static final int CALLER_THREADS = Math.max(2, CORES);

  /** Threads of the gRPC callback pool. */
  static final int RPC_THREADS = Math.max(2, Math.min(8, CORES));

  private static final long IDLE_SECONDS = 30;

  private final ScheduledThreadPoolExecutor scheduler;
  private final ThreadPoolExecutor rpc;
  private final ThreadPoolExecutor blocking;
  private final ExecutorService caller;
  private final boolean ownsCaller;

  /** Creates the pools; {@code supplied} is the caller's executor, not shut down by close. */
  ClientExecutors(Optional<ExecutorService> supplied) {
    scheduler = new ScheduledThreadPoolExecutor(1, new DaemonThreads("modal4j-scheduler"));
    scheduler.setRemoveOnCancelPolicy(true);
    rpc = bounded(RPC_THREADS, "modal4j-rpc");
    blocking =
        new ThreadPoolExecutor(
            0,
            Integer.MAX_VALUE,
            IDLE_SECONDS,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            new DaemonThreads("modal4j-worker"));
    ownsCaller = supplied.isEmpty();
    caller = supplied.orElseGet(() -> bounded(CALLER_THREADS, "modal4j-callback"));
  }

  private static ThreadPoolExecutor bounded(int threads, String prefix) {
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            IDLE_SECONDS,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            new DaemonThreads(prefix));
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  ScheduledExecutorService scheduler() {
    return scheduler;
  }

  ExecutorService rpc() {
    return rpc;
  }

  ExecutorService blocking() {
    return blocking;
  }

  ExecutorService caller() {
    return caller;
  }

  /**
   * Stops the pools the client owns and waits up to about two seconds for their threads; a supplied
   * caller executor is left running.
   *
   * @return whether the waiting thread was interrupted
   */
  boolean shutdown() {
    blocking.shutdownNow();
    scheduler.shutdownNow();
    rpc.shutdown();
    if (ownsCaller) {
      caller.shutdown();
    }
    boolean interrupted = false;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    try {
      await(rpc, deadline);
      if (ownsCaller) {
        await(caller, deadline);
      }
      await(blocking, deadline);
      await(scheduler, deadline);
    } catch (InterruptedException e) {
      interrupted = true;
    }
    rpc.shutdownNow();
    if (ownsCaller) {
      caller.shutdownNow();
    }
    return interrupted;
  }

  private static void await(ExecutorService pool, long deadline) throws InterruptedException {
    pool.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
  }
}
