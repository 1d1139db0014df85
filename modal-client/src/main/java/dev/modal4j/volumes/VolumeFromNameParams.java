package dev.modal4j.volumes;

import dev.modal4j.internal.Args;
import java.util.Optional;

/**
 * Options of {@link Volumes#fromName(String, VolumeFromNameParams)}.
 *
 * <pre>{@code
 * Volume v = modal.volumes().fromName("data",
 *     VolumeFromNameParams.builder().createIfMissing(true).version(2).build());
 * }</pre>
 */
public final class VolumeFromNameParams {
  /** The defaults. */
  public static final VolumeFromNameParams DEFAULT = builder().build();

  private final String environment;
  private final boolean createIfMissing;
  private final int version;

  private VolumeFromNameParams(Builder b) {
    this.environment = b.environment;
    this.createIfMissing = b.createIfMissing;
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
    b.createIfMissing = createIfMissing;
    b.version = version;
    return b;
  }

  /** The environment; empty means the client's environment. */
  public Optional<String> environment() {
    return Optional.ofNullable(environment);
  }

  /** Whether a missing volume is created. */
  public boolean createIfMissing() {
    return createIfMissing;
  }

  /** The file-system version asked for (1 or 2); 0 lets Modal choose (v1 for a new volume). */
  public int version() {
    return version;
  }

  @Override
  public String toString() {
    return "VolumeFromNameParams{environment="
        + environment
        + ", createIfMissing="
        + createIfMissing
        + ", version="
        + version
        + "}";
  }

  /** Builds {@link VolumeFromNameParams}. */
  public static final class Builder {
    private String environment;
    private boolean createIfMissing;
    private int version;

    private Builder() {}

    /** The environment; "" means the client's environment. */
    public Builder environment(String environment) {
      Args.notNull(environment, "environment");
      this.environment = environment.isEmpty() ? null : environment;
      return this;
    }

    /** Creates the volume if it does not exist (default false). */
    public Builder createIfMissing(boolean createIfMissing) {
      this.createIfMissing = createIfMissing;
      return this;
    }

    /**
     * The file-system version (1 or 2) a created volume gets and a found one must have; 0 (the
     * default) accepts any.
     */
    public Builder version(int version) {
      if (version < 0 || version > 2) {
        throw new dev.modal4j.InvalidException(
            "version: must be 1 or 2 (or 0 for any), got " + version);
      }
      this.version = version;
      return this;
    }

    /** The immutable params. */
    public VolumeFromNameParams build() {
      return new VolumeFromNameParams(this);
    }
  }
}
