package dev.modal4j.volumes;

import dev.modal4j.internal.Args;
import java.util.Optional;

/**
 * Options of {@link Volumes#ephemeral(VolumeEphemeralParams)}.
 *
 * <pre>{@code
 * Volume scratch = modal.volumes().ephemeral(VolumeEphemeralParams.builder().version(2).build());
 * }</pre>
 */
public final class VolumeEphemeralParams {
  /** The defaults. */
  public static final VolumeEphemeralParams DEFAULT = builder().build();

  private final String environment;
  private final int version;

  private VolumeEphemeralParams(Builder b) {
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

  /** The environment; empty means the client's environment. */
  public Optional<String> environment() {
    return Optional.ofNullable(environment);
  }

  /** The file-system version asked for (1 or 2); 0 lets Modal choose. */
  public int version() {
    return version;
  }

  @Override
  public String toString() {
    return "VolumeEphemeralParams{environment=" + environment + ", version=" + version + "}";
  }

  /** Builds {@link VolumeEphemeralParams}. */
  public static final class Builder {
    private String environment;
    private int version;

    private Builder() {}

    /** The environment; "" means the client's environment. */
    public Builder environment(String environment) {
      Args.notNull(environment, "environment");
      this.environment = environment.isEmpty() ? null : environment;
      return this;
    }

    /** The file-system version (1 or 2) of the new volume; 0 (the default) lets Modal choose. */
    public Builder version(int version) {
      if (version < 0 || version > 2) {
        throw new dev.modal4j.InvalidException(
            "version: must be 1 or 2 (or 0 for any), got " + version);
      }
      this.version = version;
      return this;
    }

    /** The immutable params. */
    public VolumeEphemeralParams build() {
      return new VolumeEphemeralParams(this);
    }
  }
}
