package dev.modal4j.internal.invocation;

import dev.modal4j.internal.rpc.CallPolicy;
import dev.modal4j.internal.rpc.RpcInvoker;
import dev.modal4j.proto.FunctionGetOutputsItem;
import dev.modal4j.proto.FunctionGetOutputsRequest;
import dev.modal4j.proto.ModalClientGrpc;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Reads the output of one input of a multi-input call (a spawnMap) by its index, without clearing
 * it, so it can be read again (protocol §6, {@code start_idx}/{@code end_idx}).
 */
final class IndexedInvocation implements Invocation {
  private final RpcInvoker rpc;
  private final String functionCallId;
  private final int index;

  IndexedInvocation(RpcInvoker rpc, String functionCallId, int index) {
    this.rpc = rpc;
    this.functionCallId = functionCallId;
    this.index = index;
  }

  @Override
  public CompletableFuture<FunctionGetOutputsItem> poll(Duration wait) {
    FunctionGetOutputsRequest request =
        FunctionGetOutputsRequest.newBuilder()
            .setFunctionCallId(functionCallId)
            .setTimeout(Invocation.seconds(wait))
            .setLastEntryId("0-0")
            .setClearOnSuccess(false)
            .setRequestedAt(Invocation.now())
            .setStartIdx(index)
            .setEndIdx(index)
            .build();
    CallPolicy policy =
        CallPolicy.DEFAULT.toBuilder().attemptTimeout(wait.plus(POLL_GRACE)).build();
    return rpc.unary(ModalClientGrpc.getFunctionGetOutputsMethod(), request, policy)
        .thenApply(
            r -> {
              for (FunctionGetOutputsItem item : r.getOutputsList()) {
                if (item.getIdx() == index) {
                  return item;
                }
              }
              return null;
            });
  }

  @Override
  public CompletableFuture<Void> retry(int retryCount) {
    return CompletableFuture.failedFuture(
        new IllegalStateException("outputs read by index are not resubmitted by the reader"));
  }

  @Override
  public Optional<String> functionCallId() {
    return Optional.of(functionCallId);
  }
}
