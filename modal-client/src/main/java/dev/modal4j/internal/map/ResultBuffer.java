package dev.modal4j.internal.map;

import dev.modal4j.functions.MapResult;
import dev.modal4j.internal.Futures;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Hands finished results to the consumer, in input order or as they come.
 *
 * <p>Every input holds one permit of {@code window} from before it is read until the consumer has
 * taken its result, so results waiting here (say, behind a slow first input) count against one
 * fixed bound together with the inputs in flight: memory stays bounded however slow the consumer
 * is.
 */
final class ResultBuffer<T> {
  private final boolean ordered;
  private final Semaphore window;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final Map<Integer, MapResult<T>> byIndex = new HashMap<>();
  private final ArrayDeque<MapResult<T>> arrived = new ArrayDeque<>();
  private int nextIndex;
  private long taken;
  private long total = -1;
  private RuntimeException failure;

  ResultBuffer(boolean ordered, Semaphore window) {
    this.ordered = ordered;
    this.window = window;
  }

  void put(int idx, MapResult<T> result) {
    lock.lock();
    try {
      if (ordered) {
        byIndex.put(idx, result);
      } else {
        arrived.add(result);
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** All inputs have been read; {@code count} results are to come in all. */
  void setTotal(long count) {
    lock.lock();
    try {
      total = count;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Ends the map with an error the consumer will see at its next take. */
  void fail(RuntimeException e) {
    lock.lock();
    try {
      if (failure == null) {
        failure = e;
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** The next result, or null when every result has been taken; blocks until one is ready. */
  MapResult<T> take() throws InterruptedException {
    lock.lockInterruptibly();
    try {
      while (true) {
        if (failure != null) {
          throw Futures.rethrow(failure);
        }
        MapResult<T> r = ordered ? byIndex.remove(nextIndex) : arrived.poll();
        if (r != null) {
          nextIndex++;
          taken++;
          window.release();
          return r;
        }
        if (total >= 0 && taken >= total) {
          return null;
        }
        changed.await(1, TimeUnit.SECONDS);
      }
    } finally {
      lock.unlock();
    }
  }

  long taken() {
    lock.lock();
    try {
      return taken;
    } finally {
      lock.unlock();
    }
  }
}
