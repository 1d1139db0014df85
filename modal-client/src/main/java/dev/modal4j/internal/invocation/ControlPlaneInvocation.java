package dev.modal4j.internal.invocation;

import dev.modal4j.OutputExpiredException;
import dev.modal4j.ServiceException;
import dev.modal4j.internal.rpc.CallPolicy;
import dev.modal4j.internal.rpc.RpcInvoker;
import dev.modal4j.proto.FunctionCallInvocationType;
import dev.modal4j.proto.FunctionCallType;
import dev.modal4j.proto.FunctionGetOutputsItem;
import dev.modal4j.proto.FunctionGetOutputsRequest;
import dev.modal4j.proto.FunctionInput;
import dev.modal4j.proto.FunctionMapRequest;
import dev.modal4j.proto.FunctionPutInputsItem;
import dev.modal4j.proto.FunctionRetryInputsItem;
import dev.modal4j.proto.FunctionRetryInputsRequest;
import dev.modal4j.proto.ModalClientGrpc;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** A unary call through FunctionMap / FunctionGetOutputs / FunctionRetryInputs (protocol §5.2). */
final class ControlPlaneInvocation implements Invocation {
  private final RpcInvoker rpc;
  private final String functionCallId;
  private final String functionCallJwt;
  private final FunctionInput input;
  private final boolean clearOnSuccess;
  private volatile String inputJwt;

  private ControlPlaneInvocation(
      RpcInvoker rpc,
      String functionCallId,
      String functionCallJwt,
      FunctionInput input,
      String inputJwt,
      boolean clearOnSuccess) {
    this.rpc = rpc;
    this.functionCallId = functionCallId;
    this.functionCallJwt = functionCallJwt;
    this.input = input;
    this.inputJwt = inputJwt;
    this.clearOnSuccess = clearOnSuccess;
  }

  /** Sends FunctionMap with one pipelined input. */
  static CompletableFuture<ControlPlaneInvocation> start(
      RpcInvoker rpc, FunctionTarget target, FunctionInput input, FunctionCallInvocationType type) {
    FunctionMapRequest request =
        FunctionMapRequest.newBuilder()
            .setFunctionId(target.functionId())
            .setFunctionCallType(FunctionCallType.FUNCTION_CALL_TYPE_UNARY)
            .setFunctionCallInvocationType(type)
            .addPipelinedInputs(FunctionPutInputsItem.newBuilder().setIdx(0).setInput(input))
            .build();
    return rpc.unary(ModalClientGrpc.getFunctionMapMethod(), request)
        .thenApply(
            response -> {
              if (response.getFunctionCallId().isEmpty()) {
                throw new ServiceException("FunctionMap answered without a function call id");
              }
              String jwt =
                  response.getPipelinedInputsCount() > 0
                      ? response.getPipelinedInputs(0).getInputJwt()
                      : "";
              boolean sync = type == FunctionCallInvocationType.FUNCTION_CALL_INVOCATION_TYPE_SYNC;
              return new ControlPlaneInvocation(
                  rpc,
                  response.getFunctionCallId(),
                  response.getFunctionCallJwt(),
                  input,
                  jwt,
                  sync);
            });
  }

  /** An existing call, polled without clearing its outputs (FunctionCall.get). */
  static ControlPlaneInvocation existing(RpcInvoker rpc, String functionCallId) {
    return new ControlPlaneInvocation(rpc, functionCallId, "", null, "", false);
  }

  @Override
  public CompletableFuture<FunctionGetOutputsItem> poll(Duration wait) {
    FunctionGetOutputsRequest.Builder request =
        FunctionGetOutputsRequest.newBuilder()
            .setFunctionCallId(functionCallId)
            .setMaxValues(1)
            .setTimeout(Invocation.seconds(wait))
            .setLastEntryId("0-0")
            .setClearOnSuccess(clearOnSuccess)
            .setRequestedAt(Invocation.now());
    String jwt = inputJwt;
    if (clearOnSuccess && !jwt.isEmpty()) {
      request.addInputJwts(jwt);
    }
    CallPolicy policy =
        CallPolicy.DEFAULT.toBuilder().attemptTimeout(wait.plus(POLL_GRACE)).build();
    return rpc.unary(ModalClientGrpc.getFunctionGetOutputsMethod(), request.build(), policy)
        .thenApply(
            r -> {
              if (r.getOutputsCount() > 0) {
                return r.getOutputs(0);
              }
              if (!clearOnSuccess && r.getNumUnfinishedInputs() == 0) {
                // An existing call with no output and nothing left to run: its outputs expired.
                throw new OutputExpiredException(
                    "The outputs of function call " + functionCallId + " have expired");
              }
              return null;
            });
  }

  @Override
  public CompletableFuture<Void> retry(int retryCount) {
    if (input == null) {
      return CompletableFuture.failedFuture(
          new IllegalStateException("cannot retry a call that this client did not start"));
    }
    FunctionRetryInputsRequest request =
        FunctionRetryInputsRequest.newBuilder()
            .setFunctionCallJwt(functionCallJwt)
            .addInputs(
                FunctionRetryInputsItem.newBuilder()
                    .setInputJwt(inputJwt)
                    .setInput(input)
                    .setRetryCount(retryCount))
            .build();
    return rpc.unary(ModalClientGrpc.getFunctionRetryInputsMethod(), request)
        .thenAccept(
            r -> {
              if (r.getInputJwtsCount() > 0) {
                inputJwt = r.getInputJwts(0);
              }
            });
  }

  @Override
  public Optional<String> functionCallId() {
    return Optional.of(functionCallId);
  }
}
