package dev.modal4j.queues;

import dev.modal4j.internal.Args;
import java.util.Optional;

/**
 * Options of {@link Queues#list(QueueListParams)}.
 *
 * <pre>{@code
 * List<Queue> all = modal.queues().list(QueueListParams.builder().environment("dev").build());
 * }</pre>
 */
public final class QueueListParams {
  /** The defaults. */
  public static final QueueListParams DEFAULT = builder().build();

  private final String environment;

  private QueueListParams(Builder b) {
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

  @Override
  public String toString() {
    return "QueueListParams{environment=" + environment + "}";
  }

  /** Builds {@link QueueListParams}. */
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
    public QueueListParams build() {
      return new QueueListParams(this);
    }
  }
}
