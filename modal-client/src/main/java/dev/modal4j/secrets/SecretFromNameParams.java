package dev.modal4j.secrets;

import dev.modal4j.internal.Args;
import java.util.List;
import java.util.Optional;

/**
 * Options of {@link Secrets#fromName(String, SecretFromNameParams)}.
 *
 * <pre>{@code
 * Secret s = modal.secrets().fromName("openai",
 *     SecretFromNameParams.builder().requiredKeys("OPENAI_API_KEY").build());
 * }</pre>
 */
public final class SecretFromNameParams {
  /** The client's environment, no required keys. */
  public static final SecretFromNameParams DEFAULT = builder().build();

  private final String environment;
  private final List<String> requiredKeys;

  private SecretFromNameParams(Builder b) {
    this.environment = b.environment;
    this.requiredKeys = b.requiredKeys;
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.environment = environment;
    b.requiredKeys = requiredKeys;
    return b;
  }

  /** The environment to look in; empty means the client's environment. */
  public Optional<String> environment() {
    return Optional.ofNullable(environment);
  }

  /** Keys the secret must hold; Modal refuses the lookup if one is missing. */
  public List<String> requiredKeys() {
    return requiredKeys;
  }

  @Override
  public String toString() {
    return "SecretFromNameParams{environment="
        + environment
        + ", requiredKeys="
        + requiredKeys
        + "}";
  }

  /** Builds {@link SecretFromNameParams}. */
  public static final class Builder {
    private String environment;
    private List<String> requiredKeys = List.of();

    private Builder() {}

    /** The environment to look in; "" means the client's environment. */
    public Builder environment(String environment) {
      Args.notNull(environment, "environment");
      this.environment = environment.isEmpty() ? null : environment;
      return this;
    }

    /** Keys the secret must hold (none null or blank). */
    public Builder requiredKeys(String... keys) {
      for (String k : Args.noNullElements(keys, "keys")) {
        Args.notBlank(k, "keys");
      }
      this.requiredKeys = List.of(keys);
      return this;
    }

    /** The immutable params. */
    public SecretFromNameParams build() {
      return new SecretFromNameParams(this);
    }
  }
}
