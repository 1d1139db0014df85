package dev.modal4j.testing.functions.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import com.fasterxml.jackson.dataformat.cbor.CBORParser;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
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
  private static final int TAG_EPOCH = 1;
  private static final CBORMapper MAPPER = newMapper();

  private CborCodec() {}

  /** Decodes one CBOR data item into Java collections, numbers, strings, byte arrays, instants. */
  public static Object decode(byte[] bytes) throws IOException {
    try (JsonParser parser = MAPPER.getFactory().createParser(bytes)) {
      JsonToken token = parser.nextToken();
      if (token == null) {
        throw new IOException("empty CBOR payload");
      }
      Object value = readValue((CBORParser) parser, token);
      if (parser.nextToken() != null) {
        throw new IOException("trailing bytes after the CBOR data item");
      }
      return value;
    }
  }

  /**
   * Encodes a value (collections, numbers, strings, bytes, instants, records, POJOs) as CBOR, with
   * definite lengths only: Modal's JS SDK (cbor-x) refuses indefinite-length strings.
   */
  public static byte[] encode(Object value) throws IOException {
    return DefiniteLengths.rewrite(MAPPER.writeValueAsBytes(value));
  }

  private static Object readValue(CBORParser parser, JsonToken token) throws IOException {
    int tag = parser.getCurrentTag();
    switch (token) {
      case START_ARRAY:
        List<Object> list = new ArrayList<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
          list.add(readValue(parser, t));
        }
        return list;
      case START_OBJECT:
        Map<String, Object> map = new LinkedHashMap<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
          String key = parser.currentName();
          map.put(key, readValue(parser, parser.nextToken()));
        }
        return map;
      case VALUE_STRING:
        String text = parser.getText();
        return tag == TAG_DATETIME_STRING ? parseInstant(text) : text;
      case VALUE_NUMBER_INT:
        Number integer = parser.getNumberValue();
        if (tag == TAG_EPOCH) {
          return Instant.ofEpochSecond(integer.longValue());
        }
        return integer instanceof BigInteger
            ? narrow((BigInteger) integer)
            : (Object) Long.valueOf(integer.longValue());
      case VALUE_NUMBER_FLOAT:
        double d = parser.getDoubleValue();
        if (tag == TAG_EPOCH) {
          long seconds = (long) Math.floor(d);
          return Instant.ofEpochSecond(seconds, Math.round((d - seconds) * 1e9));
        }
        return d;
      case VALUE_EMBEDDED_OBJECT:
        Object embedded = parser.getEmbeddedObject();
        return embedded instanceof BigInteger ? narrow((BigInteger) embedded) : embedded;
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      default:
        throw new IOException("unsupported CBOR token " + token);
    }
  }

  private static Instant parseInstant(String text) throws IOException {
    try {
      return java.time.OffsetDateTime.parse(text).toInstant();
    } catch (java.time.format.DateTimeParseException e) {
      throw new IOException("tag 0 value is not an RFC 3339 date-time: " + text, e);
    }
  }

  private static Object narrow(BigInteger value) {
    return value.bitLength() < 64 ? (Object) value.longValue() : value;
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
