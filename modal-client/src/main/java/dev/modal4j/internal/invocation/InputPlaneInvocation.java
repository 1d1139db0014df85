package dev.modal4j.internal.invocation;

import dev.modal4j.internal.rpc.CallPolicy;
import dev.modal4j.internal.rpc.RpcInvoker;
import dev.modal4j.proto.AttemptAwaitRequest;
import dev.modal4j.proto.AttemptRetryRequest;
import dev.modal4j.proto.AttemptStartRequest;
import dev.modal4j.proto.FunctionGetOutputsItem;
import dev.modal4j.proto.FunctionInput;
import dev.modal4j.proto.FunctionPutInputsItem;
import dev.modal4j.proto.ModalClientGrpc;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** A unary call through AttemptStart / AttemptAwait / AttemptRetry (protocol §5.3). */
final class InputPlaneInvocation implements Invocation {
  private final RpcInvoker rpc;
  private final String functionId;
  private final FunctionPutInputsItem item;
  private volatile String attemptToken;

  private InputPlaneInvocation(
      RpcInvoker rpc, String functionId, FunctionPutInputsItem item, String attemptToken) {
    this.rpc = rpc;
    this.functionId = functionId;
    this.item = item;
    this.attemptToken = attemptToken;
  }

  static CompletableFuture<InputPlaneInvocation> start(
      RpcInvoker rpc, FunctionTarget target, FunctionInput input) {
    FunctionPutInputsItem item =
        FunctionPutInputsItem.newBuilder().setIdx(0).setInput(input).build();
    AttemptStartRequest request =
        AttemptStartRequest.newBuilder().setFunctionId(target.functionId()).setInput(item).build();
    return rpc.unary(ModalClientGrpc.getAttemptStartMethod(), request)
        .thenApply(
            r -> new InputPlaneInvocation(rpc, target.functionId(), item, r.getAttemptToken()));
  }

  /** The current attempt token (generators stream their data by it). */
  String attemptToken() {
    return attemptToken;
  }

  @Override
  public CompletableFuture<FunctionGetOutputsItem> poll(Duration wait) {
    AttemptAwaitRequest request =
        AttemptAwaitRequest.newBuilder()
            .setAttemptToken(attemptToken)
            .setRequestedAt(Invocation.now())
            .setTimeoutSecs(Invocation.seconds(wait))
            .build();
    CallPolicy policy =
        CallPolicy.DEFAULT.toBuilder().attemptTimeout(wait.plus(POLL_GRACE)).build();
    return rpc.unary(ModalClientGrpc.getAttemptAwaitMethod(), request, policy)
        .thenApply(r -> r.hasOutput() ? r.getOutput() : null);
  }

  @Override
  public CompletableFuture<Void> retry(int retryCount) {
    AttemptRetryRequest request =
        AttemptRetryRequest.newBuilder()
            .setFunctionId(functionId)
            .setInput(item)
            .setAttemptToken(attemptToken)
            .build();
    return rpc.unary(ModalClientGrpc.getAttemptRetryMethod(), request)
        .thenAccept(r -> attemptToken = r.getAttemptToken());
  }

  @Override
  public Optional<String> functionCallId() {
    return Optional.empty();
  }
}
