package dev.modal4j.dicts;

import dev.modal4j.internal.Args;
import java.util.Optional;

/**
 * Options of {@link Dicts#ephemeral(DictEphemeralParams)}.
 *
 * <pre>{@code
 * try (Dict q = modal.dicts().ephemeral(DictEphemeralParams.builder().environment("dev").build())) {
 *   ...
 * }
 * }</pre>
 */
public final class DictEphemeralParams {
  /** The defaults. */
  public static final DictEphemeralParams DEFAULT = builder().build();

  private final String environment;

  private DictEphemeralParams(Builder b) {
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
    return "DictEphemeralParams{" + "environment=" + environment + "}";
  }

  /** Builds {@link DictEphemeralParams}. */
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
    public DictEphemeralParams build() {
      return new DictEphemeralParams(this);
    }
  }
}
