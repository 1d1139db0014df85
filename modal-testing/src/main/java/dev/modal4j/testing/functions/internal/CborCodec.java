package dev.modal4j.testing.functions.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import dev.modal4j.ModalException;
import dev.modal4j.internal.cbor.Cbor;
import dev.modal4j.internal.cbor.DefiniteLengths;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The emulator's CBOR codec, shaped like Python's {@code cbor2}: plain major types, tag 0/1
 * timestamps decoded to {@link Instant}, bignums (tags 2/3) to {@link BigInteger}, and integers
 * written in the smallest form. Every string, array and map has a definite length, as Modal's own
 * SDKs write them.
 */
public final class CborCodec {
  private static final int TAG_DATETIME_STRING = 0;
  private static final CBORMapper MAPPER = newMapper();

  private CborCodec() {}

  /**
   * Decodes one CBOR data item into Java collections, numbers, strings, byte arrays, instants, with
   * the SDK's decoder ({@link Cbor#decode(byte[])}); integers come out as {@code Long}, or {@code
   * BigInteger} beyond 64 bits, as handlers expect.
   */
  public static Object decode(byte[] bytes) throws IOException {
    if (bytes == null || bytes.length == 0) {
      throw new IOException("empty CBOR payload");
    }
    try {
      return widen(Cbor.decode(bytes));
    } catch (ModalException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  /**
   * Encodes a value (collections, numbers, strings, bytes, instants, records, POJOs) as CBOR, with
   * definite lengths only: Modal's JS SDK (cbor-x) refuses indefinite-length strings.
   */
  public static byte[] encode(Object value) throws IOException {
    return DefiniteLengths.rewrite(MAPPER.writeValueAsBytes(value));
  }

  private static Object widen(Object value) {
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof BigInteger) {
      BigInteger big = (BigInteger) value;
      return big.bitLength() < 64 ? (Object) big.longValue() : big;
    }
    if (value instanceof List) {
      List<Object> out = new ArrayList<>(((List<?>) value).size());
      for (Object item : (List<?>) value) {
        out.add(widen(item));
      }
      return out;
    }
    if (value instanceof Map) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
        out.put(String.valueOf(e.getKey()), widen(e.getValue()));
      }
      return out;
    }
    return value;
  }

  private static CBORMapper newMapper() {
    SimpleModule module = new SimpleModule("modal-emulator-cbor");
    module.addSerializer(Instant.class, new InstantSerializer());
    module.addSerializer(BigInteger.class, new BigIntegerSerializer());
    CBORMapper mapper = new CBORMapper();
    mapper.registerModule(module);
    return mapper;
  }

  private static final class InstantSerializer extends StdSerializer<Instant> {
    InstantSerializer() {
      super(Instant.class);
    }

    @Override
    public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      if (gen instanceof CBORGenerator) {
        ((CBORGenerator) gen).writeTag(TAG_DATETIME_STRING);
      }
      gen.writeString(value.toString());
    }
  }

  private static final class BigIntegerSerializer extends StdSerializer<BigInteger> {
    BigIntegerSerializer() {
      super(BigInteger.class);
    }

    @Override
    public void serialize(BigInteger value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      if (value.bitLength() < 64) {
        gen.writeNumber(value.longValue());
      } else {
        gen.writeNumber(value);
      }
    }
  }
}
