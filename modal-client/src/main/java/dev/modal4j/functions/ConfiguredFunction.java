package dev.modal4j.functions;

import com.google.protobuf.ByteString;
import dev.modal4j.InvalidException;
import dev.modal4j.ModalException;
import dev.modal4j.internal.Args;
import dev.modal4j.internal.CallerFutures;
import dev.modal4j.internal.ClientContext;
import dev.modal4j.internal.Futures;
import dev.modal4j.internal.invocation.FunctionInvoker;
import dev.modal4j.internal.invocation.FunctionTarget;
import dev.modal4j.internal.options.FunctionOptionsProto;
import dev.modal4j.internal.options.InstanceBinder;
import dev.modal4j.internal.options.OptionValues;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A deployed function with options that are not applied yet, from {@link
 * Function#withOptions(FunctionOptions)}. {@link #instance()} applies them on Modal and returns the
 * function to call:
 *
 * <pre>{@code
 * Function onGpu = modal.functions().fromName("my-app", "train")
 *     .withOptions(FunctionOptions.builder().gpu("H100").timeout(Duration.ofMinutes(30)).build())
 *     .instance();
 * onGpu.remote(String.class, "run-1");
 * }</pre>
 *
 * <p>Each {@code with...} method returns a new object, later values winning field by field. The
 * same options bind once per looked-up function and are reused.
 */
public final class ConfiguredFunction {
  private final ClientContext context;
  private final FunctionInvoker invoker;
  private final FunctionTarget target;
  private final InstanceBinder binder;
  private final OptionValues options;

  ConfiguredFunction(
      ClientContext context,
      FunctionInvoker invoker,
      FunctionTarget target,
      InstanceBinder binder,
      OptionValues options) {
    this.context = context;
    this.invoker = invoker;
    this.target = target;
    this.binder = binder;
    this.options = options;
  }

  /** These options merged with {@code options} (its set fields win). */
  public ConfiguredFunction withOptions(FunctionOptions options) {
    Args.notNull(options, "options");
    return with(this.options.merge(options.values()));
  }

  /**
   * Each container takes up to {@code maxInputs} inputs at once.
   *
   * @throws InvalidException if {@code maxInputs} is below 1
   */
  public ConfiguredFunction withConcurrency(int maxInputs) {
    return with(options.merge(OptionValues.EMPTY.toBuilder().concurrency(maxInputs, null).build()));
  }

  /**
   * Each container takes up to {@code maxInputs} inputs at once, autoscaling to keep about {@code
   * targetInputs} per container.
   *
   * @throws InvalidException unless 1 &le; targetInputs &le; maxInputs
   */
  public ConfiguredFunction withConcurrency(int maxInputs, int targetInputs) {
    return with(
        options.merge(OptionValues.EMPTY.toBuilder().concurrency(maxInputs, targetInputs).build()));
  }

  /**
   * Batched functions receive up to {@code maxBatchSize} inputs at once, waiting at most {@code
   * wait} to fill a batch.
   *
   * @throws InvalidException unless 1 &le; maxBatchSize &le; 1000 and 0 &le; wait &le; 10 minutes
   */
  public ConfiguredFunction withBatching(int maxBatchSize, Duration wait) {
    Args.notNull(wait, "wait");
    return with(options.merge(OptionValues.EMPTY.toBuilder().batching(maxBatchSize, wait).build()));
  }

  /**
   * Applies the options (FunctionBindParams) and returns the function that runs with them.
   *
   * @throws InvalidException if the options are inconsistent (e.g. a CPU limit below the request);
   *     nothing is sent then
   */
  public Function instance() {
    return Futures.join(instanceAsync());
  }

  /** The async form of {@link #instance()}. */
  public CompletableFuture<Function> instanceAsync() {
    FunctionOptionsProto.validate(options);
    try {
      context.checkOpen();
      if (options.isEmpty()) {
        return CompletableFuture.completedFuture(new Function(context, invoker, target));
      }
      return CallerFutures.hand(
          context,
          binder
              .bind(ByteString.EMPTY, options)
              .thenApply(
                  r ->
                      new Function(
                          context,
                          invoker,
                          new FunctionTarget(
                              r.getBoundFunctionId(),
                              r.getHandleMetadata(),
                              null,
                              target.label()))));
    } catch (ModalException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private ConfiguredFunction with(OptionValues merged) {
    return new ConfiguredFunction(context, invoker, target, binder, merged);
  }

  @Override
  public String toString() {
    return "ConfiguredFunction{" + target.label() + ", options=" + options + "}";
  }
}
