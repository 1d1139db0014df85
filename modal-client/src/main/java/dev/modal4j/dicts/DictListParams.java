package dev.modal4j.dicts;

import dev.modal4j.internal.Args;
import java.util.Optional;

/**
 * Options of {@link Dicts#list(DictListParams)}.
 *
 * <pre>{@code
 * List<Dict> all = modal.dicts().list(DictListParams.builder().environment("dev").build());
 * }</pre>
 */
public final class DictListParams {
  /** The defaults. */
  public static final DictListParams DEFAULT = builder().build();

  private final String environment;

  private DictListParams(Builder b) {
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
    return "DictListParams{environment=" + environment + "}";
  }

  /** Builds {@link DictListParams}. */
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
    public DictListParams build() {
      return new DictListParams(this);
    }
  }
}
