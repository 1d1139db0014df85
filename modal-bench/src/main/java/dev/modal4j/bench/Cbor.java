package dev.modal4j.bench;

import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** The raw floor's payload codec: Jackson CBOR, arguments as {@code [[args...], {}]}. */
final class Cbor {

  private static final CBORMapper MAPPER = new CBORMapper();

  private Cbor() {}

  /** The CBOR bytes of a call with one positional argument and no keyword arguments. */
  static byte[] args(Object arg) {
    try {
      return MAPPER.writeValueAsBytes(List.of(List.of(arg), Map.of()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Decodes a CBOR result into {@code type}. */
  static <T> T decode(byte[] data, Class<T> type) {
    try {
      return MAPPER.readValue(data, type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
