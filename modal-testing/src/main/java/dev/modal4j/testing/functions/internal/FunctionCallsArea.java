package dev.modal4j.testing.functions.internal;

import com.google.protobuf.Empty;
import dev.modal4j.proto.DataChunk;
import dev.modal4j.proto.FunctionCallCallGraphInfo;
import dev.modal4j.proto.FunctionCallCancelRequest;
import dev.modal4j.proto.FunctionCallFromIdRequest;
import dev.modal4j.proto.FunctionCallFromIdResponse;
import dev.modal4j.proto.FunctionCallGetDataRequest;
import dev.modal4j.proto.FunctionCallHandleMetadata;
import dev.modal4j.proto.FunctionGetCallGraphRequest;
import dev.modal4j.proto.FunctionGetCallGraphResponse;
import dev.modal4j.proto.FunctionGetOutputsRequest;
import dev.modal4j.proto.GenericResult.GenericStatus;
import dev.modal4j.proto.InputCallGraphInfo;
import dev.modal4j.proto.ModalClientGrpc;
import dev.modal4j.testing.internal.EmulatorArea;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Function call handles: FunctionGetOutputs (long poll), FunctionCallGetDataOut (generator stream),
 * FunctionCallCancel, FunctionCallFromId and FunctionGetCallGraph. A call that has expired answers
 * FunctionGetOutputs with no outputs and no unfinished inputs (what Modal's clients read as "output
 * expired") and every other RPC with NOT_FOUND.
 */
public final class FunctionCallsArea implements EmulatorArea {
  private final CallEngine engine;
  private final OutputPolls polls;

  /** Creates the area. */
  public FunctionCallsArea(CallEngine engine, OutputPolls polls) {
    this.engine = engine;
    this.polls = polls;
  }

  @Override
  public void bind(ServerServiceDefinition.Builder service) {
    Rpcs.async(
        service,
        ModalClientGrpc.getFunctionGetOutputsMethod(),
        (FunctionGetOutputsRequest req,
            io.grpc.stub.StreamObserver<dev.modal4j.proto.FunctionGetOutputsResponse> obs) -> {
          if (engine.isExpired(req.getFunctionCallId())) {
            // Modal's answer for a call whose outputs expired: nothing, and nothing unfinished.
            OutputPolls.send(obs, expiredOutputs(req));
            return;
          }
          CallState call = engine.call(req.getFunctionCallId());
          OutputPolls.OutputQuery query =
              new OutputPolls.OutputQuery(
                  OutputPolls.cursor(req.getLastEntryId()),
                  req.hasStartIdx() ? req.getStartIdx() : null,
                  req.hasEndIdx() ? req.getEndIdx() : null,
                  req.getMaxValues(),
                  req.getClearOnSuccess(),
                  req.getLastEntryId());
          polls.outputs(call, query, req.getTimeout(), obs);
        });
    Rpcs.serverStream(
        service,
        ModalClientGrpc.getFunctionCallGetDataOutMethod(),
        (FunctionCallGetDataRequest req, io.grpc.stub.StreamObserver<DataChunk> obs) -> {
          CallState call =
              req.getCallInfoCase() == FunctionCallGetDataRequest.CallInfoCase.ATTEMPT_TOKEN
                  ? engine.call(engine.inputClaims(req.getAttemptToken()).get("fc").asText())
                  : engine.call(req.getFunctionCallId());
          polls.dataOut(call, req.getLastIndex(), (ServerCallStreamObserver<DataChunk>) obs);
        });
    Rpcs.unary(
        service,
        ModalClientGrpc.getFunctionCallCancelMethod(),
        (FunctionCallCancelRequest req) -> {
          engine.cancel(engine.call(req.getFunctionCallId()));
          return Empty.getDefaultInstance();
        });
    Rpcs.unary(service, ModalClientGrpc.getFunctionCallFromIdMethod(), this::fromId);
    Rpcs.unary(service, ModalClientGrpc.getFunctionGetCallGraphMethod(), this::callGraph);
  }

  private static dev.modal4j.proto.FunctionGetOutputsResponse expiredOutputs(
      FunctionGetOutputsRequest req) {
    String cursor = req.getLastEntryId().isEmpty() ? "0-0" : req.getLastEntryId();
    return dev.modal4j.proto.FunctionGetOutputsResponse.newBuilder()
        .setNumUnfinishedInputs(0)
        .setLastEntryId(cursor)
        .build();
  }

  private FunctionCallFromIdResponse fromId(FunctionCallFromIdRequest req) {
    CallState call = engine.call(req.getFunctionCallId());
    int numInputs;
    synchronized (call) {
      numInputs = call.declaredInputs >= 0 ? call.declaredInputs : call.numInputs;
    }
    return FunctionCallFromIdResponse.newBuilder()
        .setFunctionCallId(call.id())
        .setNumInputs(numInputs)
        .setMetadata(
            FunctionCallHandleMetadata.newBuilder()
                .setAppId(call.function().appId())
                .setFunctionId(call.function().id()))
        .build();
  }

  private FunctionGetCallGraphResponse callGraph(FunctionGetCallGraphRequest req) {
    FunctionGetCallGraphResponse.Builder out = FunctionGetCallGraphResponse.newBuilder();
    Deque<CallState> todo = new ArrayDeque<>();
    Set<String> seen = new HashSet<>();
    todo.add(engine.call(req.getFunctionCallId()));
    while (!todo.isEmpty()) {
      CallState call = todo.poll();
      if (!seen.add(call.id())) {
        continue;
      }
      out.addFunctionCalls(
          FunctionCallCallGraphInfo.newBuilder()
              .setFunctionCallId(call.id())
              .setParentInputId(call.parentInputId())
              .setFunctionName(call.function().metadata().getFunctionName())
              .setModuleName(call.function().definition().appName().replace('-', '_')));
      List<InputState> inputs;
      synchronized (call) {
        inputs = call.retainedInputs();
        for (InputState in : inputs) {
          out.addInputs(
              InputCallGraphInfo.newBuilder()
                  .setInputId(in.inputId)
                  .setFunctionCallId(call.id())
                  .setTaskId("ta-emulator")
                  .setStatus(in.finished ? in.status : GenericStatus.GENERIC_STATUS_UNSPECIFIED));
        }
      }
      for (InputState in : inputs) {
        todo.addAll(engine.childrenOf(in.inputId));
      }
    }
    return out.build();
  }
}
