package dev.modal4j.volumes;

import dev.modal4j.internal.Args;
import java.util.Optional;

/**
 * Options of {@link Volumes#fromName(String, VolumeFromNameParams)}.
 *
 * <pre>{@code
 * Volume v = modal.volumes().fromName("data",
 *     VolumeFromNameParams.builder().createIfMissing(true).build());
 * }</pre>
 */
public final class VolumeFromNameParams {
  /** The client's environment, no creation. */
  public static final VolumeFromNameParams DEFAULT = builder().build();

  private final String environment;
  private final boolean createIfMissing;

  private VolumeFromNameParams(Builder b) {
    this.environment = b.environment;
    this.createIfMissing = b.createIfMissing;
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these values. */
  public Builder toBuilder() {
    Builder b = new Builder().createIfMissing(createIfMissing);
    b.environment = environment;
    return b;
  }

  /** The environment to look in; empty means the client's environment. */
  public Optional<String> environment() {
    return Optional.ofNullable(environment);
  }

  /** Whether a missing volume is created. */
  public boolean createIfMissing() {
    return createIfMissing;
  }

  @Override
  public String toString() {
    return "VolumeFromNameParams{environment="
        + environment
        + ", createIfMissing="
        + createIfMissing
        + "}";
  }

  /** Builds {@link VolumeFromNameParams}. */
  public static final class Builder {
    private String environment;
    private boolean createIfMissing;

    private Builder() {}

    /** The environment to look in; "" means the client's environment. */
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

    /** The immutable params. */
    public VolumeFromNameParams build() {
      return new VolumeFromNameParams(this);
    }
  }
}
