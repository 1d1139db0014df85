package dev.modal4j.queues;

import dev.modal4j.internal.Args;
import java.util.Optional;

/**
 * Options of {@link Queues#delete(String, QueueDeleteParams)}.
 *
 * <pre>{@code
 * modal.queues().delete("jobs", QueueDeleteParams.builder().allowMissing(true).build());
 * }</pre>
 */
public final class QueueDeleteParams {
  /** The defaults. */
  public static final QueueDeleteParams DEFAULT = builder().build();

  private final String environment;
  private final boolean allowMissing;

  private QueueDeleteParams(Builder b) {
    this.environment = b.environment;
    this.allowMissing = b.allowMissing;
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.environment = environment;
    b.allowMissing = allowMissing;
    return b;
  }

  /** The environment; empty means the client's environment. */
  public Optional<String> environment() {
    return Optional.ofNullable(environment);
  }

  /** Whether deleting a missing queue succeeds. */
  public boolean allowMissing() {
    return allowMissing;
  }

  /** The values, for logs. */
  @Override
  public String toString() {
    return "QueueDeleteParams{"
        + "environment="
        + environment
        + ", "
        + "allowMissing="
        + allowMissing
        + "}";
  }

  /** Builds {@link QueueDeleteParams}. */
  public static final class Builder {
    private String environment;
    private boolean allowMissing;

    private Builder() {}

    /** The environment; "" means the client's environment. */
    public Builder environment(String environment) {
      Args.notNull(environment, "environment");
      this.environment = environment.isEmpty() ? null : environment;
      return this;
    }

    /** Deleting a queue that does not exist succeeds instead of throwing (default false). */
    public Builder allowMissing(boolean allowMissing) {
      this.allowMissing = allowMissing;
      return this;
    }

    /** The immutable params. */
    public QueueDeleteParams build() {
      return new QueueDeleteParams(this);
    }
  }
}
