package dev.modal4j.functions;

import dev.modal4j.InvalidException;
import dev.modal4j.internal.Args;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The range, bucket width and groups of {@link
 * FunctionMetrics#export(FunctionMetricsExportParams)}.
 *
 * <pre>{@code
 * ObjectMetrics m = fn.metrics().export(FunctionMetricsExportParams.builder()
 *     .bucketSize(Duration.ofMinutes(5)).groups(List.of("calls")).build());
 * }</pre>
 */
public final class FunctionMetricsExportParams {
  /** The last hour, all groups, a bucket width Modal picks. */
  public static final FunctionMetricsExportParams DEFAULT = builder().build();

  private final Instant since;
  private final Instant until;
  private final Duration bucketSize;
  private final List<String> groups;
  private final boolean allVariants;

  private FunctionMetricsExportParams(Builder b) {
    this.since = b.since;
    this.until = b.until;
    this.bucketSize = b.bucketSize;
    this.groups = b.groups;
    this.allVariants = b.allVariants;
  }

  /** A new builder with nothing set. */
  public static Builder builder() {
    return new Builder();
  }

  /** Start of the range; when unset, one hour before {@link #until()}. */
  public Optional<Instant> since() {
    return Optional.ofNullable(since);
  }

  /** End of the range; when unset, the time of the call. */
  public Optional<Instant> until() {
    return Optional.ofNullable(until);
  }

  /** The bucket width (whole seconds, at least a minute); when unset, Modal picks one. */
  public Optional<Duration> bucketSize() {
    return Optional.ofNullable(bucketSize);
  }

  /** The groups exported; empty exports all. */
  public List<String> groups() {
    return groups;
  }

  /** Whether the function and all its variants are exported together. */
  public boolean allVariants() {
    return allVariants;
  }

  @Override
  public String toString() {
    return "FunctionMetricsExportParams{since="
        + since
        + ", until="
        + until
        + ", bucketSize="
        + bucketSize
        + ", groups="
        + groups
        + ", allVariants="
        + allVariants
        + "}";
  }

  static List<String> checkGroups(List<String> groups) {
    Args.noNullElements(groups, "groups");
    for (String g : groups) {
      if (g.isBlank()) {
        throw new InvalidException("groups must be nonempty group names");
      }
    }
    return List.copyOf(groups);
  }

  /** Builder of {@link FunctionMetricsExportParams}. */
  public static final class Builder {
    private Instant since;
    private Instant until;
    private Duration bucketSize;
    private List<String> groups = List.of();
    private boolean allVariants;

    private Builder() {}

    /** Start of the range. */
    public Builder since(Instant since) {
      this.since = Args.notNull(since, "since");
      return this;
    }

    /** End of the range. */
    public Builder until(Instant until) {
      this.until = Args.notNull(until, "until");
      return this;
    }

    /** The bucket width: whole seconds, at least one minute. */
    public Builder bucketSize(Duration bucketSize) {
      Args.notNull(bucketSize, "bucketSize");
      if (bucketSize.getNano() != 0
          || bucketSize.getSeconds() < 60
          || bucketSize.getSeconds() > 0xFFFF_FFFFL) {
        throw new InvalidException(
            "bucketSize must be a whole number of seconds, at least one minute: " + bucketSize);
      }
      this.bucketSize = bucketSize;
      return this;
    }

    /** Only these groups ({@code calls}, {@code containers}); empty exports all. */
    public Builder groups(List<String> groups) {
      this.groups = checkGroups(groups);
      return this;
    }

    /** Exports the function and all its variants together (default false). */
    public Builder allVariants(boolean allVariants) {
      this.allVariants = allVariants;
      return this;
    }

    /** The params. */
    public FunctionMetricsExportParams build() {
      return new FunctionMetricsExportParams(this);
    }
  }
}
