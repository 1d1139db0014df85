package dev.modal4j.internal.map;

import dev.modal4j.ModalException;
import dev.modal4j.internal.Futures;
import dev.modal4j.internal.rpc.CallPolicy;
import dev.modal4j.internal.rpc.RpcInvoker;
import dev.modal4j.proto.FunctionCallCancelRequest;
import dev.modal4j.proto.FunctionGetOutputsItem;
import dev.modal4j.proto.FunctionPutInputsItem;
import dev.modal4j.proto.FunctionRetryPolicy;
import dev.modal4j.proto.MapAwaitRequest;
import dev.modal4j.proto.MapAwaitResponse;
import dev.modal4j.proto.MapCheckInputsRequest;
import dev.modal4j.proto.MapStartOrContinueItem;
import dev.modal4j.proto.MapStartOrContinueRequest;
import dev.modal4j.proto.MapStartOrContinueResponse;
import dev.modal4j.proto.ModalClientGrpc;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A map through the input plane: MapStartOrContinue, MapAwait, MapCheckInputs (functions.md §7.4).
 * Input indexes are 1-based on this plane; the pipeline's 0-based indexes are shifted here.
 */
public final class InputPlaneMapBackend implements MapBackend {
  private static final CallPolicy AWAIT = ControlPlaneMapBackend.OUTPUTS;

  private final RpcInvoker inputPlane;
  private final RpcInvoker controlPlane;
  private final String functionId;
  private final CountDownLatch started = new CountDownLatch(1);
  private final Object startLock = new Object();
  private volatile String mapToken = "";
  private volatile String functionCallId = "";
  private volatile FunctionRetryPolicy retryPolicy =
      FunctionRetryPolicy.newBuilder()
          .setRetries(0)
          .setInitialDelayMs(1000)
          .setMaxDelayMs(1000)
          .setBackoffCoefficient(1.0f)
          .build();
  private volatile String cursor = "";

  /** A map of function {@code functionId}, cancelled (if need be) through {@code controlPlane}. */
  public InputPlaneMapBackend(RpcInvoker inputPlane, RpcInvoker controlPlane, String functionId) {
    this.inputPlane = inputPlane;
    this.controlPlane = controlPlane;
    this.functionId = functionId;
  }

  @Override
  public int open() {
    // The map starts with the first batch of inputs; the server's limit is learned then, but the
    // pipeline needs its bound now, so use the default (Modal's own SDK does the same).
    return ControlPlaneMapBackend.DEFAULT_MAX_OUTSTANDING;
  }

  @Override
  public List<String> put(List<MapItem> items) {
    return send(items, false);
  }

  @Override
  public List<String> retry(List<MapItem> items) {
    return send(items, true);
  }

  private List<String> send(List<MapItem> items, boolean retry) {
    if (mapToken.isEmpty()) {
      // The first request starts the map and returns its token; batches sent concurrently must
      // wait for it, or each would start a map of its own.
      synchronized (startLock) {
        if (mapToken.isEmpty()) {
          return sendNow(items, retry);
        }
      }
    }
    return sendNow(items, retry);
  }

  private List<String> sendNow(List<MapItem> items, boolean retry) {
    MapStartOrContinueRequest.Builder req =
        MapStartOrContinueRequest.newBuilder().setFunctionId(functionId).setMapToken(mapToken);
    for (MapItem item : items) {
      MapStartOrContinueItem.Builder it =
          MapStartOrContinueItem.newBuilder()
              .setInput(
                  FunctionPutInputsItem.newBuilder().setIdx(item.idx + 1).setInput(item.input));
      if (retry) {
        it.setAttemptToken(item.token());
      }
      req.addItems(it);
    }
    MapStartOrContinueResponse r =
        Futures.join(
            inputPlane.unary(
                ModalClientGrpc.getMapStartOrContinueMethod(),
                req.build(),
                ControlPlaneMapBackend.PUMP));
    if (mapToken.isEmpty()) {
      mapToken = r.getMapToken();
      functionCallId = r.getFunctionCallId();
      if (r.hasRetryPolicy()) {
        retryPolicy = r.getRetryPolicy();
      }
      started.countDown();
    }
    if (r.getAttemptTokensCount() != items.size()) {
      throw new ModalException(
          "MapStartOrContinue returned "
              + r.getAttemptTokensCount()
              + " attempt tokens for "
              + items.size()
              + " inputs");
    }
    return r.getAttemptTokensList();
  }

  @Override
  public List<FunctionGetOutputsItem> await(Duration timeout, List<MapItem> waiting) {
    try {
      started.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ModalException("interrupted while waiting for the map to start", e);
    }
    MapAwaitResponse r =
        Futures.join(
            inputPlane.unary(
                ModalClientGrpc.getMapAwaitMethod(),
                MapAwaitRequest.newBuilder()
                    .setMapToken(mapToken)
                    .setLastEntryId(cursor)
                    .setRequestedAt(System.currentTimeMillis() / 1000.0)
                    .setTimeout(timeout.toMillis() / 1000f)
                    .build(),
                AWAIT));
    if (!r.getLastEntryId().isEmpty()) {
      cursor = r.getLastEntryId();
    }
    List<FunctionGetOutputsItem> out = new ArrayList<>(r.getOutputsCount());
    for (FunctionGetOutputsItem item : r.getOutputsList()) {
      out.add(item.toBuilder().setIdx(item.getIdx() - 1).build());
    }
    return out;
  }

  @Override
  public List<Boolean> checkLost(List<MapItem> waiting) {
    MapCheckInputsRequest.Builder req =
        MapCheckInputsRequest.newBuilder().setLastEntryId(cursor).setTimeout(0);
    for (MapItem item : waiting) {
      req.addAttemptTokens(item.token());
    }
    return Futures.join(inputPlane.unary(ModalClientGrpc.getMapCheckInputsMethod(), req.build()))
        .getLostList();
  }

  @Override
  public boolean checksLostInputs() {
    return true;
  }

  @Override
  public FunctionRetryPolicy retryPolicy() {
    return retryPolicy;
  }

  @Override
  public boolean clientRetriesEnabled() {
    return true;
  }

  @Override
  public String functionCallId() {
    return functionCallId;
  }

  @Override
  public void cancel() {
    if (!functionCallId.isEmpty()) {
      MapCancel.await(
          controlPlane.unary(
              ModalClientGrpc.getFunctionCallCancelMethod(),
              FunctionCallCancelRequest.newBuilder().setFunctionCallId(functionCallId).build()));
    }
  }

  @Override
  public void acknowledge() {}
}
