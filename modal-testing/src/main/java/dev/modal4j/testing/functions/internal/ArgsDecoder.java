package dev.modal4j.testing.functions.internal;

import dev.modal4j.proto.DataFormat;
import dev.modal4j.proto.FunctionInput;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** Reads a function input's {@code [args, kwargs]} payload, inline or from the blob store. */
final class ArgsDecoder {
  private ArgsDecoder() {}

  /** Returns {@code {List args, Map kwargs}}. */
  static Object[] decode(FunctionInput input, BlobStore blobs) throws IOException {
    if (input.getDataFormat() != DataFormat.DATA_FORMAT_CBOR) {
      throw new IOException(
          "the Modal emulator only decodes CBOR payloads, got "
              + input.getDataFormat()
              + " (Python clients: set MODAL_PAYLOAD_FORMAT=cbor)");
    }
    byte[] bytes;
    if (input.getArgsOneofCase() == FunctionInput.ArgsOneofCase.ARGS_BLOB_ID) {
      bytes = blobs.get(input.getArgsBlobId());
      if (bytes == null) {
        throw new IOException("args blob " + input.getArgsBlobId() + " not found");
      }
    } else {
      bytes = input.getArgs().toByteArray();
    }
    Object decoded = CborCodec.decode(bytes);
    if (!(decoded instanceof List) || ((List<?>) decoded).size() != 2) {
      throw new IOException("arguments must be a 2-element CBOR array [args, kwargs]");
    }
    Object args = ((List<?>) decoded).get(0);
    Object kwargs = ((List<?>) decoded).get(1);
    if (!(args instanceof List)) {
      throw new IOException("positional arguments must be a CBOR array");
    }
    if (kwargs == null) {
      kwargs = Map.of();
    }
    if (!(kwargs instanceof Map)) {
      throw new IOException("keyword arguments must be a CBOR map");
    }
    return new Object[] {args, kwargs};
  }
}
