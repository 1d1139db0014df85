package dev.modal4j.internal.invocation;

import dev.modal4j.internal.ClientContext;
import dev.modal4j.internal.Futures;
import dev.modal4j.internal.cbor.Cbor;
import dev.modal4j.internal.rpc.CallPolicy;
import dev.modal4j.internal.rpc.RpcInvoker;
import dev.modal4j.proto.FunctionCallInvocationType;
import dev.modal4j.proto.FunctionCallType;
import dev.modal4j.proto.FunctionFinishInputsRequest;
import dev.modal4j.proto.FunctionInput;
import dev.modal4j.proto.FunctionMapRequest;
import dev.modal4j.proto.FunctionPutInputsItem;
import dev.modal4j.proto.FunctionPutInputsRequest;
import dev.modal4j.proto.ModalClientGrpc;
import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Submits every input of a spawnMap without waiting for outputs (protocol §7.5): FunctionMap(MAP,
 * ASYNC), FunctionPutInputs in batches of 512, then FunctionFinishInputs with the count. The
 * outputs stay on Modal, to be read later by index.
 */
public final class SpawnMapStarter {
  static final int BATCH_SIZE = 512;

  private static final CallPolicy PUMP =
      CallPolicy.builder()
          .maxRetries(CallPolicy.UNLIMITED)
          .maxDelay(Duration.ofSeconds(15))
          .alsoRetry(Status.Code.RESOURCE_EXHAUSTED)
          .build();

  private SpawnMapStarter() {}

  /** The id and the number of inputs of a submitted spawnMap. */
  public record Submitted(String functionCallId, int numInputs) {}

  /** Submits all inputs, blocking the calling thread. The first input is encoded before any RPC. */
  public static Submitted submit(
      FunctionInvoker invoker,
      FunctionTarget target,
      Iterator<? extends List<?>> inputs,
      Map<String, ?> kwargs) {
    ClientContext context = invoker.context();
    invoker.checkCallable(target, "spawnMap");
    FunctionInput first = inputs.hasNext() ? encode(invoker, target, inputs.next(), kwargs) : null;
    RpcInvoker rpc = context.controlPlane();
    String functionCallId =
        Futures.join(
                rpc.unary(
                    ModalClientGrpc.getFunctionMapMethod(),
                    FunctionMapRequest.newBuilder()
                        .setFunctionId(target.functionId())
                        .setFunctionCallType(FunctionCallType.FUNCTION_CALL_TYPE_MAP)
                        .setFunctionCallInvocationType(
                            FunctionCallInvocationType.FUNCTION_CALL_INVOCATION_TYPE_ASYNC)
                        .build()))
            .getFunctionCallId();
    int idx = 0;
    List<FunctionPutInputsItem> batch = new ArrayList<>(BATCH_SIZE);
    if (first != null) {
      batch.add(FunctionPutInputsItem.newBuilder().setIdx(idx++).setInput(first).build());
    }
    while (inputs.hasNext() || !batch.isEmpty()) {
      while (batch.size() < BATCH_SIZE && inputs.hasNext()) {
        FunctionInput input = encode(invoker, target, inputs.next(), kwargs);
        batch.add(FunctionPutInputsItem.newBuilder().setIdx(idx++).setInput(input).build());
      }
      Futures.join(
          rpc.unary(
              ModalClientGrpc.getFunctionPutInputsMethod(),
              FunctionPutInputsRequest.newBuilder()
                  .setFunctionId(target.functionId())
                  .setFunctionCallId(functionCallId)
                  .addAllInputs(batch)
                  .build(),
              PUMP));
      batch.clear();
    }
    Futures.join(
        rpc.unary(
            ModalClientGrpc.getFunctionFinishInputsMethod(),
            FunctionFinishInputsRequest.newBuilder()
                .setFunctionId(target.functionId())
                .setFunctionCallId(functionCallId)
                .setNumInputs(idx)
                .build(),
            PUMP));
    return new Submitted(functionCallId, idx);
  }

  private static FunctionInput encode(
      FunctionInvoker invoker, FunctionTarget target, List<?> args, Map<String, ?> kwargs) {
    return Futures.join(
        InputFactory.create(target, Cbor.encodeArgs(args, kwargs), true, invoker.blobs()));
  }
}
