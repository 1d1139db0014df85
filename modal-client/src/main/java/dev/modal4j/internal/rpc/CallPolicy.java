package dev.modal4j.internal.rpc;

import io.grpc.Status;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * How one logical RPC is retried and bounded (protocol/functions.md §3).
 *
 * <p>{@link #DEFAULT}: the 5 retryable codes, 3 retries, 100 ms doubling to 1 s, no per-attempt
 * deadline. Long polls set an attempt timeout; map pumps set unlimited retries.
 */
public final class CallPolicy {
  /** Retries forever. */
  public static final int UNLIMITED = -1;

  /** The codes every policy retries. */
  public static final Set<Status.Code> RETRYABLE_CODES =
      Set.copyOf(
          EnumSet.of(
              Status.Code.DEADLINE_EXCEEDED,
              Status.Code.UNAVAILABLE,
              Status.Code.CANCELLED,
              Status.Code.INTERNAL,
              Status.Code.UNKNOWN));

  /** 3 retries, 100 ms doubling to 1 s, the 5 retryable codes, no attempt deadline. */
  public static final CallPolicy DEFAULT = builder().build();

  /** No retries at all. */
  public static final CallPolicy NO_RETRY = builder().maxRetries(0).build();

  private final int maxRetries;
  private final Duration baseDelay;
  private final Duration maxDelay;
  private final double delayFactor;
  private final Set<Status.Code> retryableCodes;
  private final Duration attemptTimeout;

  private CallPolicy(Builder b) {
    this.maxRetries = b.maxRetries;
    this.baseDelay = b.baseDelay;
    this.maxDelay = b.maxDelay;
    this.delayFactor = b.delayFactor;
    EnumSet<Status.Code> codes = EnumSet.copyOf(RETRYABLE_CODES);
    codes.addAll(b.extraCodes);
    this.retryableCodes = Set.copyOf(codes);
    this.attemptTimeout = b.attemptTimeout;
  }

  /** A builder starting from the defaults of {@link #DEFAULT}. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this policy's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.maxRetries = maxRetries;
    b.baseDelay = baseDelay;
    b.maxDelay = maxDelay;
    b.delayFactor = delayFactor;
    b.extraCodes.addAll(retryableCodes);
    b.attemptTimeout = attemptTimeout;
    return b;
  }

  /** Retries allowed after the first attempt; {@link #UNLIMITED} for no limit. */
  public int maxRetries() {
    return maxRetries;
  }

  /** The sleep before the first retry. */
  public Duration baseDelay() {
    return baseDelay;
  }

  /** The longest sleep between two attempts. */
  public Duration maxDelay() {
    return maxDelay;
  }

  /** The factor by which the sleep grows after each retry. */
  public double delayFactor() {
    return delayFactor;
  }

  /** The gRPC status codes that are retried. */
  public Set<Status.Code> retryableCodes() {
    return retryableCodes;
  }

  /** The deadline of each attempt, or null for none. */
  public Duration attemptTimeout() {
    return attemptTimeout;
  }

  /** The sleep before retry number {@code retry} (1-based): base × factor^(retry-1), capped. */
  public Duration delayBeforeRetry(int retry) {
    double ms = baseDelay.toMillis() * Math.pow(delayFactor, Math.max(0, retry - 1));
    return Duration.ofMillis((long) Math.min(ms, maxDelay.toMillis()));
  }

  /** Builder for {@link CallPolicy}. */
  public static final class Builder {
    private int maxRetries = 3;
    private Duration baseDelay = Duration.ofMillis(100);
    private Duration maxDelay = Duration.ofSeconds(1);
    private double delayFactor = 2.0;
    private final EnumSet<Status.Code> extraCodes = EnumSet.noneOf(Status.Code.class);
    private Duration attemptTimeout;

    private Builder() {}

    /** Sets the retries allowed after the first attempt ({@link #UNLIMITED} for no limit). */
    public Builder maxRetries(int maxRetries) {
      if (maxRetries < UNLIMITED) {
        throw new IllegalArgumentException("maxRetries must be >= 0 or UNLIMITED");
      }
      this.maxRetries = maxRetries;
      return this;
    }

    /** Sets the sleep before the first retry. */
    public Builder baseDelay(Duration d) {
      this.baseDelay = Objects.requireNonNull(d);
      return this;
    }

    /** Sets the longest sleep between two attempts. */
    public Builder maxDelay(Duration d) {
      this.maxDelay = Objects.requireNonNull(d);
      return this;
    }

    /** Sets the factor by which the sleep grows after each retry. */
    public Builder delayFactor(double f) {
      this.delayFactor = f;
      return this;
    }

    /** Retries this code too (e.g. RESOURCE_EXHAUSTED for map input pumps). */
    public Builder alsoRetry(Status.Code code) {
      extraCodes.add(code);
      return this;
    }

    /** Per-attempt deadline (null for none). */
    public Builder attemptTimeout(Duration d) {
      this.attemptTimeout = d;
      return this;
    }

    /** The policy with the values set so far. */
    public CallPolicy build() {
      return new CallPolicy(this);
    }
  }
}
