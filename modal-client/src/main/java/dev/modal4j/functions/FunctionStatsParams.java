package dev.modal4j.functions;

import dev.modal4j.internal.Args;
import java.time.Instant;
import java.util.Optional;

/**
 * The time range and scope of {@link Function#stats(FunctionStatsParams)}.
 *
 * <pre>{@code
 * Instant until = Instant.now();
 * FunctionTimeRangeStats s = fn.stats(FunctionStatsParams.builder()
 *     .since(until.minus(Duration.ofDays(1))).until(until).allVariants(true).build());
 * }</pre>
 */
public final class FunctionStatsParams {
  /** No bounds set: the last hour, the function alone. */
  public static final FunctionStatsParams DEFAULT = builder().build();

  private final Instant since;
  private final Instant until;
  private final String container;
  private final boolean allVariants;

  private FunctionStatsParams(Builder b) {
    this.since = b.since;
    this.until = b.until;
    this.container = b.container;
    this.allVariants = b.allVariants;
  }

  /** A new builder with nothing set. */
  public static Builder builder() {
    return new Builder();
  }

  /** Inclusive start; when unset, one hour before {@link #until()}. */
  public Optional<Instant> since() {
    return Optional.ofNullable(since);
  }

  /** Exclusive end; when unset, the time of the call. */
  public Optional<Instant> until() {
    return Optional.ofNullable(until);
  }

  /** Restricts the statistics to this container id, if set. */
  public Optional<String> container() {
    return Optional.ofNullable(container);
  }

  /** Whether the function and all its parametrized variants are counted together. */
  public boolean allVariants() {
    return allVariants;
  }

  @Override
  public String toString() {
    return "FunctionStatsParams{since="
        + since
        + ", until="
        + until
        + ", container="
        + container
        + ", allVariants="
        + allVariants
        + "}";
  }

  /** Builder of {@link FunctionStatsParams}. */
  public static final class Builder {
    private Instant since;
    private Instant until;
    private String container;
    private boolean allVariants;

    private Builder() {}

    /** Inclusive start of the range. */
    public Builder since(Instant since) {
      this.since = Args.notNull(since, "since");
      return this;
    }

    /** Exclusive end of the range. */
    public Builder until(Instant until) {
      this.until = Args.notNull(until, "until");
      return this;
    }

    /** Only inputs run by this container ({@code ta-...}). */
    public Builder container(String container) {
      this.container = Args.notBlank(container, "container");
      return this;
    }

    /** Counts the function and all its variants together (default false). */
    public Builder allVariants(boolean allVariants) {
      this.allVariants = allVariants;
      return this;
    }

    /** The params. */
    public FunctionStatsParams build() {
      return new FunctionStatsParams(this);
    }
  }
}
