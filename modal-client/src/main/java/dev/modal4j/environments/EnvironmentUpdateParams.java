package dev.modal4j.environments;

import dev.modal4j.InvalidException;
import dev.modal4j.internal.Args;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What {@link Environments#update(String, EnvironmentUpdateParams)} changes: a new name, a new web
 * suffix, new limits. At least one must be set.
 *
 * <pre>{@code
 * modal.environments().update("staging",
 *     EnvironmentUpdateParams.builder().newName("stage").webSuffix("stage").build());
 * }</pre>
 */
public final class EnvironmentUpdateParams {
  private final String newName;
  private final String webSuffix;
  private final Integer maxConcurrentTasks;
  private final Integer maxConcurrentGpus;

  private EnvironmentUpdateParams(Builder b) {
    this.newName = b.newName;
    this.webSuffix = b.webSuffix;
    this.maxConcurrentTasks = b.maxConcurrentTasks;
    this.maxConcurrentGpus = b.maxConcurrentGpus;
  }

  /** A builder with nothing set. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.newName = newName;
    b.webSuffix = webSuffix;
    b.maxConcurrentTasks = maxConcurrentTasks;
    b.maxConcurrentGpus = maxConcurrentGpus;
    return b;
  }

  /** The new name, if it is to change. */
  public Optional<String> newName() {
    return Optional.ofNullable(newName);
  }

  /** The new web suffix, if it is to change ("" is allowed: no suffix). */
  public Optional<String> webSuffix() {
    return Optional.ofNullable(webSuffix);
  }

  /** The new limit of concurrent containers, if it is to change. */
  public OptionalInt maxConcurrentTasks() {
    return maxConcurrentTasks == null ? OptionalInt.empty() : OptionalInt.of(maxConcurrentTasks);
  }

  /** The new limit of concurrent GPUs, if it is to change. */
  public OptionalInt maxConcurrentGpus() {
    return maxConcurrentGpus == null ? OptionalInt.empty() : OptionalInt.of(maxConcurrentGpus);
  }

  @Override
  public String toString() {
    return "EnvironmentUpdateParams{newName="
        + newName
        + ", webSuffix="
        + webSuffix
        + ", maxConcurrentTasks="
        + maxConcurrentTasks
        + ", maxConcurrentGpus="
        + maxConcurrentGpus
        + "}";
  }

  /** Builds {@link EnvironmentUpdateParams}. */
  public static final class Builder {
    private String newName;
    private String webSuffix;
    private Integer maxConcurrentTasks;
    private Integer maxConcurrentGpus;

    private Builder() {}

    /**
     * Renames the Environment.
     *
     * @throws InvalidException if the name is not a valid Environment name
     */
    public Builder newName(String newName) {
      this.newName = Environments.checkName(newName, "newName");
      return this;
    }

    /** Sets the suffix of its web endpoints' URLs. */
    public Builder webSuffix(String webSuffix) {
      this.webSuffix = Args.notNull(webSuffix, "webSuffix");
      return this;
    }

    /**
     * Sets the limit of concurrent containers.
     *
     * @throws InvalidException if it is negative
     */
    public Builder maxConcurrentTasks(int maxConcurrentTasks) {
      if (maxConcurrentTasks < 0) {
        throw new InvalidException("maxConcurrentTasks must not be negative");
      }
      this.maxConcurrentTasks = maxConcurrentTasks;
      return this;
    }

    /**
     * Sets the limit of concurrent GPUs.
     *
     * @throws InvalidException if it is negative
     */
    public Builder maxConcurrentGpus(int maxConcurrentGpus) {
      if (maxConcurrentGpus < 0) {
        throw new InvalidException("maxConcurrentGpus must not be negative");
      }
      this.maxConcurrentGpus = maxConcurrentGpus;
      return this;
    }

    /**
     * The immutable params.
     *
     * @throws InvalidException if nothing is set
     */
    public EnvironmentUpdateParams build() {
      if (newName == null
          && webSuffix == null
          && maxConcurrentTasks == null
          && maxConcurrentGpus == null) {
        throw new InvalidException(
            "EnvironmentUpdateParams: set at least one of newName, webSuffix, maxConcurrentTasks,"
                + " maxConcurrentGpus");
      }
      return new EnvironmentUpdateParams(this);
    }
  }
}
