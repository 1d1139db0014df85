package dev.modal4j.testing.functions.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modal4j.proto.AttemptAwaitRequest;
import dev.modal4j.proto.AttemptAwaitResponse;
import dev.modal4j.proto.AttemptRetryRequest;
import dev.modal4j.proto.AttemptRetryResponse;
import dev.modal4j.proto.AttemptStartRequest;
import dev.modal4j.proto.AttemptStartResponse;
import dev.modal4j.proto.FunctionCallInvocationType;
import dev.modal4j.proto.FunctionCallType;
import dev.modal4j.proto.FunctionPutInputsItem;
import dev.modal4j.proto.MapAwaitRequest;
import dev.modal4j.proto.MapAwaitResponse;
import dev.modal4j.proto.MapCheckInputsRequest;
import dev.modal4j.proto.MapCheckInputsResponse;
import dev.modal4j.proto.MapStartOrContinueItem;
import dev.modal4j.proto.MapStartOrContinueRequest;
import dev.modal4j.proto.MapStartOrContinueResponse;
import dev.modal4j.proto.ModalClientGrpc;
import dev.modal4j.testing.functions.DeployedFunction;
import dev.modal4j.testing.functions.FunctionBody;
import dev.modal4j.testing.functions.FunctionRegistry;
import dev.modal4j.testing.internal.EmulatorArea;
import io.grpc.ServerServiceDefinition;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.List;

/**
 * The input plane: AttemptStart/AttemptAwait/AttemptRetry for single inputs and
 * MapStartOrContinue/MapAwait/MapCheckInputs for maps. Attempt tokens are signed and carry the
 * call, input index and attempt number.
 */
public final class InputPlaneArea implements EmulatorArea {
  private final FunctionRegistry registry;
  private final CallEngine engine;
  private final OutputPolls polls;
  private final InputValidator validator;

  /** Creates the area. */
  public InputPlaneArea(
      FunctionRegistry registry, CallEngine engine, OutputPolls polls, BlobStore blobs) {
    this.registry = registry;
    this.engine = engine;
    this.polls = polls;
    this.validator = new InputValidator(blobs);
  }

  @Override
  public void bind(ServerServiceDefinition.Builder service) {
    Rpcs.unary(service, ModalClientGrpc.getAttemptStartMethod(), this::start);
    Rpcs.async(service, ModalClientGrpc.getAttemptAwaitMethod(), this::await);
    Rpcs.unary(service, ModalClientGrpc.getAttemptRetryMethod(), this::retry);
    Rpcs.unary(service, ModalClientGrpc.getMapStartOrContinueMethod(), this::mapStart);
    Rpcs.async(service, ModalClientGrpc.getMapAwaitMethod(), this::mapAwait);
    Rpcs.unary(service, ModalClientGrpc.getMapCheckInputsMethod(), this::mapCheck);
  }

  private AttemptStartResponse start(AttemptStartRequest req) {
    DeployedFunction f = FunctionInputsArea.function(registry, req.getFunctionId());
    FunctionPutInputsItem item = req.getInput().toBuilder().setIdx(0).build();
    validator.check(f, item.getInput());
    boolean generator =
        f.body(item.getInput().getMethodName()).map(FunctionBody::kind).orElse(null)
            == FunctionBody.Kind.GENERATOR;
    CallState call =
        engine.open(
            f,
            FunctionCallType.FUNCTION_CALL_TYPE_UNARY,
            generator
                ? FunctionCallInvocationType.FUNCTION_CALL_INVOCATION_TYPE_SYNC_LEGACY
                : FunctionCallInvocationType.FUNCTION_CALL_INVOCATION_TYPE_SYNC,
            req.getParentInputId());
    String token = engine.put(call, List.of(item), false).get(0).getInputJwt();
    return AttemptStartResponse.newBuilder()
        .setAttemptToken(token)
        .setRetryPolicy(FunctionInputsArea.retryPolicy(f.definition().spec()))
        .build();
  }

  private void await(AttemptAwaitRequest req, StreamObserver<AttemptAwaitResponse> obs) {
    JsonNode claims = engine.inputClaims(req.getAttemptToken());
    CallState call = engine.call(claims.get("fc").asText());
    polls.attemptAwait(
        call, claims.get("idx").asInt(), claims.path("att").asInt(), req.getTimeoutSecs(), obs);
  }

  private AttemptRetryResponse retry(AttemptRetryRequest req) {
    JsonNode claims = engine.inputClaims(req.getAttemptToken());
    CallState call = engine.call(claims.get("fc").asText());
    validator.check(call.function(), req.getInput().getInput());
    InputState in =
        engine.retry(call, claims.get("idx").asInt(), req.getInput().getInput(), -1, false);
    return AttemptRetryResponse.newBuilder().setAttemptToken(engine.attemptToken(in)).build();
  }

  private MapStartOrContinueResponse mapStart(MapStartOrContinueRequest req) {
    DeployedFunction f = FunctionInputsArea.function(registry, req.getFunctionId());
    CallState call;
    if (req.getCallInfoCase() == MapStartOrContinueRequest.CallInfoCase.MAP_TOKEN
        && !req.getMapToken().isEmpty()) {
      call = mapCall(req.getMapToken());
    } else if (req.getCallInfoCase() == MapStartOrContinueRequest.CallInfoCase.FUNCTION_CALL_ID) {
      call = engine.call(req.getFunctionCallId());
    } else {
      call =
          engine.open(
              f,
              FunctionCallType.FUNCTION_CALL_TYPE_MAP,
              FunctionCallInvocationType.FUNCTION_CALL_INVOCATION_TYPE_SYNC,
              req.getParentInputId());
    }
    for (MapStartOrContinueItem item : req.getItemsList()) {
      validator.check(f, item.getInput().getInput());
    }
    MapStartOrContinueResponse.Builder out =
        MapStartOrContinueResponse.newBuilder()
            .setFunctionId(f.id())
            .setFunctionCallId(call.id())
            .setMapToken(engine.mapToken(call))
            .setMaxInputsOutstanding(f.definition().spec().maxInputsOutstanding())
            .setRetryPolicy(FunctionInputsArea.retryPolicy(f.definition().spec()));
    for (MapStartOrContinueItem item : req.getItemsList()) {
      if (item.hasAttemptToken()) {
        JsonNode claims = engine.inputClaims(item.getAttemptToken());
        InputState in =
            engine.retry(call, claims.get("idx").asInt(), item.getInput().getInput(), -1, true);
        out.addAttemptTokens(engine.attemptToken(in));
      } else {
        out.addAttemptTokens(engine.put(call, List.of(item.getInput()), true).get(0).getInputJwt());
      }
    }
    return out.build();
  }

  private void mapAwait(MapAwaitRequest req, StreamObserver<MapAwaitResponse> obs) {
    CallState call =
        req.getCallInfoCase() == MapAwaitRequest.CallInfoCase.MAP_TOKEN
            ? mapCall(req.getMapToken())
            : engine.call(req.getFunctionCallId());
    polls.mapAwait(call, OutputPolls.cursor(req.getLastEntryId()), req.getTimeout(), obs);
  }

  private MapCheckInputsResponse mapCheck(MapCheckInputsRequest req) {
    MapCheckInputsResponse.Builder out = MapCheckInputsResponse.newBuilder();
    for (String token : req.getAttemptTokensList()) {
      JsonNode claims = engine.inputClaims(token);
      boolean lost;
      try {
        CallState call = engine.call(claims.get("fc").asText());
        lost = engine.isLost(call, claims.get("idx").asInt(), claims.path("att").asInt());
      } catch (StatusRuntimeException e) {
        lost = false;
      }
      out.addLost(lost);
    }
    return out.build();
  }

  private CallState mapCall(String mapToken) {
    return engine.callFromJwt(mapToken);
  }
}
