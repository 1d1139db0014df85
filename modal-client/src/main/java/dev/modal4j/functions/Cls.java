package dev.modal4j.functions;

import dev.modal4j.InvalidException;
import dev.modal4j.ModalException;
import dev.modal4j.internal.Args;
import dev.modal4j.internal.CallerFutures;
import dev.modal4j.internal.ClientContext;
import dev.modal4j.internal.Futures;
import dev.modal4j.internal.invocation.FunctionInvoker;
import dev.modal4j.internal.options.ClassParameters;
import dev.modal4j.internal.options.FunctionOptionsProto;
import dev.modal4j.internal.options.InstanceBinder;
import dev.modal4j.internal.options.OptionValues;
import dev.modal4j.proto.FunctionHandleMetadata;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A class deployed on Modal ({@code @app.cls()}), from {@link ClsService#fromName}. Make an
 * instance with its parameters, then call its methods:
 *
 * <pre>{@code
 * Cls greeter = modal.cls().fromName("modal4j-demo", "Greeter");
 * ClsInstance hi = greeter
 *     .withOptions(ClsOptions.builder().gpu("A100-80GB").build())
 *     .instance(Map.of("greeting", "Hi"));
 * String s = hi.method("greet").remote(String.class, "Ada");   // "Hi, Ada!"
 * }</pre>
 *
 * <p>{@code withOptions}, {@code withConcurrency} and {@code withBatching} return a new {@code
 * Cls}; this one is unchanged. Parameters are checked against the class's schema before anything is
 * sent. An instance is bound on Modal (FunctionBindParams) when the class has parameters or options
 * are set; the same parameters and options bind once and are reused.
 */
public final class Cls {
  private final ClientContext context;
  private final FunctionInvoker invoker;
  private final String label;
  private final String serviceFunctionId;
  private final FunctionHandleMetadata metadata;
  private final InstanceBinder binder;
  private final OptionValues options;

  Cls(
      ClientContext context,
      FunctionInvoker invoker,
      String label,
      String serviceFunctionId,
      FunctionHandleMetadata metadata,
      InstanceBinder binder) {
    this(context, invoker, label, serviceFunctionId, metadata, binder, OptionValues.EMPTY);
  }

  private Cls(
      ClientContext context,
      FunctionInvoker invoker,
      String label,
      String serviceFunctionId,
      FunctionHandleMetadata metadata,
      InstanceBinder binder,
      OptionValues options) {
    this.context = context;
    this.invoker = invoker;
    this.label = label;
    this.serviceFunctionId = serviceFunctionId;
    this.metadata = metadata;
    this.binder = binder;
    this.options = options;
  }

  /** The id of the class's service function ({@code fu-...}). */
  public String serviceFunctionId() {
    return serviceFunctionId;
  }

  /**
   * An instance with default parameters.
   *
   * @throws InvalidException if the class has a parameter without a default, or the options are
   *     inconsistent
   */
  public ClsInstance instance() {
    return Futures.join(instanceAsync(Map.of()));
  }

  /**
   * An instance with these parameters; parameters not given take their defaults.
   *
   * @throws InvalidException for an unknown parameter, a missing required one, a value of the wrong
   *     type (str: {@code String}, int: {@code Integer}/{@code Long}, bool: {@code Boolean}, bytes:
   *     {@code byte[]}), or inconsistent options; nothing is sent then
   */
  public ClsInstance instance(Map<String, ?> parameters) {
    return Futures.join(instanceAsync(parameters));
  }

  /** The async form of {@link #instance()}. */
  public CompletableFuture<ClsInstance> instanceAsync() {
    return instanceAsync(Map.of());
  }

  /** The async form of {@link #instance(Map)}. */
  public CompletableFuture<ClsInstance> instanceAsync(Map<String, ?> parameters) {
    Args.noNullKeys(parameters, "parameters");
    var schema = metadata.getClassParameterInfo().getSchemaList();
    var serialized = ClassParameters.serialize(schema, parameters, label);
    FunctionOptionsProto.validate(options);
    try {
      context.checkOpen();
      if (schema.isEmpty() && options.isEmpty()) {
        return CompletableFuture.completedFuture(
            new ClsInstance(context, invoker, label, serviceFunctionId, metadata));
      }
      return CallerFutures.hand(
          context,
          binder
              .bind(serialized, options)
              .thenApply(
                  r ->
                      new ClsInstance(
                          context, invoker, label, r.getBoundFunctionId(), r.getHandleMetadata())));
    } catch (ModalException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** A class whose instances use these options (merged over any set before). */
  public Cls withOptions(ClsOptions options) {
    Args.notNull(options, "options");
    return with(this.options.merge(options.values()));
  }

  /**
   * A class whose containers each take up to {@code maxInputs} inputs at once.
   *
   * @throws InvalidException if {@code maxInputs} is below 1
   */
  public Cls withConcurrency(int maxInputs) {
    return with(options.merge(OptionValues.EMPTY.toBuilder().concurrency(maxInputs, null).build()));
  }

  /**
   * A class whose containers each take up to {@code maxInputs} inputs at once, autoscaling to keep
   * about {@code targetInputs} per container.
   *
   * @throws InvalidException unless 1 &le; targetInputs &le; maxInputs
   */
  public Cls withConcurrency(int maxInputs, int targetInputs) {
    return with(
        options.merge(OptionValues.EMPTY.toBuilder().concurrency(maxInputs, targetInputs).build()));
  }

  /**
   * A class whose batched methods receive up to {@code maxBatchSize} inputs at once, waiting at
   * most {@code wait} to fill a batch.
   *
   * @throws InvalidException unless 1 &le; maxBatchSize &le; 1000 and 0 &le; wait &le; 10 minutes
   */
  public Cls withBatching(int maxBatchSize, Duration wait) {
    Args.notNull(wait, "wait");
    return with(options.merge(OptionValues.EMPTY.toBuilder().batching(maxBatchSize, wait).build()));
  }

  private Cls with(OptionValues merged) {
    return new Cls(context, invoker, label, serviceFunctionId, metadata, binder, merged);
  }

  @Override
  public String toString() {
    return "Cls{" + label + ", options=" + options + "}";
  }
}
