package dev.modal4j.internal.map;

import dev.modal4j.internal.Futures;
import dev.modal4j.internal.rpc.CallPolicy;
import dev.modal4j.internal.rpc.RpcInvoker;
import dev.modal4j.proto.FunctionCallCancelRequest;
import dev.modal4j.proto.FunctionCallInvocationType;
import dev.modal4j.proto.FunctionCallType;
import dev.modal4j.proto.FunctionGetOutputsItem;
import dev.modal4j.proto.FunctionGetOutputsRequest;
import dev.modal4j.proto.FunctionGetOutputsResponse;
import dev.modal4j.proto.FunctionMapRequest;
import dev.modal4j.proto.FunctionMapResponse;
import dev.modal4j.proto.FunctionPutInputsItem;
import dev.modal4j.proto.FunctionPutInputsRequest;
import dev.modal4j.proto.FunctionPutInputsResponse;
import dev.modal4j.proto.FunctionPutInputsResponseItem;
import dev.modal4j.proto.FunctionRetryInputsItem;
import dev.modal4j.proto.FunctionRetryInputsRequest;
import dev.modal4j.proto.FunctionRetryPolicy;
import dev.modal4j.proto.ModalClientGrpc;
import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A map through the control plane: FunctionMap, FunctionPutInputs, FunctionGetOutputs. */
public final class ControlPlaneMapBackend implements MapBackend {
  static final int DEFAULT_MAX_OUTSTANDING = 1000;

  /** Pumping inputs never gives up: the server pushes back with RESOURCE_EXHAUSTED. */
  static final CallPolicy PUMP =
      CallPolicy.builder()
          .maxRetries(CallPolicy.UNLIMITED)
          .maxDelay(Duration.ofSeconds(15))
          .alsoRetry(Status.Code.RESOURCE_EXHAUSTED)
          .build();

  static final CallPolicy OUTPUTS =
      CallPolicy.builder().maxRetries(20).attemptTimeout(Duration.ofSeconds(60)).build();

  private final RpcInvoker rpc;
  private final String functionId;
  private final boolean returnExceptions;
  private volatile String functionCallId = "";
  private String functionCallJwt = "";
  private FunctionRetryPolicy retryPolicy = FunctionRetryPolicy.getDefaultInstance();
  private boolean clientRetries;
  private String cursor = "0-0";

  /**
   * A map of function {@code functionId} over {@code rpc}; {@code returnExceptions} tells the
   * server failed inputs do not end the map.
   */
  public ControlPlaneMapBackend(RpcInvoker rpc, String functionId, boolean returnExceptions) {
    this.rpc = rpc;
    this.functionId = functionId;
    this.returnExceptions = returnExceptions;
  }

  @Override
  public int open() {
    FunctionMapResponse r =
        Futures.join(
            rpc.unary(
                ModalClientGrpc.getFunctionMapMethod(),
                FunctionMapRequest.newBuilder()
                    .setFunctionId(functionId)
                    .setFunctionCallType(FunctionCallType.FUNCTION_CALL_TYPE_MAP)
                    .setFunctionCallInvocationType(
                        FunctionCallInvocationType.FUNCTION_CALL_INVOCATION_TYPE_SYNC)
                    .setReturnExceptions(returnExceptions)
                    .build()));
    functionCallId = r.getFunctionCallId();
    functionCallJwt = r.getFunctionCallJwt();
    retryPolicy = r.getRetryPolicy();
    clientRetries = r.getSyncClientRetriesEnabled();
    int max = r.getMaxInputsOutstanding();
    return max > 0 ? max : DEFAULT_MAX_OUTSTANDING;
  }

  @Override
  public List<String> put(List<MapItem> items) {
    FunctionPutInputsRequest.Builder req =
        FunctionPutInputsRequest.newBuilder()
            .setFunctionId(functionId)
            .setFunctionCallId(functionCallId);
    for (MapItem item : items) {
      req.addInputs(FunctionPutInputsItem.newBuilder().setIdx(item.idx).setInput(item.input));
    }
    FunctionPutInputsResponse r =
        Futures.join(rpc.unary(ModalClientGrpc.getFunctionPutInputsMethod(), req.build(), PUMP));
    Map<Integer, String> byIdx = new HashMap<>();
    for (FunctionPutInputsResponseItem it : r.getInputsList()) {
      byIdx.put(it.getIdx(), it.getInputJwt());
    }
    List<String> tokens = new ArrayList<>(items.size());
    for (MapItem item : items) {
      tokens.add(byIdx.getOrDefault(item.idx, ""));
    }
    return tokens;
  }

  @Override
  public List<String> retry(List<MapItem> items) {
    FunctionRetryInputsRequest.Builder req =
        FunctionRetryInputsRequest.newBuilder().setFunctionCallJwt(functionCallJwt);
    for (MapItem item : items) {
      req.addInputs(
          FunctionRetryInputsItem.newBuilder()
              .setInputJwt(item.token())
              .setInput(item.input)
              .setRetryCount(item.retryCount()));
    }
    return Futures.join(
            rpc.unary(ModalClientGrpc.getFunctionRetryInputsMethod(), req.build(), PUMP))
        .getInputJwtsList();
  }

  @Override
  public List<FunctionGetOutputsItem> await(Duration timeout, List<MapItem> waiting) {
    FunctionGetOutputsRequest.Builder req =
        FunctionGetOutputsRequest.newBuilder()
            .setFunctionCallId(functionCallId)
            .setTimeout(timeout.toMillis() / 1000f)
            .setLastEntryId(cursor)
            .setClearOnSuccess(false)
            .setRequestedAt(System.currentTimeMillis() / 1000.0);
    for (MapItem item : waiting) {
      req.addInputJwts(item.token());
    }
    FunctionGetOutputsResponse r =
        Futures.join(
            rpc.unary(ModalClientGrpc.getFunctionGetOutputsMethod(), req.build(), OUTPUTS));
    if (!r.getLastEntryId().isEmpty()) {
      cursor = r.getLastEntryId();
    }
    return r.getOutputsList();
  }

  @Override
  public List<Boolean> checkLost(List<MapItem> waiting) {
    return List.of();
  }

  @Override
  public boolean checksLostInputs() {
    return false;
  }

  @Override
  public FunctionRetryPolicy retryPolicy() {
    return retryPolicy;
  }

  @Override
  public boolean clientRetriesEnabled() {
    return clientRetries;
  }

  @Override
  public String functionCallId() {
    return functionCallId;
  }

  @Override
  public void cancel() {
    if (!functionCallId.isEmpty()) {
      MapCancel.await(
          rpc.unary(
              ModalClientGrpc.getFunctionCallCancelMethod(),
              FunctionCallCancelRequest.newBuilder().setFunctionCallId(functionCallId).build()));
    }
  }

  @Override
  public void acknowledge() {
    rpc.unary(
        ModalClientGrpc.getFunctionGetOutputsMethod(),
        FunctionGetOutputsRequest.newBuilder()
            .setFunctionCallId(functionCallId)
            .setTimeout(0)
            .setLastEntryId("0-0")
            .setClearOnSuccess(true)
            .setRequestedAt(System.currentTimeMillis() / 1000.0)
            .build());
  }
}
