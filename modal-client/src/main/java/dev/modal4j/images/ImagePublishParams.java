package dev.modal4j.images;

import dev.modal4j.internal.Args;
import java.util.Optional;

/**
 * Options of {@link Image#publish(String, ImagePublishParams)}.
 *
 * <pre>{@code
 * image.publish("analytics-runtime:v1", ImagePublishParams.builder().environment("dev").build());
 * }</pre>
 */
public final class ImagePublishParams {
  /** The defaults: the client's environment. */
  public static final ImagePublishParams DEFAULT = builder().build();

  private final String environment;

  private ImagePublishParams(Builder b) {
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

  /** The environment to publish the image in; empty means the client's environment. */
  public Optional<String> environment() {
    return Optional.ofNullable(environment);
  }

  @Override
  public String toString() {
    return "ImagePublishParams{environment=" + environment + "}";
  }

  /** Builds {@link ImagePublishParams}. */
  public static final class Builder {
    private String environment;

    private Builder() {}

    /**
     * The environment to publish the image in; "" means the client's environment. Not allowed with
     * a name that holds a {@code /} (its namespace names the environment).
     */
    public Builder environment(String environment) {
      Args.notNull(environment, "environment");
      this.environment = environment.isEmpty() ? null : environment;
      return this;
    }

    /** The immutable params. */
    public ImagePublishParams build() {
      return new ImagePublishParams(this);
    }
  }
}
