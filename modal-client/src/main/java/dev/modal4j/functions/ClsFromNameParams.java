package dev.modal4j.functions;

import dev.modal4j.InvalidException;
import dev.modal4j.internal.Args;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Options of {@link ClsService#fromName(String, String, ClsFromNameParams)}: the environment to
 * look in and the deployed version of the app to use.
 *
 * <pre>{@code
 * Cls model = modal.cls().fromName("my-app", "Model",
 *     ClsFromNameParams.builder().environment("staging").version(3).build());
 * }</pre>
 */
public final class ClsFromNameParams {
  /** The client's environment, the latest version. */
  public static final ClsFromNameParams DEFAULT = builder().build();

  private final String environment;
  private final Integer version;

  private ClsFromNameParams(Builder b) {
    this.environment = b.environment;
    this.version = b.version;
  }

  /** A builder with the defaults. */
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
    return "ClsFromNameParams{environment=" + environment + ", version=" + version + "}";
  }

  /** Builds {@link ClsFromNameParams}. */
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
     * A version-pinned deployment of the app (1 or more).
     *
     * @throws InvalidException if {@code version} is below 1
     */
    public Builder version(int version) {
      if (version < 1) {
        throw new InvalidException("version must be 1 or more, got " + version);
      }
      this.version = version;
      return this;
    }

    /** The immutable params. */
    public ClsFromNameParams build() {
      return new ClsFromNameParams(this);
    }
  }
}
