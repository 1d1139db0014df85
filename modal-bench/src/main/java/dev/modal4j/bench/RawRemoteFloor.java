package dev.modal4j.bench;

import com.google.protobuf.ByteString;
import dev.modal4j.proto.DataFormat;
import dev.modal4j.proto.FunctionCallInvocationType;
import dev.modal4j.proto.FunctionCallType;
import dev.modal4j.proto.FunctionGetOutputsItem;
import dev.modal4j.proto.FunctionGetOutputsRequest;
import dev.modal4j.proto.FunctionGetOutputsResponse;
import dev.modal4j.proto.FunctionGetRequest;
import dev.modal4j.proto.FunctionInput;
import dev.modal4j.proto.FunctionMapRequest;
import dev.modal4j.proto.FunctionMapResponse;
import dev.modal4j.proto.FunctionPutInputsItem;
import dev.modal4j.proto.GenericResult;
import dev.modal4j.proto.ModalClientGrpc;

/**
 * {@code remote()} done with bare stubs: FunctionGet once, then per call FunctionMap (UNARY, SYNC,
 * one pipelined CBOR input) and FunctionGetOutputs ("0-0", 55 s, clear_on_success, the input's JWT)
 * until an output arrives. Inline payloads only; this is the floor the SDK is measured against.
 */
final class RawRemoteFloor {

  private final ModalClientGrpc.ModalClientBlockingStub stub;
  private final String functionId;

  RawRemoteFloor(RawConnection connection, String appName, String functionName) {
    this.stub = connection.stub();
    this.functionId =
        stub.functionGet(
                FunctionGetRequest.newBuilder()
                    .setAppName(appName)
                    .setObjectTag(functionName)
                    .build())
            .getFunctionId();
  }

  /** Calls the function with one argument and returns the CBOR-decoded result. */
  <T> T call(Object arg, Class<T> resultType) {
    FunctionInput input =
        FunctionInput.newBuilder()
            .setArgs(ByteString.copyFrom(Cbor.args(arg)))
            .setDataFormat(DataFormat.DATA_FORMAT_CBOR)
            .setMethodName("")
            .build();
    FunctionMapResponse map =
        stub.functionMap(
            FunctionMapRequest.newBuilder()
                .setFunctionId(functionId)
                .setFunctionCallType(FunctionCallType.FUNCTION_CALL_TYPE_UNARY)
                .setFunctionCallInvocationType(
                    FunctionCallInvocationType.FUNCTION_CALL_INVOCATION_TYPE_SYNC)
                .addPipelinedInputs(FunctionPutInputsItem.newBuilder().setIdx(0).setInput(input))
                .build());
    String jwt = map.getPipelinedInputs(0).getInputJwt();
    while (true) {
      FunctionGetOutputsResponse out =
          stub.functionGetOutputs(
              FunctionGetOutputsRequest.newBuilder()
                  .setFunctionCallId(map.getFunctionCallId())
                  .setMaxValues(1)
                  .setTimeout(55f)
                  .setLastEntryId("0-0")
                  .setClearOnSuccess(true)
                  .setRequestedAt(System.currentTimeMillis() / 1000.0)
                  .addInputJwts(jwt)
                  .build());
      if (out.getOutputsCount() > 0) {
        return decode(out.getOutputs(0), resultType);
      }
    }
  }

  private static <T> T decode(FunctionGetOutputsItem item, Class<T> type) {
    GenericResult r = item.getResult();
    if (r.getStatus() != GenericResult.GenericStatus.GENERIC_STATUS_SUCCESS) {
      throw new IllegalStateException(
          "remote call failed: " + r.getStatus() + " " + r.getException());
    }
    if (r.hasDataBlobId()) {
      throw new IllegalStateException("unexpected blob output in the remote latency floor");
    }
    return Cbor.decode(r.getData().toByteArray(), type);
  }
}
