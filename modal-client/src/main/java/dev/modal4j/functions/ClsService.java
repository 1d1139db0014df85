package dev.modal4j.functions;

import dev.modal4j.InvalidException;
import dev.modal4j.ModalClient;
import dev.modal4j.ModalException;
import dev.modal4j.NotFoundException;
import dev.modal4j.internal.Args;
import dev.modal4j.internal.CallerFutures;
import dev.modal4j.internal.ClientContext;
import dev.modal4j.internal.Futures;
import dev.modal4j.internal.invocation.FunctionInvoker;
import dev.modal4j.internal.options.ClassParameters;
import dev.modal4j.internal.options.InstanceBinder;
import dev.modal4j.internal.options.Lookups;
import dev.modal4j.proto.FunctionGetRequest;
import dev.modal4j.proto.ModalClientGrpc;
import java.util.concurrent.CompletableFuture;

/**
 * Looks up classes deployed with {@code @app.cls()}. Get it from {@link ModalClient#cls()}.
 *
 * <pre>{@code
 * Cls greeter = modal.cls().fromName("modal4j-demo", "Greeter");
 * String s = greeter.instance(Map.of("greeting", "Hi")).method("greet").remote(String.class, "Ada");
 * }</pre>
 *
 * <p>The blocking methods throw the exceptions listed; the {@code Async} methods complete their
 * future exceptionally with the same exceptions, except that bad arguments are refused by both
 * forms with an {@link InvalidException} thrown from the call (see {@link dev.modal4j}).
 */
public final class ClsService {
  private final ClientContext context;
  private final FunctionInvoker invoker;

  /**
   * Used by {@link dev.modal4j.ModalClient}; applications obtain this service from the client.
   *
   * @param context the client's internals
   */
  public ClsService(ClientContext context) {
    this.context = Args.notNull(context, "context");
    this.invoker = new FunctionInvoker(context);
  }

  /**
   * The class {@code name} of the deployed app {@code appName}, in the client's environment, latest
   * version.
   *
   * @throws NotFoundException if there is no such app or class
   * @throws InvalidException if a name is null or blank, or the class takes parameters in a format
   *     other than Modal's PROTO format
   */
  public Cls fromName(String appName, String name) {
    return Futures.join(fromNameAsync(appName, name, ClsFromNameParams.DEFAULT));
  }

  /**
   * The class {@code name} of the deployed app {@code appName}, looked up as {@code params} say.
   *
   * @throws NotFoundException if there is no such app or class
   * @throws InvalidException if a name is null or blank, {@code params} is null, or the class's
   *     parameter format is not PROTO
   */
  public Cls fromName(String appName, String name, ClsFromNameParams params) {
    return Futures.join(fromNameAsync(appName, name, params));
  }

  /** The async form of {@link #fromName(String, String)}. */
  public CompletableFuture<Cls> fromNameAsync(String appName, String name) {
    Args.notBlank(appName, "appName");
    Args.notBlank(name, "name");
    return fromNameAsync(appName, name, ClsFromNameParams.DEFAULT);
  }

  /** The async form of {@link #fromName(String, String, ClsFromNameParams)}. */
  public CompletableFuture<Cls> fromNameAsync(
      String appName, String name, ClsFromNameParams params) {
    Args.notBlank(appName, "appName");
    Args.notBlank(name, "name");
    Args.notNull(params, "params");
    if (name.contains(".")) {
      throw new InvalidException("name must be a class name without '.', got '" + name + "'");
    }
    FunctionGetRequest request;
    try {
      context.checkOpen();
      request =
          FunctionGetRequest.newBuilder()
              .setAppName(appName)
              .setObjectTag(name + ".*")
              .setEnvironmentName(params.environment().orElse(context.environment()))
              .setAppVersion(params.version().orElse(0))
              .build();
    } catch (ModalException e) {
      return CompletableFuture.failedFuture(e);
    }
    String label = appName + "/" + name;
    CompletableFuture<Cls> lookup =
        Lookups.renameNotFound(
                context.controlPlane().unary(ModalClientGrpc.getFunctionGetMethod(), request),
                "Class '" + label + "' not found")
            .thenApply(
                r -> {
                  ClassParameters.checkFormat(r.getHandleMetadata().getClassParameterInfo(), label);
                  InstanceBinder binder =
                      new InstanceBinder(context, r.getFunctionId(), request.getEnvironmentName());
                  return new Cls(
                      context, invoker, label, r.getFunctionId(), r.getHandleMetadata(), binder);
                });
    return CallerFutures.hand(context, lookup);
  }
}
