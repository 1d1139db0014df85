package dev.modal4j.internal.invocation;

import com.fasterxml.jackson.databind.JavaType;
import dev.modal4j.InvalidException;
import dev.modal4j.internal.ClientContext;
import dev.modal4j.internal.blob.BlobClient;
import dev.modal4j.internal.cbor.Cbor;
import dev.modal4j.internal.rpc.RpcInvoker;
import dev.modal4j.proto.FunctionCallCancelRequest;
import dev.modal4j.proto.FunctionCallInvocationType;
import dev.modal4j.proto.FunctionGetOutputsItem;
import dev.modal4j.proto.FunctionInput;
import dev.modal4j.proto.GenericResult.GenericStatus;
import dev.modal4j.proto.ModalClientGrpc;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs function calls for the public {@code Function} and {@code FunctionCall} types: remote (with
 * system retries of INTERNAL_FAILURE results), spawn, waiting on a call, cancelling it.
 */
public final class FunctionInvoker {
  /** How many times an input that ended in INTERNAL_FAILURE is resubmitted. */
  public static final int MAX_SYSTEM_RETRIES = 8;

  private static final Logger log = LoggerFactory.getLogger(FunctionInvoker.class);

  private final ClientContext context;
  private final BlobClient blobs;
  private final ResultDecoder decoder;

  /** Creates an invoker on the client's control plane, input planes and executors. */
  public FunctionInvoker(ClientContext context) {
    this.context = context;
    this.blobs =
        new BlobClient(
            context.controlPlane(),
            context.blockingExecutor(),
            context.scheduler(),
            context.allowInsecure(),
            context.events());
    this.decoder = new ResultDecoder(blobs, context.executor());
  }

  ClientContext context() {
    return context;
  }

  BlobClient blobs() {
    return blobs;
  }

  ResultDecoder decoder() {
    return decoder;
  }

  /**
   * Calls the function and completes with its decoded result. Cancelling the returned future stops
   * polling and, on the control plane, cancels the remote call.
   */
  public <T> CompletableFuture<T> remote(
      FunctionTarget target, List<?> args, Map<String, ?> kwargs, JavaType type) {
    CallScope<T> scope = new CallScope<>();
    byte[] payload;
    try {
      checkCallable(target, "remote");
      payload = Cbor.encodeArgs(args, kwargs);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    scope
        .step(InputFactory.create(target, payload, false, blobs))
        .thenCompose(input -> startSync(target, input))
        .whenComplete(
            (invocation, e) -> {
              if (e != null) {
                scope.fail(e);
                return;
              }
              invocation
                  .functionCallId()
                  .ifPresent(id -> scope.onCancel(() -> cancelQuietly(id, false)));
              awaitWithRetries(scope, target, invocation, 0, type);
            });
    return scope.result;
  }

  /**
   * Not registered as a cancellable step: once FunctionMap is sent the call exists, so a cancel
   * waits for its id and then cancels it remotely.
   */
  private CompletableFuture<Invocation> startSync(FunctionTarget target, FunctionInput input) {
    return start(
        target,
        input,
        FunctionCallInvocationType.FUNCTION_CALL_INVOCATION_TYPE_SYNC,
        rpcFor(target));
  }

  private RpcInvoker rpcFor(FunctionTarget target) {
    return target.inputPlaneUrl().isPresent()
        ? context.inputPlane(target.inputPlaneUrl().get())
        : context.controlPlane();
  }

  private static CompletableFuture<Invocation> start(
      FunctionTarget target, FunctionInput input, FunctionCallInvocationType type, RpcInvoker rpc) {
    if (target.inputPlaneUrl().isPresent()) {
      return InputPlaneInvocation.start(rpc, target, input).thenApply(Invocation.class::cast);
    }
    return ControlPlaneInvocation.start(rpc, target, input, type).thenApply(Invocation.class::cast);
  }

  private <T> void awaitWithRetries(
      CallScope<T> scope,
      FunctionTarget target,
      Invocation invocation,
      int retries,
      JavaType type) {
    OutputPoller.await(scope, invocation, null)
        .whenComplete(
            (item, e) -> {
              if (e != null) {
                scope.fail(e);
              } else if (isInternalFailure(item) && retries < MAX_SYSTEM_RETRIES) {
                log.debug(
                    "input of {} ended in INTERNAL_FAILURE; resubmitting (retry {})",
                    target.label(),
                    retries + 1);
                scope
                    .step(invocation.retry(retries))
                    .whenComplete(
                        (v, re) -> {
                          if (re != null) {
                            scope.fail(re);
                          } else {
                            awaitWithRetries(scope, target, invocation, retries + 1, type);
                          }
                        });
              } else {
                complete(scope, item, type);
              }
            });
  }

  private static boolean isInternalFailure(FunctionGetOutputsItem item) {
    return item.getResult().getStatus() == GenericStatus.GENERIC_STATUS_INTERNAL_FAILURE;
  }

  private <T> void complete(CallScope<T> scope, FunctionGetOutputsItem item, JavaType type) {
    scope
        .step(decoder.<T>decode(item.getResult(), item.getDataFormat(), type))
        .whenComplete(
            (value, e) -> {
              if (e != null) {
                scope.fail(e);
              } else {
                scope.result.complete(value);
              }
            });
  }

  /**
   * Calls a generator function; each item is decoded and handed to {@code sink} in order, on {@code
   * deliverOn}. Items are fetched only as the sink consumes them (at most {@link
   * GeneratorCall#PREFETCH} ahead). Completes with the number of items once the generator is done.
   * Cancelling the returned future closes the data stream and cancels the remote call.
   */
  public <T> CompletableFuture<Long> remoteGen(
      FunctionTarget target,
      List<?> args,
      Map<String, ?> kwargs,
      JavaType type,
      ItemSink<? super T> sink,
      Executor deliverOn) {
    CallScope<Long> scope = new CallScope<>();
    byte[] payload;
    try {
      context.checkOpen();
      if (!target.isGenerator()) {
        throw new InvalidException(
            "Function '" + target.label() + "' is not a generator; call it with remote()");
      }
      target.checkInvocable("remoteGen");
      payload = Cbor.encodeArgs(args, kwargs);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    GeneratorCall<T> call = new GeneratorCall<>(this, scope, type, sink, deliverOn);
    RpcInvoker rpc = rpcFor(target);
    scope
        .step(InputFactory.create(target, payload, false, blobs))
        .thenCompose(
            input ->
                start(
                    target,
                    input,
                    FunctionCallInvocationType.FUNCTION_CALL_INVOCATION_TYPE_SYNC_LEGACY,
                    rpc))
        .whenComplete(
            (invocation, e) -> {
              if (e != null) {
                scope.fail(e);
                return;
              }
              invocation
                  .functionCallId()
                  .ifPresent(id -> scope.onCancel(() -> cancelQuietly(id, false)));
              call.start(rpc, invocation);
            });
    return scope.result;
  }

  /** Starts the function without waiting (always on the control plane); completes with the id. */
  public CompletableFuture<String> spawn(
      FunctionTarget target, List<?> args, Map<String, ?> kwargs) {
    CallScope<String> scope = new CallScope<>();
    byte[] payload;
    try {
      checkCallable(target, "spawn");
      payload = Cbor.encodeArgs(args, kwargs);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    scope
        .step(InputFactory.create(target, payload, true, blobs))
        .thenCompose(
            input ->
                scope.step(
                    ControlPlaneInvocation.start(
                        context.controlPlane(),
                        target,
                        input,
                        FunctionCallInvocationType.FUNCTION_CALL_INVOCATION_TYPE_ASYNC)))
        .whenComplete(
            (invocation, e) -> {
              if (e != null) {
                scope.fail(e);
              } else {
                scope.result.complete(invocation.functionCallId().orElseThrow());
              }
            });
    return scope.result;
  }

  /**
   * Waits for the result of a call by id (outputs are kept, so waiting again works). Cancelling the
   * returned future stops waiting; it does not cancel the call.
   *
   * @param timeout null to wait forever
   */
  public <T> CompletableFuture<T> awaitCall(
      String functionCallId, Duration timeout, JavaType type) {
    CallScope<T> scope = new CallScope<>();
    try {
      context.checkOpen();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    return await(
        scope,
        ControlPlaneInvocation.existing(context.controlPlane(), functionCallId),
        timeout,
        type);
  }

  /**
   * Waits for the output of input {@code index} of a multi-input call (a spawnMap); like {@link
   * #awaitCall}, but for one index.
   */
  public <T> CompletableFuture<T> awaitCallAt(
      String functionCallId, int index, Duration timeout, JavaType type) {
    CallScope<T> scope = new CallScope<>();
    try {
      context.checkOpen();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    return await(
        scope, new IndexedInvocation(context.controlPlane(), functionCallId, index), timeout, type);
  }

  private <T> CompletableFuture<T> await(
      CallScope<T> scope, Invocation invocation, Duration timeout, JavaType type) {
    OutputPoller.await(scope, invocation, timeout)
        .whenComplete(
            (item, e) -> {
              if (e != null) {
                scope.fail(e);
              } else {
                complete(scope, item, type);
              }
            });
    return scope.result;
  }

  /** The results of inputs {@code 0..count-1} of a multi-input call, in index order. */
  public <T> java.util.Iterator<T> resultsInOrder(String functionCallId, int count, JavaType type) {
    return IndexedResults.of(this, functionCallId, count, type);
  }

  /** Cancels a call (FunctionCallCancel). */
  public CompletableFuture<Void> cancelCall(String functionCallId, boolean terminateContainers) {
    try {
      context.checkOpen();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    FunctionCallCancelRequest request =
        FunctionCallCancelRequest.newBuilder()
            .setFunctionCallId(functionCallId)
            .setTerminateContainers(terminateContainers)
            .build();
    return context
        .controlPlane()
        .unary(ModalClientGrpc.getFunctionCallCancelMethod(), request)
        .thenApply(empty -> null);
  }

  void cancelQuietly(String functionCallId, boolean terminateContainers) {
    try {
      cancelCall(functionCallId, terminateContainers)
          .whenComplete(
              (v, e) -> {
                if (e != null) {
                  log.debug("FunctionCallCancel of {} failed: {}", functionCallId, e.toString());
                }
              });
    } catch (RuntimeException e) {
      log.debug("FunctionCallCancel of {} not sent: {}", functionCallId, e.toString());
    }
  }

  /**
   * Checks, before any RPC, that the client is open and {@code target} can be called with {@code
   * operation}: not a generator, not a web endpoint, and it accepts CBOR.
   */
  void checkCallable(FunctionTarget target, String operation) {
    context.checkOpen();
    checkNotGenerator(target, operation);
    target.checkInvocable(operation);
  }

  static void checkNotGenerator(FunctionTarget target, String operation) {
    if (target.isGenerator()) {
      throw new InvalidException(
          "Function '"
              + target.label()
              + "' is a generator; call it with remoteGen() instead of "
              + operation
              + "()");
    }
  }
}
