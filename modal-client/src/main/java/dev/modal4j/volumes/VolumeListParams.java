package dev.modal4j.volumes;

import dev.modal4j.internal.Args;
import java.util.Optional;

/**
 * Options of {@link Volumes#list(VolumeListParams)}.
 *
 * <pre>{@code
 * List<Volume> all = modal.volumes().list(VolumeListParams.builder().environment("dev").build());
 * }</pre>
 */
public final class VolumeListParams {
  /** The defaults. */
  public static final VolumeListParams DEFAULT = builder().build();

  private final String environment;

  private VolumeListParams(Builder b) {
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
    return "VolumeListParams{environment=" + environment + "}";
  }

  /** Builds {@link VolumeListParams}. */
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
    public VolumeListParams build() {
      return new VolumeListParams(this);
    }
  }
}
