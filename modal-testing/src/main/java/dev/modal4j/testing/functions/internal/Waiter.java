package dev.modal4j.testing.functions.internal;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A parked long-poll request. It is answered once: when a matching output arrives, when its timeout
 * passes (with whatever is there), or never if the client went away.
 */
abstract class Waiter {
  private final AtomicBoolean done = new AtomicBoolean();
  private volatile ScheduledFuture<?> timer;

  /** Whether a new output should wake this waiter. Called under the call's lock. */
  abstract boolean wants(OutputEntry entry);

  /** Builds and sends the response. Called without holding the call's lock. */
  abstract void respond();

  void setTimer(ScheduledFuture<?> timer) {
    this.timer = timer;
    if (done.get()) {
      timer.cancel(false);
    }
  }

  /** Answers the request unless it has been answered or abandoned already. */
  final void fire() {
    if (done.compareAndSet(false, true)) {
      cancelTimer();
      respond();
    }
  }

  /** Marks the request abandoned (client cancelled); returns false if it was already done. */
  final boolean abandon() {
    if (done.compareAndSet(false, true)) {
      cancelTimer();
      return true;
    }
    return false;
  }

  final boolean isDone() {
    return done.get();
  }

  private void cancelTimer() {
    ScheduledFuture<?> t = timer;
    if (t != null) {
      t.cancel(false);
    }
  }
}
