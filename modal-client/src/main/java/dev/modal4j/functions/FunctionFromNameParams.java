package dev.modal4j.functions;

import dev.modal4j.InvalidException;
import dev.modal4j.internal.Args;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Options of {@link Functions#fromName(String, String, FunctionFromNameParams)}: which environment
 * to look in and which deployed version of the app to use.
 *
 * <pre>{@code
 * FunctionFromNameParams params =
 *     FunctionFromNameParams.builder().environment("staging").version(3).build();
 * }</pre>
 */
public final class FunctionFromNameParams {
  /** The defaults: the client's environment, the latest version. */
  public static final FunctionFromNameParams DEFAULT = builder().build();

  private final String environment;
  private final Integer version;

  private FunctionFromNameParams(Builder b) {
    this.environment = b.environment;
    this.version = b.version;
  }

  /** A new builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.environment = environment;
    b.version = version;
    return b;
  }

  /** The environment to look in; empty means the client's environment. */
  public Optional<String> environment() {
    return Optional.ofNullable(environment);
  }

  /** The app version to use; empty means the latest deployment. */
  public OptionalInt version() {
    return version == null ? OptionalInt.empty() : OptionalInt.of(version);
  }

  @Override
  public String toString() {
    return "FunctionFromNameParams{environment=" + environment + ", version=" + version + "}";
  }

  /** Builder of {@link FunctionFromNameParams}. */
  public static final class Builder {
    private String environment;
    private Integer version;

    private Builder() {}

    /** The environment to look in; "" means the client's environment. */
    public Builder environment(String environment) {
      Args.notNull(environment, "environment");
      this.environment = environment.isEmpty() ? null : environment;
      return this;
    }

    /**
     * The deployed app version to pin (1 or more).
     *
     * @throws InvalidException if {@code version} is less than 1
     */
    public Builder version(int version) {
      if (version < 1) {
        throw new InvalidException("version must be 1 or more, got " + version);
      }
      this.version = version;
      return this;
    }

    /** The immutable params. */
    public FunctionFromNameParams build() {
      return new FunctionFromNameParams(this);
    }
  }
}
