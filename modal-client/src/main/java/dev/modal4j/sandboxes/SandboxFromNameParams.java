package dev.modal4j.sandboxes;

import dev.modal4j.internal.Args;
import java.util.Optional;

/** Options of {@link Sandboxes#fromName(String, String, SandboxFromNameParams)}. */
public final class SandboxFromNameParams {
  /** The client's environment. */
  public static final SandboxFromNameParams DEFAULT = builder().build();

  private final String environment;

  private SandboxFromNameParams(Builder b) {
    this.environment = b.environment;
  }

  /** A builder with nothing set. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.environment = environment;
    return b;
  }

  /** The environment to look in, if not the client's. */
  public Optional<String> environment() {
    return Optional.ofNullable(environment);
  }

  @Override
  public String toString() {
    return "SandboxFromNameParams{environment=" + environment + "}";
  }

  /** Builds {@link SandboxFromNameParams}. */
  public static final class Builder {
    private String environment;

    private Builder() {}

    /** The environment to look in ("" for the server's default). */
    public Builder environment(String environment) {
      this.environment = Args.notNull(environment, "environment");
      return this;
    }

    /** The params with the values set so far. */
    public SandboxFromNameParams build() {
      return new SandboxFromNameParams(this);
    }
  }
}
