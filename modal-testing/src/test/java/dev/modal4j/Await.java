package dev.modal4j;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Waiting in tests for a condition, with a deadline: a poll of the condition (for state only
 * visible by asking, such as the emulator's stats), never a fixed sleep.
 */
public final class Await {
  private static final long POLL_MILLIS = 10;

  private Await() {}

  /**
   * Returns once {@code condition} holds; fails the test naming {@code what} if it still does not
   * after {@code timeout}.
   */
  public static void until(Duration timeout, String what, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("not within " + timeout + ": " + what);
      }
      TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
    }
  }
}
