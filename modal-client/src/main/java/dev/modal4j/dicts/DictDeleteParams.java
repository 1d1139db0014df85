package dev.modal4j.dicts;

import dev.modal4j.internal.Args;
import java.util.Optional;

/**
 * Options of {@link Dicts#delete(String, DictDeleteParams)}.
 *
 * <pre>{@code
 * modal.dicts().delete("jobs", DictDeleteParams.builder().allowMissing(true).build());
 * }</pre>
 */
public final class DictDeleteParams {
  /** The defaults. */
  public static final DictDeleteParams DEFAULT = builder().build();

  private final String environment;
  private final boolean allowMissing;

  private DictDeleteParams(Builder b) {
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

  /** Whether deleting a missing dict succeeds. */
  public boolean allowMissing() {
    return allowMissing;
  }

  /** The values, for logs. */
  @Override
  public String toString() {
    return "DictDeleteParams{"
        + "environment="
        + environment
        + ", "
        + "allowMissing="
        + allowMissing
        + "}";
  }

  /** Builds {@link DictDeleteParams}. */
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

    /** Deleting a dict that does not exist succeeds instead of throwing (default false). */
    public Builder allowMissing(boolean allowMissing) {
      this.allowMissing = allowMissing;
      return this;
    }

    /** The immutable params. */
    public DictDeleteParams build() {
      return new DictDeleteParams(this);
    }
  }
}
