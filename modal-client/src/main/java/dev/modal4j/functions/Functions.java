package dev.modal4j.functions;

import dev.modal4j.InvalidException;
import dev.modal4j.ModalException;
import dev.modal4j.NotFoundException;
import dev.modal4j.internal.Args;
import dev.modal4j.internal.CallerFutures;
import dev.modal4j.internal.ClientContext;
import dev.modal4j.internal.Futures;
import dev.modal4j.internal.invocation.FunctionInvoker;
import dev.modal4j.internal.invocation.FunctionTarget;
import dev.modal4j.proto.FunctionGetRequest;
import dev.modal4j.proto.ModalClientGrpc;
import io.grpc.Status;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Looks up deployed functions: {@code modal.functions().fromName("my-app", "square")}.
 *
 * <p>Class methods are not looked up here: use {@code modal.cls().fromName(app, "MyClass")}.
 */
public final class Functions {
  private final ClientContext context;
  private final FunctionInvoker invoker;

  /**
   * Used by {@link dev.modal4j.ModalClient}; applications obtain this service from the client.
   *
   * @param context the client's internals
   */
  public Functions(ClientContext context) {
    this.context = Args.notNull(context, "context");
    this.invoker = new FunctionInvoker(context);
  }

  /**
   * Looks up the function {@code name} of the deployed app {@code appName}, in the client's
   * environment, latest version.
   *
   * @throws NotFoundException if there is no such app or function
   * @throws InvalidException if a name is null or blank, or {@code name} names a class method
   */
  public Function fromName(String appName, String name) {
    return Futures.join(fromNameAsync(appName, name, FunctionFromNameParams.DEFAULT));
  }

  /**
   * Looks up the function {@code name} of the deployed app {@code appName}.
   *
   * @throws NotFoundException if there is no such app or function
   * @throws InvalidException if a name is null or blank, {@code params} is null, or {@code name}
   *     names a class method
   */
  public Function fromName(String appName, String name, FunctionFromNameParams params) {
    return Futures.join(fromNameAsync(appName, name, params));
  }

  /** The async form of {@link #fromName(String, String)}; fails with the same exceptions. */
  public CompletableFuture<Function> fromNameAsync(String appName, String name) {
    Args.notBlank(appName, "appName");
    Args.notBlank(name, "name");
    return fromNameAsync(appName, name, FunctionFromNameParams.DEFAULT);
  }

  /**
   * The async form of {@link #fromName(String, String, FunctionFromNameParams)}; fails with the
   * same exceptions.
   */
  public CompletableFuture<Function> fromNameAsync(
      String appName, String name, FunctionFromNameParams params) {
    FunctionGetRequest request = request(appName, name, params);
    try {
      context.checkOpen();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    String label = appName + "/" + name;
    CompletableFuture<Function> lookup =
        context
            .controlPlane()
            .unary(ModalClientGrpc.getFunctionGetMethod(), request)
            .handle(
                (r, e) -> {
                  if (e != null) {
                    throw notFound(e, "Function '" + label + "' not found");
                  }
                  return new Function(
                      context,
                      invoker,
                      new FunctionTarget(r.getFunctionId(), r.getHandleMetadata(), null, label));
                });
    return CallerFutures.hand(context, lookup);
  }

  /**
   * Looks up a deployed function by its id ({@code fu-...}).
   *
   * @throws NotFoundException if there is no such function
   * @throws InvalidException if the id is blank, or names a class or a server
   */
  public Function fromId(String functionId) {
    return Futures.join(fromIdAsync(functionId));
  }

  /** The async form of {@link #fromId(String)}; fails with the same exceptions. */
  public CompletableFuture<Function> fromIdAsync(String functionId) {
    Args.notBlank(functionId, "functionId");
    try {
      context.checkOpen();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    CompletableFuture<Function> lookup =
        context
            .controlPlane()
            .unary(
                dev.modal4j.proto.newer.NewerMethods.FUNCTION_GET_BY_ID,
                dev.modal4j.proto.newer.FunctionGetByIdRequest.newBuilder()
                    .setFunctionId(functionId)
                    .build())
            .handle(
                (r, e) -> {
                  if (e != null) {
                    throw notFound(e, "Function '" + functionId + "' not found");
                  }
                  if (r.getFunction().getIsServer()) {
                    throw new InvalidException(
                        functionId + " is a Server and cannot be loaded with functions().fromId()");
                  }
                  if (r.getFunction().getIsClass()) {
                    throw new InvalidException(
                        functionId + " is a Cls and cannot be loaded with functions().fromId()");
                  }
                  String name = r.getHandleMetadata().getFunctionName();
                  return new Function(
                      context,
                      invoker,
                      new FunctionTarget(
                          functionId,
                          r.getHandleMetadata(),
                          null,
                          name.isEmpty() ? functionId : name));
                });
    return CallerFutures.hand(context, lookup);
  }

  private FunctionGetRequest request(String appName, String name, FunctionFromNameParams params) {
    Args.notBlank(appName, "appName");
    Args.notBlank(name, "name");
    Args.notNull(params, "params");
    int dot = name.indexOf('.');
    if (dot >= 0) {
      String cls = name.substring(0, dot);
      String method = name.substring(dot + 1);
      throw new InvalidException(
          "'"
              + name
              + "' names a class method; functions().fromName() cannot look up methods. Use:\n"
              + "  Cls cls = modal.cls().fromName(\""
              + appName
              + "\", \""
              + cls
              + "\");\n"
              + "  Function m = cls.instance().method(\""
              + method
              + "\");");
    }
    return FunctionGetRequest.newBuilder()
        .setAppName(appName)
        .setObjectTag(name)
        .setEnvironmentName(params.environment().orElse(context.environment()))
        .setAppVersion(params.version().orElse(0))
        .build();
  }

  static RuntimeException notFound(Throwable e, String message) {
    Throwable cause = e;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof NotFoundException) {
      return new NotFoundException(message, cause, Status.Code.NOT_FOUND);
    }
    if (cause instanceof RuntimeException) {
      return (RuntimeException) cause;
    }
    return new ModalException(String.valueOf(cause), cause);
  }
}
