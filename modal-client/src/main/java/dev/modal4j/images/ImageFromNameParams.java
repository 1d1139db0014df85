package dev.modal4j.images;

import dev.modal4j.internal.Args;
import java.util.Optional;

/**
 * Options of {@link Images#fromName(String, ImageFromNameParams)}.
 *
 * <pre>{@code
 * modal.images().fromName("analytics-runtime:v1", ImageFromNameParams.builder().environment("dev").build());
 * }</pre>
 */
public final class ImageFromNameParams {
  /** The defaults: the client's environment. */
  public static final ImageFromNameParams DEFAULT = builder().build();

  private final String environment;

  private ImageFromNameParams(Builder b) {
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

  /** The environment to resolve the named image in; empty means the client's environment. */
  public Optional<String> environment() {
    return Optional.ofNullable(environment);
  }

  @Override
  public String toString() {
    return "ImageFromNameParams{environment=" + environment + "}";
  }

  /** Builds {@link ImageFromNameParams}. */
  public static final class Builder {
    private String environment;

    private Builder() {}

    /**
     * The environment to resolve the named image in; "" means the client's environment. Not allowed
     * with a name that holds a {@code /} (its namespace names the environment).
     */
    public Builder environment(String environment) {
      Args.notNull(environment, "environment");
      this.environment = environment.isEmpty() ? null : environment;
      return this;
    }

    /** The immutable params. */
    public ImageFromNameParams build() {
      return new ImageFromNameParams(this);
    }
  }
}
