package dev.modal4j.secrets;

import dev.modal4j.internal.Args;
import java.util.Optional;

/**
 * Options of {@link Secrets#list(SecretListParams)}.
 *
 * <pre>{@code
 * List<Secret> all = modal.secrets().list(SecretListParams.builder().environment("dev").build());
 * }</pre>
 */
public final class SecretListParams {
  /** The defaults. */
  public static final SecretListParams DEFAULT = builder().build();

  private final String environment;

  private SecretListParams(Builder b) {
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
    return "SecretListParams{environment=" + environment + "}";
  }

  /** Builds {@link SecretListParams}. */
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
    public SecretListParams build() {
      return new SecretListParams(this);
    }
  }
}
