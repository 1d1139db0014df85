package dev.modal4j.internal.sandbox;

import dev.modal4j.ModalException;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * How one command-router call is retried (protocol/resources.md §5.9): the transient codes, a base
 * delay that grows by a factor, a retry count (or none), a per-attempt deadline, and an overall
 * deadline after which the call fails with the exception {@code onDeadline} makes.
 */
public final class RouterPolicy {
  /** Retries without a limit. */
  public static final int UNLIMITED = -1;

  /** 10 ms doubling, 10 retries, no deadlines: every unary router call. */
  public static final RouterPolicy DEFAULT =
      new RouterPolicy(Duration.ofMillis(10), 2, 10, null, Long.MAX_VALUE, null);

  final Duration baseDelay;
  final double factor;
  final int maxRetries;
  final Duration attemptTimeout;
  final long deadlineNanos;
  final Supplier<ModalException> onDeadline;

  /**
   * @param attemptTimeout each attempt's deadline, or null
   * @param deadlineNanos the overall deadline on {@link System#nanoTime()}'s clock, or {@code
   *     Long.MAX_VALUE} for none
   * @param onDeadline the failure once the overall deadline has passed (may be null without one)
   */
  public RouterPolicy(
      Duration baseDelay,
      double factor,
      int maxRetries,
      Duration attemptTimeout,
      long deadlineNanos,
      Supplier<ModalException> onDeadline) {
    this.baseDelay = baseDelay;
    this.factor = factor;
    this.maxRetries = maxRetries;
    this.attemptTimeout = attemptTimeout;
    this.deadlineNanos = deadlineNanos;
    this.onDeadline = onDeadline;
  }

  /** This policy with an overall deadline. */
  public RouterPolicy withDeadline(long deadlineNanos, Supplier<ModalException> onDeadline) {
    return new RouterPolicy(
        baseDelay, factor, maxRetries, attemptTimeout, deadlineNanos, onDeadline);
  }

  boolean hasDeadline() {
    return deadlineNanos != Long.MAX_VALUE;
  }
}
