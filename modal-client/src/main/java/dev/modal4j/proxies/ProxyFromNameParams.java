package dev.modal4j.proxies;

import dev.modal4j.internal.Args;
import java.util.Optional;

/** Options of {@link Proxies#fromName(String, ProxyFromNameParams)}: the environment. */
public final class ProxyFromNameParams {
  /** The defaults: the client's environment. */
  public static final ProxyFromNameParams DEFAULT = builder().build();

  private final String environment;

  private ProxyFromNameParams(Builder b) {
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
    return "ProxyFromNameParams{environment=" + environment + "}";
  }

  /** Builds {@link ProxyFromNameParams}. */
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
    public ProxyFromNameParams build() {
      return new ProxyFromNameParams(this);
    }
  }
}
