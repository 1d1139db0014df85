package dev.modal4j.internal.map;

import dev.modal4j.proto.FunctionRetryPolicy;
import java.time.Duration;

/** The delay before a policy retry, as Modal's SDKs compute it (functions.md §5.5). */
final class RetryDelays {
  private static final long MIN_MS = 1_000;
  private static final long MAX_MS = 86_400_000;

  private RetryDelays() {}

  /**
   * The delay before policy retry number {@code retry} (1-based), or null when the policy allows no
   * more retries.
   */
  static Duration delay(FunctionRetryPolicy policy, int retry) {
    if (retry > policy.getRetries()) {
      return null;
    }
    double coefficient = policy.getBackoffCoefficient() <= 0 ? 1.0 : policy.getBackoffCoefficient();
    double ms = policy.getInitialDelayMs() * Math.pow(coefficient, retry - 1);
    if (policy.getMaxDelayMs() > 0) {
      ms = Math.min(ms, policy.getMaxDelayMs());
    }
    long clamped = (long) Math.max(MIN_MS, Math.min(MAX_MS, ms));
    return Duration.ofMillis(clamped);
  }
}
