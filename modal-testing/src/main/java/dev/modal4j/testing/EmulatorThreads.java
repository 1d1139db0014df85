package dev.modal4j.testing;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Creates every thread of one emulator (daemon, named {@code modal-emulator-<role>-<n>}) and
 * remembers them, so that {@code close()} can wait until each has really ended.
 */
final class EmulatorThreads {
  private final Set<Thread> threads = ConcurrentHashMap.newKeySet();

  ThreadFactory factory(String role) {
    AtomicInteger n = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, "modal-emulator-" + role + "-" + n.incrementAndGet());
      thread.setDaemon(true);
      threads.add(thread);
      return thread;
    };
  }

  /** Waits up to {@code timeoutMillis} in all for the threads to end (after their pools stop). */
  void join(long timeoutMillis) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    for (Thread thread : threads) {
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (left <= 0 || thread == Thread.currentThread()) {
        continue;
      }
      try {
        thread.join(left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
