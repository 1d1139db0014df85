package dev.modal4j.functions;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import dev.modal4j.NotFoundException;
import dev.modal4j.internal.Args;
import dev.modal4j.internal.CallerFutures;
import dev.modal4j.internal.ClientContext;
import dev.modal4j.internal.Futures;
import dev.modal4j.internal.cbor.Cbor;
import dev.modal4j.internal.invocation.FunctionInvoker;
import dev.modal4j.proto.FunctionCallFromIdRequest;
import dev.modal4j.proto.ModalClientGrpc;
import java.util.concurrent.CompletableFuture;

/** Finds function calls by id: {@code modal.functionCalls().fromId("fc-...", Integer.class)}. */
public final class FunctionCalls {
  private final ClientContext context;
  private final FunctionInvoker invoker;

  /**
   * Used by {@link dev.modal4j.ModalClient}; applications obtain this service from the client.
   *
   * @param context the client's internals
   */
  public FunctionCalls(ClientContext context) {
    this.context = Args.notNull(context, "context");
    this.invoker = new FunctionInvoker(context);
  }

  /**
   * The call {@code functionCallId}, with an untyped result (maps, lists, strings, numbers).
   *
   * @throws NotFoundException if there is no such call
   */
  public FunctionCall<Object> fromId(String functionCallId) {
    return Futures.join(fromIdAsync(functionCallId, Object.class));
  }

  /**
   * The call {@code functionCallId}, whose result is decoded into {@code type}.
   *
   * @throws NotFoundException if there is no such call
   */
  public <T> FunctionCall<T> fromId(String functionCallId, Class<T> type) {
    return Futures.join(fromIdAsync(functionCallId, type));
  }

  /** The call {@code functionCallId}, with a generic result type. */
  public <T> FunctionCall<T> fromId(String functionCallId, TypeReference<T> type) {
    return Futures.join(fromIdAsync(functionCallId, type));
  }

  /** The async form of {@link #fromId(String)}. */
  public CompletableFuture<FunctionCall<Object>> fromIdAsync(String functionCallId) {
    Args.notBlank(functionCallId, "functionCallId");
    return fromIdAsync(functionCallId, Object.class);
  }

  /** The async form of {@link #fromId(String, Class)}. */
  public <T> CompletableFuture<FunctionCall<T>> fromIdAsync(String functionCallId, Class<T> type) {
    Args.notBlank(functionCallId, "functionCallId");
    Args.notNull(type, "type");
    return fromIdAsync(functionCallId, Cbor.type(type));
  }

  /** The async form of {@link #fromId(String, TypeReference)}. */
  public <T> CompletableFuture<FunctionCall<T>> fromIdAsync(
      String functionCallId, TypeReference<T> type) {
    Args.notBlank(functionCallId, "functionCallId");
    Args.notNull(type, "type");
    return fromIdAsync(functionCallId, Cbor.type(type));
  }

  private <T> CompletableFuture<FunctionCall<T>> fromIdAsync(String functionCallId, JavaType type) {
    try {
      context.checkOpen();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    CompletableFuture<FunctionCall<T>> lookup =
        context
            .controlPlane()
            .unary(
                ModalClientGrpc.getFunctionCallFromIdMethod(),
                FunctionCallFromIdRequest.newBuilder().setFunctionCallId(functionCallId).build())
            .handle(
                (r, e) -> {
                  if (e != null) {
                    throw Functions.notFound(e, "FunctionCall '" + functionCallId + "' not found");
                  }
                  return new FunctionCall<T>(
                          context, invoker, functionCallId, type, r.getNumInputs())
                      .from(r.getMetadata().getAppId(), r.getMetadata().getFunctionId());
                });
    return CallerFutures.hand(context, lookup);
  }
}
