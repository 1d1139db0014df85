package dev.modal4j.testing.functions.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.Empty;
import dev.modal4j.proto.FunctionCallInvocationType;
import dev.modal4j.proto.FunctionCallType;
import dev.modal4j.proto.FunctionFinishInputsRequest;
import dev.modal4j.proto.FunctionMapRequest;
import dev.modal4j.proto.FunctionMapResponse;
import dev.modal4j.proto.FunctionPutInputsRequest;
import dev.modal4j.proto.FunctionPutInputsResponse;
import dev.modal4j.proto.FunctionRetryInputsItem;
import dev.modal4j.proto.FunctionRetryInputsRequest;
import dev.modal4j.proto.FunctionRetryInputsResponse;
import dev.modal4j.proto.FunctionRetryPolicy;
import dev.modal4j.proto.ModalClientGrpc;
import dev.modal4j.testing.functions.DeployedFunction;
import dev.modal4j.testing.functions.FunctionRegistry;
import dev.modal4j.testing.functions.FunctionSpec;
import dev.modal4j.testing.internal.EmulatorArea;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;

/** FunctionMap, FunctionPutInputs, FunctionRetryInputs and FunctionFinishInputs. */
public final class FunctionInputsArea implements EmulatorArea {
  private final FunctionRegistry registry;
  private final CallEngine engine;
  private final InputValidator validator;

  /** Creates the area. */
  public FunctionInputsArea(FunctionRegistry registry, CallEngine engine, BlobStore blobs) {
    this.registry = registry;
    this.engine = engine;
    this.validator = new InputValidator(blobs);
  }

  @Override
  public void bind(ServerServiceDefinition.Builder service) {
    Rpcs.unary(service, ModalClientGrpc.getFunctionMapMethod(), this::map);
    Rpcs.unary(service, ModalClientGrpc.getFunctionPutInputsMethod(), this::put);
    Rpcs.unary(service, ModalClientGrpc.getFunctionRetryInputsMethod(), this::retry);
    Rpcs.unary(
        service,
        ModalClientGrpc.getFunctionFinishInputsMethod(),
        (FunctionFinishInputsRequest req) -> {
          engine.finishInputs(
              callOf(req.getFunctionCallId(), req.getFunctionId()), req.getNumInputs());
          return Empty.getDefaultInstance();
        });
  }

  private FunctionMapResponse map(FunctionMapRequest req) {
    DeployedFunction f = function(registry, req.getFunctionId());
    validator.check(f, req.getPipelinedInputsList());
    FunctionCallType type =
        req.getFunctionCallType() == FunctionCallType.FUNCTION_CALL_TYPE_MAP
            ? FunctionCallType.FUNCTION_CALL_TYPE_MAP
            : FunctionCallType.FUNCTION_CALL_TYPE_UNARY;
    FunctionCallInvocationType invocation =
        req.getFunctionCallInvocationType()
                == FunctionCallInvocationType.FUNCTION_CALL_INVOCATION_TYPE_UNSPECIFIED
            ? FunctionCallInvocationType.FUNCTION_CALL_INVOCATION_TYPE_SYNC_LEGACY
            : req.getFunctionCallInvocationType();
    CallState call = engine.open(f, type, invocation, req.getParentInputId());
    return FunctionMapResponse.newBuilder()
        .setFunctionCallId(call.id())
        .addAllPipelinedInputs(engine.put(call, req.getPipelinedInputsList(), false))
        .setRetryPolicy(retryPolicy(f.definition().spec()))
        .setFunctionCallJwt(call.jwt())
        .setSyncClientRetriesEnabled(true)
        .setMaxInputsOutstanding(f.definition().spec().maxInputsOutstanding())
        .build();
  }

  private FunctionPutInputsResponse put(FunctionPutInputsRequest req) {
    CallState call = callOf(req.getFunctionCallId(), req.getFunctionId());
    validator.check(call.function(), req.getInputsList());
    return FunctionPutInputsResponse.newBuilder()
        .addAllInputs(engine.put(call, req.getInputsList(), false))
        .build();
  }

  private FunctionRetryInputsResponse retry(FunctionRetryInputsRequest req) {
    CallState call = engine.callFromJwt(req.getFunctionCallJwt());
    for (FunctionRetryInputsItem item : req.getInputsList()) {
      validator.check(call.function(), item.getInput());
    }
    FunctionRetryInputsResponse.Builder out = FunctionRetryInputsResponse.newBuilder();
    for (FunctionRetryInputsItem item : req.getInputsList()) {
      JsonNode claims = engine.inputClaims(item.getInputJwt());
      if (!call.id().equals(claims.get("fc").asText())) {
        throw InputValidator.invalid("input_jwt belongs to another function call");
      }
      InputState in =
          engine.retry(
              call, claims.get("idx").asInt(), item.getInput(), item.getRetryCount(), false);
      out.addInputJwts(engine.attemptToken(in));
    }
    return out.build();
  }

  private CallState callOf(String callId, String functionId) {
    CallState call = engine.call(callId);
    if (!functionId.isEmpty() && !functionId.equals(call.function().id())) {
      throw InputValidator.invalid(
          "Function call " + callId + " does not belong to function " + functionId);
    }
    return call;
  }

  static DeployedFunction function(FunctionRegistry registry, String id) {
    return registry
        .byId(id)
        .orElseThrow(
            () ->
                Status.NOT_FOUND
                    .withDescription("Function " + id + " not found")
                    .asRuntimeException());
  }

  static FunctionRetryPolicy retryPolicy(FunctionSpec spec) {
    return FunctionRetryPolicy.newBuilder()
        .setRetries(spec.retries())
        .setBackoffCoefficient((float) spec.retryBackoffCoefficient())
        .setInitialDelayMs((int) spec.retryInitialDelay().toMillis())
        .setMaxDelayMs((int) spec.retryMaxDelay().toMillis())
        .build();
  }
}
