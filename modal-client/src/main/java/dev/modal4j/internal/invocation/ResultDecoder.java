package dev.modal4j.internal.invocation;

import com.fasterxml.jackson.databind.JavaType;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.modal4j.DeserializationException;
import dev.modal4j.FunctionTimeoutException;
import dev.modal4j.InternalFailureException;
import dev.modal4j.ModalException;
import dev.modal4j.RemoteException;
import dev.modal4j.internal.blob.BlobClient;
import dev.modal4j.internal.cbor.Cbor;
import dev.modal4j.proto.DataFormat;
import dev.modal4j.proto.GeneratorDone;
import dev.modal4j.proto.GenericResult;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/** Turns a {@code GenericResult} into a value or the matching exception (protocol §5.4). */
final class ResultDecoder {
  private final BlobClient blobs;
  private final Executor executor;

  ResultDecoder(BlobClient blobs, Executor executor) {
    this.blobs = blobs;
    this.executor = executor;
  }

  /** The exception for a non-success result, or null for SUCCESS. */
  static ModalException failure(GenericResult result) {
    String text = result.getException();
    switch (result.getStatus()) {
      case GENERIC_STATUS_SUCCESS:
        return null;
      case GENERIC_STATUS_TIMEOUT:
        return new FunctionTimeoutException(orDefault(text, "the function timed out"));
      case GENERIC_STATUS_INTERNAL_FAILURE:
        return new InternalFailureException(orDefault(text, "Modal lost the input"));
      case GENERIC_STATUS_TERMINATED:
        return new RemoteException(
            orDefault(text, "the function call was terminated"), result.getTraceback());
      default:
        return new RemoteException(
            orDefault(text, "the function call ended with status " + result.getStatus()),
            result.getTraceback());
    }
  }

  private static String orDefault(String text, String fallback) {
    return text == null || text.isEmpty() ? fallback : text;
  }

  /** The raw bytes of a result's data: inline, or downloaded from the blob store. */
  CompletableFuture<byte[]> data(GenericResult result) {
    switch (result.getDataOneofCase()) {
      case DATA:
        return CompletableFuture.completedFuture(result.getData().toByteArray());
      case DATA_BLOB_ID:
        return blobs.download(result.getDataBlobId());
      default:
        return CompletableFuture.completedFuture(new byte[0]);
    }
  }

  /** Decodes a successful result's value, or fails with the result's exception. */
  <T> CompletableFuture<T> decode(GenericResult result, DataFormat format, JavaType type) {
    ModalException failure = failure(result);
    if (failure != null) {
      return CompletableFuture.failedFuture(failure);
    }
    return data(result).thenApplyAsync(bytes -> decodeValue(bytes, format, type), executor);
  }

  static <T> T decodeValue(byte[] bytes, DataFormat format, JavaType type) {
    switch (format) {
      case DATA_FORMAT_CBOR:
        return Cbor.decode(bytes, type);
      case DATA_FORMAT_UNSPECIFIED:
        if (bytes.length == 0) {
          return null;
        }
        throw new DeserializationException(
            "the result has no data format; modal4j reads only CBOR results");
      case DATA_FORMAT_PICKLE:
        throw new DeserializationException(
            "the function returned a Python pickle; modal4j reads only CBOR results (deploy with"
                + " Modal Python SDK >= 1.2)");
      default:
        throw new DeserializationException("unsupported result data format " + format);
    }
  }

  /** Reads a {@code GeneratorDone} payload. */
  static long itemsTotal(byte[] bytes) {
    try {
      return GeneratorDone.parseFrom(bytes).getItemsTotal();
    } catch (InvalidProtocolBufferException e) {
      throw new DeserializationException("malformed GeneratorDone payload", e);
    }
  }
}
