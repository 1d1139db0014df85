package dev.modal4j.queues;

import dev.modal4j.internal.Args;
import java.util.Optional;

/**
 * Options of {@link Queues#ephemeral(QueueEphemeralParams)}.
 *
 * <pre>{@code
 * try (Queue q = modal.queues().ephemeral(QueueEphemeralParams.builder().environment("dev").build())) {
 *   ...
 * }
 * }</pre>
 */
public final class QueueEphemeralParams {
  /** The defaults. */
  public static final QueueEphemeralParams DEFAULT = builder().build();

  private final String environment;

  private QueueEphemeralParams(Builder b) {
    this.environment = b.environment;
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.environment = environment;
    return b;
  }

  /** The environment; empty means the client's environment. */
  public Optional<String> environment() {
    return Optional.ofNullable(environment);
  }

  /** The values, for logs. */
  @Override
  public String toString() {
    return "QueueEphemeralParams{" + "environment=" + environment + "}";
  }

  /** Builds {@link QueueEphemeralParams}. */
  public static final class Builder {
    private String environment;

    private Builder() {}

    /** The environment; "" means the client's environment. */
    public Builder environment(String environment) {
      Args.notNull(environment, "environment");
      this.environment = environment.isEmpty() ? null : environment;
      return this;
    }

    /** The immutable params. */
    public QueueEphemeralParams build() {
      return new QueueEphemeralParams(this);
    }
  }
}
