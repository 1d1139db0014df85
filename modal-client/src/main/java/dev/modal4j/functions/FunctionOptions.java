package dev.modal4j.functions;

import dev.modal4j.InvalidException;
import dev.modal4j.internal.options.OptionValues;

/**
 * Options that override, for a function, what the deployment declares: resources, GPU, secrets,
 * volumes, retries, scaling and timeout. Immutable; build one with {@link #builder()}.
 *
 * <pre>{@code
 * Function f = modal.functions().fromName("my-app", "train")
 *     .withOptions(FunctionOptions.builder().gpu("H100:2").build())
 *     .instance();
 * }</pre>
 *
 * <p>Options are sent to Modal when an instance is bound. Combining options (calling {@code
 * withOptions} again, or {@link #merge}) lets each field set later win; secrets, volumes and env
 * are replaced as a whole, and a field cannot be unset. Each setter refuses a bad value with an
 * {@link InvalidException}; CPU and memory limits are checked against their requests when the
 * instance is bound, before any request is sent.
 */
public final class FunctionOptions extends ContainerOptions<FunctionOptions> {
  /** No options. */
  public static final FunctionOptions NONE = new FunctionOptions(OptionValues.EMPTY);

  private FunctionOptions(OptionValues v) {
    super(v);
  }

  static FunctionOptions of(OptionValues v) {
    return new FunctionOptions(v);
  }

  @Override
  FunctionOptions create(OptionValues values) {
    return new FunctionOptions(values);
  }

  /** A builder with no option set. */
  public static Builder builder() {
    return new Builder(OptionValues.EMPTY.toBuilder());
  }

  /** A builder holding these options. */
  public Builder toBuilder() {
    return new Builder(v.toBuilder());
  }

  /**
   * Builder for {@link FunctionOptions}; every setter refuses a bad value with an InvalidException.
   */
  public static final class Builder extends ContainerOptions.Builder<FunctionOptions, Builder> {
    private Builder(OptionValues.Builder v) {
      super(v);
    }

    @Override
    Builder self() {
      return this;
    }

    @Override
    public FunctionOptions build() {
      return new FunctionOptions(v.build());
    }
  }
}
