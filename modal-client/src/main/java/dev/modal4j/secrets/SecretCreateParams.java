package dev.modal4j.secrets;

import dev.modal4j.internal.Args;
import java.util.Optional;

/**
 * Options of {@link Secrets#create(String, java.util.Map, SecretCreateParams)}.
 *
 * <pre>{@code
 * modal.secrets().create("openai", Map.of("OPENAI_API_KEY", key),
 *     SecretCreateParams.builder().overwrite(true).build());
 * }</pre>
 */
public final class SecretCreateParams {
  /** The defaults. */
  public static final SecretCreateParams DEFAULT = builder().build();

  private final String environment;
  private final boolean allowExisting;
  private final boolean overwrite;

  private SecretCreateParams(Builder b) {
    this.environment = b.environment;
    this.allowExisting = b.allowExisting;
    this.overwrite = b.overwrite;
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.environment = environment;
    b.allowExisting = allowExisting;
    b.overwrite = overwrite;
    return b;
  }

  /** The environment; empty means the client's environment. */
  public Optional<String> environment() {
    return Optional.ofNullable(environment);
  }

  /** Whether an existing secret of that name is kept (unchanged) instead of an error. */
  public boolean allowExisting() {
    return allowExisting;
  }

  /** Whether an existing secret of that name gets the new values. */
  public boolean overwrite() {
    return overwrite;
  }

  @Override
  public String toString() {
    return "SecretCreateParams{environment="
        + environment
        + ", allowExisting="
        + allowExisting
        + ", overwrite="
        + overwrite
        + "}";
  }

  /** Builds {@link SecretCreateParams}. */
  public static final class Builder {
    private String environment;
    private boolean allowExisting;
    private boolean overwrite;

    private Builder() {}

    /** The environment; "" means the client's environment. */
    public Builder environment(String environment) {
      Args.notNull(environment, "environment");
      this.environment = environment.isEmpty() ? null : environment;
      return this;
    }

    /** If the secret exists, keep it unchanged and return it instead of failing (default false). */
    public Builder allowExisting(boolean allowExisting) {
      this.allowExisting = allowExisting;
      return this;
    }

    /**
     * If the secret exists, replace its values, keeping its id (default false; wins over
     * allowExisting).
     */
    public Builder overwrite(boolean overwrite) {
      this.overwrite = overwrite;
      return this;
    }

    /** The immutable params. */
    public SecretCreateParams build() {
      return new SecretCreateParams(this);
    }
  }
}
