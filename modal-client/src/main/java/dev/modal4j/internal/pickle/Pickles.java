package dev.modal4j.internal.pickle;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modal4j.DeserializationException;
import dev.modal4j.InvalidException;

/**
 * The pickle codec of queue and dict values: Java values to protocol 4 pickles as Python writes
 * them, and strict plain-data pickles back to Java, typed through Jackson.
 *
 * <p>Why our own codec and not a pickle library: the only maintained Java one ({@code
 * net.razorvine:pickle}) writes protocol 2, not the protocol 4 Modal's SDKs write (so dict keys
 * would not match Python's bytes), and its unpickler resolves GLOBAL/REDUCE to registered
 * constructors or generic class dicts rather than refusing them. Plain data is a small, fixed part
 * of the format: see {@link PickleEncoder} and {@link PickleDecoder}.
 */
public final class Pickles {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private Pickles() {}

  /**
   * Pickles a value (protocol 4).
   *
   * @param parameter names the value in an error message
   * @throws InvalidException if the value has no Python equivalent
   */
  public static byte[] encode(Object value, String parameter) {
    return PickleEncoder.encode(value, MAPPER, parameter);
  }

  /**
   * Pickles a dict key: like {@link #encode}, but a list, dict or set (unhashable in Python) is
   * refused.
   *
   * @throws InvalidException if the key cannot be a Python dict key
   */
  public static byte[] encodeKey(Object key, String parameter) {
    if (!Hashable.test(key)) {
      throw new InvalidException(
          parameter
              + " of type "
              + key.getClass().getName()
              + " cannot be a dict key: Python cannot hash lists, dicts and sets");
    }
    return encode(key, parameter);
  }

  /**
   * Unpickles plain data, untyped: null, Boolean, Long or BigInteger, Double, String, byte[],
   * PyTuple, List, Map, Set.
   *
   * @throws DeserializationException if the bytes are not a plain-data pickle
   */
  public static Object decode(byte[] pickle) {
    return PickleDecoder.decode(pickle);
  }

  /** The Jackson type of a class. */
  public static JavaType type(Class<?> type) {
    return MAPPER.constructType(type);
  }

  /** The Jackson type of a type reference. */
  public static JavaType type(TypeReference<?> type) {
    return MAPPER.getTypeFactory().constructType(type);
  }

  /**
   * Unpickles plain data into a Java type; {@code Object} gives the untyped value.
   *
   * @throws DeserializationException if the bytes are not a plain-data pickle or do not fit the
   *     type
   */
  @SuppressWarnings("unchecked")
  public static <T> T decode(byte[] pickle, JavaType type) {
    Object plain = PickleDecoder.decode(pickle);
    if (type.getRawClass() == Object.class) {
      return (T) plain;
    }
    if (plain != null && type.getRawClass().isInstance(plain) && !type.hasGenericTypes()) {
      return (T) plain;
    }
    Object fast = ScalarReads.convert(plain, type.getRawClass());
    if (fast != null) {
      return (T) fast;
    }
    try {
      return MAPPER.convertValue(plain, type);
    } catch (IllegalArgumentException e) {
      throw new DeserializationException(
          "value cannot be read as " + type.toCanonical() + ": " + e.getMessage(), e);
    }
  }
}
