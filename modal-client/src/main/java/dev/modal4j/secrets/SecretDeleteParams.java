package dev.modal4j.secrets;

import dev.modal4j.internal.Args;
import java.util.Optional;

/**
 * Options of {@link Secrets#delete(String, SecretDeleteParams)}.
 *
 * <pre>{@code
 * modal.secrets().delete("openai", SecretDeleteParams.builder().allowMissing(true).build());
 * }</pre>
 */
public final class SecretDeleteParams {
  /** The defaults. */
  public static final SecretDeleteParams DEFAULT = builder().build();

  private final String environment;
  private final boolean allowMissing;

  private SecretDeleteParams(Builder b) {
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

  /** Whether deleting a missing secret succeeds. */
  public boolean allowMissing() {
    return allowMissing;
  }

  @Override
  public String toString() {
    return "SecretDeleteParams{environment=" + environment + ", allowMissing=" + allowMissing + "}";
  }

  /** Builds {@link SecretDeleteParams}. */
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

    /** Deleting a secret that does not exist succeeds instead of throwing (default false). */
    public Builder allowMissing(boolean allowMissing) {
      this.allowMissing = allowMissing;
      return this;
    }

    /** The immutable params. */
    public SecretDeleteParams build() {
      return new SecretDeleteParams(this);
    }
  }
}
