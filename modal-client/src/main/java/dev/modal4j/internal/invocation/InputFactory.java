package dev.modal4j.internal.invocation;

import dev.modal4j.internal.blob.BlobClient;
import dev.modal4j.proto.DataFormat;
import dev.modal4j.proto.FunctionInput;
import java.util.concurrent.CompletableFuture;

/** Builds the {@code FunctionInput} of one call: inline CBOR, or a blob above the size limit. */
final class InputFactory {
  private InputFactory() {}

  /** Whether a payload of {@code size} bytes goes to the blob store (protocol §8.4). */
  static boolean needsBlob(FunctionTarget target, long size, boolean async) {
    return size > target.maxObjectSize() || (async && size > target.maxAsyncObjectSize());
  }

  static CompletableFuture<FunctionInput> create(
      FunctionTarget target, byte[] payload, boolean async, BlobClient blobs) {
    FunctionInput.Builder input =
        FunctionInput.newBuilder().setDataFormat(DataFormat.DATA_FORMAT_CBOR);
    target.methodName().ifPresent(input::setMethodName);
    if (!needsBlob(target, payload.length, async)) {
      return CompletableFuture.completedFuture(input.setArgs(BlobClient.bytes(payload)).build());
    }
    return blobs.upload(payload).thenApply(blobId -> input.setArgsBlobId(blobId).build());
  }
}
