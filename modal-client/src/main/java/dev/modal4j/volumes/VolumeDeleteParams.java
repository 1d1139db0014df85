package dev.modal4j.volumes;

import dev.modal4j.internal.Args;
import java.util.Optional;

/**
 * Options of {@link Volumes#delete(String, VolumeDeleteParams)}.
 *
 * <pre>{@code
 * modal.volumes().delete("data", VolumeDeleteParams.builder().allowMissing(true).build());
 * }</pre>
 */
public final class VolumeDeleteParams {
  /** The defaults. */
  public static final VolumeDeleteParams DEFAULT = builder().build();

  private final String environment;
  private final boolean allowMissing;

  private VolumeDeleteParams(Builder b) {
    this.environment = b.environment;
    this.allowMissing = b.allowMissing;
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.environment = environment;
    b.allowMissing = allowMissing;
    return b;
  }

  /** The environment; empty means the client's environment. */
  public Optional<String> environment() {
    return Optional.ofNullable(environment);
  }

  /** Whether deleting a missing volume succeeds. */
  public boolean allowMissing() {
    return allowMissing;
  }

  @Override
  public String toString() {
    return "VolumeDeleteParams{environment=" + environment + ", allowMissing=" + allowMissing + "}";
  }

  /** Builds {@link VolumeDeleteParams}. */
  public static final class Builder {
    private String environment;
    private boolean allowMissing;

    private Builder() {}

    /** The environment; "" means the client's environment. */
    public Builder environment(String environment) {
      Args.notNull(environment, "environment");
      this.environment = environment.isEmpty() ? null : environment;
      return this;
    }

    /** Deleting a volume that does not exist succeeds instead of throwing (default false). */
    public Builder allowMissing(boolean allowMissing) {
      this.allowMissing = allowMissing;
      return this;
    }

    /** The immutable params. */
    public VolumeDeleteParams build() {
      return new VolumeDeleteParams(this);
    }
  }
}
