package dev.modal4j.internal.invocation;

import dev.modal4j.InvalidException;
import dev.modal4j.proto.DataFormat;
import dev.modal4j.proto.Function.FunctionType;
import dev.modal4j.proto.FunctionHandleMetadata;
import java.util.Objects;
import java.util.Optional;

/**
 * What is needed to invoke one deployed function (or one method of a bound class instance): the
 * function id to send, its handle metadata, and the method name to put into each input.
 */
public final class FunctionTarget {
  /** Inline payload limit when the metadata sets none (2 MiB). */
  public static final long DEFAULT_MAX_OBJECT_SIZE = 2L * 1024 * 1024;

  /** Inline payload limit for spawned (ASYNC) inputs when the metadata sets none (8 KiB). */
  public static final long DEFAULT_MAX_ASYNC_OBJECT_SIZE = 8L * 1024;

  private final String functionId;
  private final FunctionHandleMetadata metadata;
  private final String methodName;
  private final String label;

  /**
   * @param functionId the id to send in FunctionMap/AttemptStart
   * @param metadata the handle metadata (for a class method: that method's metadata)
   * @param methodName sent as {@code FunctionInput.method_name}; null for plain functions
   * @param label how errors name it, e.g. {@code app/name}
   */
  public FunctionTarget(
      String functionId, FunctionHandleMetadata metadata, String methodName, String label) {
    this.functionId = Objects.requireNonNull(functionId, "functionId");
    this.metadata = Objects.requireNonNull(metadata, "metadata");
    this.methodName = methodName;
    this.label = Objects.requireNonNull(label, "label");
  }

  /** The id of the function called. */
  public String functionId() {
    return functionId;
  }

  /** The function's metadata as the server returned it. */
  public FunctionHandleMetadata metadata() {
    return metadata;
  }

  /** The method name to send, if this is a class method. */
  public Optional<String> methodName() {
    return Optional.ofNullable(methodName);
  }

  /** A name for messages, such as {@code app/function}. */
  public String label() {
    return label;
  }

  /** Whether the function is a generator. */
  public boolean isGenerator() {
    return metadata.getFunctionType() == FunctionType.FUNCTION_TYPE_GENERATOR;
  }

  /** The web endpoint URL, if this function is one. */
  public Optional<String> webUrl() {
    return metadata.getWebUrl().isEmpty() ? Optional.empty() : Optional.of(metadata.getWebUrl());
  }

  /** The input plane URL, if calls go through the input plane. */
  public Optional<String> inputPlaneUrl() {
    return metadata.hasInputPlaneUrl() && !metadata.getInputPlaneUrl().isEmpty()
        ? Optional.of(metadata.getInputPlaneUrl())
        : Optional.empty();
  }

  /** The largest argument payload sent inline; larger ones go through a blob. */
  public long maxObjectSize() {
    return metadata.hasMaxObjectSizeBytes()
        ? metadata.getMaxObjectSizeBytes()
        : DEFAULT_MAX_OBJECT_SIZE;
  }

  /** The largest argument payload sent inline when spawning; larger ones go through a blob. */
  public long maxAsyncObjectSize() {
    return metadata.hasMaxAsyncObjectSizeBytes()
        ? metadata.getMaxAsyncObjectSizeBytes()
        : DEFAULT_MAX_ASYNC_OBJECT_SIZE;
  }

  /**
   * Checks that the function can be called from Java at all: not a web endpoint, and it accepts
   * CBOR input.
   *
   * @param operation what the caller tried, for the message (e.g. "remote")
   * @throws InvalidException otherwise
   */
  public void checkInvocable(String operation) {
    if (webUrl().isPresent()) {
      throw new InvalidException(
          "Function '"
              + label
              + "' is a web endpoint and cannot be called with "
              + operation
              + "(); send HTTP requests to "
              + webUrl().get()
              + " instead");
    }
    if (!metadata.getSupportedInputFormatsList().contains(DataFormat.DATA_FORMAT_CBOR)) {
      throw new InvalidException(
          "Function '"
              + label
              + "' was deployed with an incompatible Modal Python SDK version: it does not accept"
              + " CBOR input. Redeploy it with Modal Python SDK >= 1.2 to call it from modal4j");
    }
  }
}
