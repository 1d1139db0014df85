package dev.modal4j.internal.cbor;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import com.fasterxml.jackson.dataformat.cbor.CBORParser;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.modal4j.DeserializationException;
import dev.modal4j.InvalidException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The one CBOR codec of modal4j (the SDK, the emulator and the tools share it).
 *
 * <p>Function arguments are one CBOR array {@code [args, kwargs]}; results are the CBOR of the
 * returned value. Records, POJOs, {@code Map}, {@code List}, {@code byte[]} (byte strings), {@code
 * String}, numbers ({@code BigInteger} beyond 64 bits as bignum tags 2/3) and {@code Instant} (tag
 * 0, RFC 3339 text) map to what Python's {@code cbor2} reads. Decoding into {@code Object} yields
 * plain maps, lists, strings, byte arrays, numbers, booleans and {@code Instant}s.
 *
 * <p>Every string, array and map is written with a definite length (see {@link DefiniteLengths}):
 * Modal's JS SDK refuses the indefinite-length strings Jackson writes for long text.
 *
 * <p>Errors: a value that cannot be encoded is an {@link InvalidException}; bytes that cannot be
 * decoded into the requested type are a {@link DeserializationException}. No Jackson exception
 * escapes.
 */
public final class Cbor {
  private static final ObjectMapper MAPPER = createMapper();

  private Cbor() {}

  private static ObjectMapper createMapper() {
    CBORFactory factory =
        CBORFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxStringLength(Integer.MAX_VALUE)
                    .maxNestingDepth(UntypedValueDeserializer.MAX_DEPTH)
                    .build())
            // RFC 8949 negative bignums (tag 3 holds -1 - v), as cbor2 and cbor-x read and write
            // them; Jackson 2.x defaults to -v, one off.
            .enable(CBORGenerator.Feature.ENCODE_USING_STANDARD_NEGATIVE_BIGINT_ENCODING)
            .enable(CBORParser.Feature.DECODE_USING_STANDARD_NEGATIVE_BIGINT_ENCODING)
            .build();
    SimpleModule module = new SimpleModule("modal4j-cbor");
    module.addSerializer(Instant.class, new InstantCodec.Serializer());
    module.addDeserializer(Instant.class, new InstantCodec.Deserializer());
    module.addDeserializer(Object.class, new UntypedValueDeserializer());
    ObjectMapper mapper = new ObjectMapper(factory);
    mapper.registerModule(new JavaTimeModule());
    mapper.registerModule(module);
    mapper.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    mapper.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    return mapper;
  }

  /**
   * The shared mapper (configured for CBOR); do not reconfigure it. Its output may hold indefinite
   * lengths: encode through {@link #encode} or {@link #encodeArgs} for the wire.
   */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** The Jackson type for a class. */
  public static JavaType type(Class<?> type) {
    return MAPPER.constructType(Objects.requireNonNull(type, "type"));
  }

  /** The Jackson type for a type reference. */
  public static JavaType type(TypeReference<?> type) {
    return MAPPER.getTypeFactory().constructType(Objects.requireNonNull(type, "type"));
  }

  /** Encodes one value. */
  public static byte[] encode(Object value) {
    try {
      return DefiniteLengths.rewrite(MAPPER.writeValueAsBytes(value));
    } catch (Exception | StackOverflowError e) {
      throw new InvalidException("cannot encode value as CBOR: " + describe(e), e);
    }
  }

  /**
   * Encodes function arguments as {@code [args, kwargs]}; null lists/maps are sent as empty.
   *
   * @throws InvalidException if a kwarg name is null or a value cannot be encoded
   */
  public static byte[] encodeArgs(List<?> args, Map<String, ?> kwargs) {
    List<Object> positional = args == null ? List.of() : new ArrayList<>(args);
    Map<String, Object> keyword = new LinkedHashMap<>();
    if (kwargs != null) {
      for (Map.Entry<String, ?> e : kwargs.entrySet()) {
        if (e.getKey() == null) {
          throw new InvalidException("keyword argument names must not be null");
        }
        keyword.put(e.getKey(), e.getValue());
      }
    }
    try {
      return DefiniteLengths.rewrite(MAPPER.writeValueAsBytes(new Object[] {positional, keyword}));
    } catch (Exception | StackOverflowError e) {
      throw new InvalidException("cannot encode function arguments as CBOR: " + describe(e), e);
    }
  }

  /** Decodes into {@code type}; empty input decodes to null. */
  public static <T> T decode(byte[] data, Class<T> type) {
    return decode(data, type(type));
  }

  /** Decodes into {@code type}; empty input decodes to null. */
  public static <T> T decode(byte[] data, TypeReference<T> type) {
    return decode(data, type(type));
  }

  /** Decodes into plain Java values (see the class comment); empty input decodes to null. */
  public static Object decode(byte[] data) {
    return decode(data, Object.class);
  }

  /** Decodes into {@code type}; empty input decodes to null. */
  public static <T> T decode(byte[] data, JavaType type) {
    Objects.requireNonNull(type, "type");
    if (data == null || data.length == 0) {
      return null;
    }
    try {
      return MAPPER.readValue(data, type);
    } catch (Exception | StackOverflowError e) {
      throw new DeserializationException(
          "cannot decode CBOR into " + type.toCanonical() + ": " + describe(e), e);
    }
  }

  /**
   * Decodes function arguments encoded as {@code [args, kwargs]}.
   *
   * @throws DeserializationException if the bytes are not CBOR of that shape
   */
  @SuppressWarnings("unchecked")
  public static CallArgs decodeArgs(byte[] data) {
    Object value = decode(data);
    if (!(value instanceof List) || ((List<?>) value).size() != 2) {
      throw new DeserializationException("function arguments must be a CBOR array [args, kwargs]");
    }
    List<?> pair = (List<?>) value;
    if (!(pair.get(0) instanceof List) || !(pair.get(1) instanceof Map)) {
      throw new DeserializationException("function arguments must be a CBOR array [args, kwargs]");
    }
    return new CallArgs((List<Object>) pair.get(0), (Map<String, Object>) pair.get(1));
  }

  private static String describe(Throwable e) {
    if (e instanceof StackOverflowError) {
      return "value nested too deeply";
    }
    String message = e.getMessage();
    if (message == null) {
      return e.getClass().getSimpleName();
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
