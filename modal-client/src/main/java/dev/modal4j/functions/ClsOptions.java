package dev.modal4j.functions;

import dev.modal4j.InvalidException;
import dev.modal4j.internal.options.OptionValues;

/**
 * Options that override, for the instances of a class, what the deployment declares: resources,
 * GPU, secrets, volumes, retries, scaling and timeout. Immutable; build one with {@link
 * #builder()}.
 *
 * <pre>{@code
 * ClsOptions gpuOptions = ClsOptions.builder().gpu("A100-80GB").memoryMiB(4096).timeout(Duration.ofMinutes(5)).build();
 * ClsInstance model = modal.cls().fromName("my-app", "Model").withOptions(gpuOptions).instance();
 * }</pre>
 *
 * <p>Options are sent to Modal when an instance is bound. Combining options (calling {@code
 * withOptions} again, or {@link #merge}) lets each field set later win; secrets, volumes and env
 * are replaced as a whole, and a field cannot be unset. Each setter refuses a bad value with an
 * {@link InvalidException}; CPU and memory limits are checked against their requests when the
 * instance is bound, before any request is sent.
 */
public final class ClsOptions extends ContainerOptions<ClsOptions> {
  /** No options. */
  public static final ClsOptions NONE = new ClsOptions(OptionValues.EMPTY);

  private ClsOptions(OptionValues v) {
    super(v);
  }

  static ClsOptions of(OptionValues v) {
    return new ClsOptions(v);
  }

  @Override
  ClsOptions create(OptionValues values) {
    return new ClsOptions(values);
  }

  /** A builder with no option set. */
  public static Builder builder() {
    return new Builder(OptionValues.EMPTY.toBuilder());
  }

  /** A builder holding these options. */
  public Builder toBuilder() {
    return new Builder(v.toBuilder());
  }

  /** Builder for {@link ClsOptions}; every setter refuses a bad value with an InvalidException. */
  public static final class Builder extends ContainerOptions.Builder<ClsOptions, Builder> {
    private Builder(OptionValues.Builder v) {
      super(v);
    }

    @Override
    Builder self() {
      return this;
    }

    @Override
    public ClsOptions build() {
      return new ClsOptions(v.build());
    }
  }
}
