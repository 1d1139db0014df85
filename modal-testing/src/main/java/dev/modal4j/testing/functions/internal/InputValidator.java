package dev.modal4j.testing.functions.internal;

import dev.modal4j.proto.DataFormat;
import dev.modal4j.proto.FunctionInput;
import dev.modal4j.proto.FunctionPutInputsItem;
import dev.modal4j.testing.functions.DeployedFunction;
import dev.modal4j.testing.functions.FunctionBody;
import dev.modal4j.testing.functions.PayloadFormat;
import io.grpc.Status;
import java.util.List;

/** Checks inputs before they are accepted, answering INVALID_ARGUMENT as Modal's server would. */
final class InputValidator {
  private final BlobStore blobs;

  InputValidator(BlobStore blobs) {
    this.blobs = blobs;
  }

  void check(DeployedFunction function, List<FunctionPutInputsItem> items) {
    for (FunctionPutInputsItem item : items) {
      check(function, item.getInput());
    }
  }

  void check(DeployedFunction function, FunctionInput input) {
    String name = function.metadata().getFunctionName();
    FunctionBody body = function.body(input.getMethodName()).orElse(null);
    if (body == null) {
      throw invalid(
          input.getMethodName().isEmpty()
              ? "Function '" + name + "' is a class service function; set method_name"
              : "Function '" + name + "' has no method '" + input.getMethodName() + "'");
    }
    if (body.kind() == FunctionBody.Kind.WEB_ENDPOINT) {
      throw invalid(
          "Function '"
              + name
              + "' is a web endpoint; call it over HTTP at "
              + function.metadata().getWebUrl());
    }
    DataFormat format = input.getDataFormat();
    List<PayloadFormat> accepted = function.definition().spec().inputFormats();
    boolean ok = false;
    for (PayloadFormat f : accepted) {
      ok |= format.name().equals("DATA_FORMAT_" + f.name());
    }
    if (!ok) {
      throw invalid(
          "Function '"
              + name
              + "' does not accept "
              + format
              + " inputs (supported: "
              + accepted
              + ")");
    }
    if (input.getArgsOneofCase() == FunctionInput.ArgsOneofCase.ARGS_BLOB_ID) {
      if (!blobs.contains(input.getArgsBlobId())) {
        throw invalid("Blob " + input.getArgsBlobId() + " not found; upload it before using it");
      }
    } else {
      long max =
          function.definition().spec().maxObjectSizeBytes().orElse(InputRunner.DEFAULT_MAX_OBJECT);
      if (input.getArgs().size() > max) {
        throw invalid(
            "inline args of "
                + input.getArgs().size()
                + " bytes exceed "
                + max
                + " bytes; use a blob");
      }
    }
  }

  static RuntimeException invalid(String message) {
    return Status.INVALID_ARGUMENT.withDescription(message).asRuntimeException();
  }
}
