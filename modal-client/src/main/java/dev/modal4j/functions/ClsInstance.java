package dev.modal4j.functions;

import dev.modal4j.InvalidException;
import dev.modal4j.NotFoundException;
import dev.modal4j.internal.Args;
import dev.modal4j.internal.ClientContext;
import dev.modal4j.internal.Futures;
import dev.modal4j.internal.invocation.FunctionInvoker;
import dev.modal4j.internal.invocation.FunctionTarget;
import dev.modal4j.proto.FunctionHandleMetadata;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * An instance of a deployed class, with its parameters and options bound. {@link #method} gives a
 * {@link Function} for each of its methods, with everything a function offers ({@code remote},
 * {@code spawn}, ...).
 *
 * <pre>{@code
 * ClsInstance greeter = modal.cls().fromName("modal4j-demo", "Greeter").instance();
 * Function greet = greeter.method("greet");
 * String s = greet.remote(String.class, "Ada");   // "Hello, Ada!"
 * }</pre>
 */
public final class ClsInstance {
  private final ClientContext context;
  private final FunctionInvoker invoker;
  private final String label;
  private final String functionId;
  private final FunctionHandleMetadata metadata;

  ClsInstance(
      ClientContext context,
      FunctionInvoker invoker,
      String label,
      String functionId,
      FunctionHandleMetadata metadata) {
    this.context = context;
    this.invoker = invoker;
    this.label = label;
    this.functionId = functionId;
    this.metadata = metadata;
  }

  /** The id of the function serving this instance (bound or the class's service function). */
  public String functionId() {
    return functionId;
  }

  /** The names of the class's methods. */
  public Set<String> methodNames() {
    return new TreeSet<>(metadata.getMethodHandleMetadataMap().keySet());
  }

  /**
   * The method {@code name} of this instance, as a function.
   *
   * @throws NotFoundException if the class has no such method (the message lists its methods)
   * @throws InvalidException if {@code name} is null or blank
   */
  public Function method(String name) {
    Args.notBlank(name, "name");
    Map<String, FunctionHandleMetadata> methods = metadata.getMethodHandleMetadataMap();
    FunctionHandleMetadata m = methods.get(name);
    if (m == null) {
      throw new NotFoundException(
          "Method '"
              + name
              + "' not found on class '"
              + label
              + "'; its methods are: "
              + (methods.isEmpty() ? "(none)" : String.join(", ", methodNames())));
    }
    String methodName = m.getUseMethodName().isEmpty() ? name : m.getUseMethodName();
    return new Function(
        context, invoker, new FunctionTarget(functionId, m, methodName, label + "." + name));
  }

  /** The current load of this instance's containers. */
  public FunctionStats currentStats() {
    return service().currentStats();
  }

  /**
   * Overrides the autoscaler settings of this instance (its bound function) until the app's next
   * deploy.
   *
   * @return the settings now in effect, as Modal reports them
   */
  public AutoscalerSettings updateAutoscaler(UpdateAutoscalerParams params) {
    return Futures.join(updateAutoscalerAsync(params));
  }

  /** The async form of {@link #updateAutoscaler(UpdateAutoscalerParams)}. */
  public CompletableFuture<AutoscalerSettings> updateAutoscalerAsync(
      UpdateAutoscalerParams params) {
    Args.notNull(params, "params");
    return service().updateAutoscalerAsync(params);
  }

  private Function service() {
    return new Function(context, invoker, new FunctionTarget(functionId, metadata, null, label));
  }

  @Override
  public String toString() {
    return "ClsInstance{" + label + ", id=" + functionId + ", methods=" + methodNames() + "}";
  }
}
