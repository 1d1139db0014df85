package dev.modal4j;

import dev.modal4j.internal.Args;
import java.time.Duration;
import java.util.Objects;

/**
 * How Modal retries an input whose function call failed: up to {@code maxRetries} more attempts,
 * waiting {@code initialDelay × backoffCoefficient^(n-1)} (capped at {@code maxDelay}) before
 * attempt {@code n+1}.
 *
 * <pre>{@code
 * Retries r = Retries.builder(3).initialDelay(Duration.ofMillis(500)).build();
 * Retries fixed = Retries.fixedInterval(4); // 4 retries, 1 s apart
 * }</pre>
 *
 * <p>Modal's limits apply: 0 to 10 retries, a coefficient from 1.0 to 10.0, an initial delay from 0
 * to 60 s, and a maximum delay from 1 s to 60 s.
 */
public final class Retries {
  private static final Duration SIXTY_SECONDS = Duration.ofSeconds(60);

  private final int maxRetries;
  private final double backoffCoefficient;
  private final Duration initialDelay;
  private final Duration maxDelay;

  private Retries(Builder b) {
    this.maxRetries = b.maxRetries;
    this.backoffCoefficient = b.backoffCoefficient;
    this.initialDelay = b.initialDelay;
    this.maxDelay = b.maxDelay;
  }

  /**
   * A builder with Modal's defaults: coefficient 2.0, initial delay 1 s, maximum delay 60 s.
   *
   * @param maxRetries retries after the first attempt, 0 to 10 (checked by {@code build()})
   */
  public static Builder builder(int maxRetries) {
    return new Builder(maxRetries);
  }

  /**
   * {@code maxRetries} retries at a fixed 1 s interval (coefficient 1.0), as Modal's Python SDK
   * reads {@code retries=n}.
   *
   * @throws InvalidException if {@code maxRetries} is outside 0 to 10
   */
  public static Retries fixedInterval(int maxRetries) {
    return builder(maxRetries).backoffCoefficient(1.0).build();
  }

  /** A builder holding this policy's values. */
  public Builder toBuilder() {
    return new Builder(maxRetries)
        .backoffCoefficient(backoffCoefficient)
        .initialDelay(initialDelay)
        .maxDelay(maxDelay);
  }

  /** Retries after the first attempt. */
  public int maxRetries() {
    return maxRetries;
  }

  /** The factor by which the delay grows after each retry. */
  public double backoffCoefficient() {
    return backoffCoefficient;
  }

  /** The delay before the first retry. */
  public Duration initialDelay() {
    return initialDelay;
  }

  /** The longest delay between two attempts. */
  public Duration maxDelay() {
    return maxDelay;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Retries)) {
      return false;
    }
    Retries r = (Retries) o;
    return r.maxRetries == maxRetries
        && Double.compare(r.backoffCoefficient, backoffCoefficient) == 0
        && r.initialDelay.equals(initialDelay)
        && r.maxDelay.equals(maxDelay);
  }

  @Override
  public int hashCode() {
    return Objects.hash(maxRetries, backoffCoefficient, initialDelay, maxDelay);
  }

  @Override
  public String toString() {
    return "Retries{maxRetries="
        + maxRetries
        + ", backoffCoefficient="
        + backoffCoefficient
        + ", initialDelay="
        + initialDelay
        + ", maxDelay="
        + maxDelay
        + "}";
  }

  /** Builder for {@link Retries}; {@link #build()} checks Modal's limits. */
  public static final class Builder {
    private final int maxRetries;
    private double backoffCoefficient = 2.0;
    private Duration initialDelay = Duration.ofSeconds(1);
    private Duration maxDelay = SIXTY_SECONDS;

    private Builder(int maxRetries) {
      this.maxRetries = maxRetries;
    }

    /** The factor by which the delay grows after each retry, 1.0 to 10.0 (default 2.0). */
    public Builder backoffCoefficient(double backoffCoefficient) {
      this.backoffCoefficient = backoffCoefficient;
      return this;
    }

    /** The delay before the first retry, 0 to 60 s (default 1 s). */
    public Builder initialDelay(Duration initialDelay) {
      this.initialDelay = Args.notNull(initialDelay, "initialDelay");
      return this;
    }

    /** The longest delay between two attempts, 1 s to 60 s (default 60 s). */
    public Builder maxDelay(Duration maxDelay) {
      this.maxDelay = Args.notNull(maxDelay, "maxDelay");
      return this;
    }

    /**
     * The policy.
     *
     * @throws InvalidException naming the value outside Modal's limits
     */
    public Retries build() {
      if (maxRetries < 0 || maxRetries > 10) {
        throw new InvalidException(
            "Invalid maxRetries: " + maxRetries + ". Must be between 0 and 10.");
      }
      if (!(backoffCoefficient >= 1.0 && backoffCoefficient <= 10.0)) {
        throw new InvalidException(
            "Invalid backoffCoefficient: "
                + backoffCoefficient
                + ". Must be between 1.0 and 10.0.");
      }
      if (initialDelay.isNegative() || initialDelay.compareTo(SIXTY_SECONDS) > 0) {
        throw new InvalidException(
            "Invalid initialDelay: " + initialDelay + ". Must be between 0 and 60 s.");
      }
      if (maxDelay.compareTo(Duration.ofSeconds(1)) < 0 || maxDelay.compareTo(SIXTY_SECONDS) > 0) {
        throw new InvalidException(
            "Invalid maxDelay: " + maxDelay + ". Must be between 1 s and 60 s.");
      }
      return new Retries(this);
    }
  }
}
