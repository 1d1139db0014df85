package dev.modal4j.testing.functions.internal;

import com.upokecenter.cbor.CBORObject;
import com.upokecenter.numbers.EInteger;
import java.io.IOException;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns a handler's result into a CBOR item, the way cbor2 would write the Python value it stands
 * for: null, booleans, text ({@code String}, {@code Character}, {@code char[]}, enum names), bytes
 * ({@code byte[]}), integers (shortest form, bignum tags beyond 64 bits), floats (float64), {@code
 * BigDecimal} (tag 4), {@code Instant} (tag 0 RFC 3339 text), {@code Map} (keys as text), {@code
 * Set} (tag 258), other collections and arrays (arrays), {@code Optional} (its value or null),
 * records and beans (maps of their properties, see {@link ObjectProperties}).
 */
final class JavaToCbor {
  private static final int TAG_DATETIME = 0;
  private static final int TAG_DECIMAL_FRACTION = 4;
  private static final int TAG_SET = 258;

  private JavaToCbor() {}

  static CBORObject convert(Object value) throws IOException {
    return convert(value, 0);
  }

  private static CBORObject convert(Object value, int depth) throws IOException {
    if (depth > CborCodec.MAX_DEPTH) {
      throw new IOException(
          "value nested deeper than " + CborCodec.MAX_DEPTH + " levels (does it contain itself?)");
    }
    if (value == null) {
      return CBORObject.Null;
    }
    if (value instanceof Boolean) {
      return ((Boolean) value) ? CBORObject.True : CBORObject.False;
    }
    if (value instanceof String) {
      return CBORObject.FromObject((String) value);
    }
    if (value instanceof Character || value instanceof Enum) {
      return CBORObject.FromObject(
          value instanceof Enum ? ((Enum<?>) value).name() : value.toString());
    }
    if (value instanceof byte[]) {
      return CBORObject.FromObject(((byte[]) value).clone());
    }
    if (value instanceof char[]) {
      return CBORObject.FromObject(new String((char[]) value));
    }
    if (value instanceof Number) {
      return number((Number) value);
    }
    if (value instanceof Instant) {
      return CBORObject.FromObjectAndTag(
          DateTimeFormatter.ISO_INSTANT.format((Instant) value), TAG_DATETIME);
    }
    if (value instanceof Optional) {
      return convert(((Optional<?>) value).orElse(null), depth + 1);
    }
    if (value instanceof Map) {
      return map((Map<?, ?>) value, depth);
    }
    if (value instanceof Set) {
      return array((Iterable<?>) value, depth).WithTag(TAG_SET);
    }
    if (value instanceof Iterable) {
      return array((Iterable<?>) value, depth);
    }
    if (value.getClass().isArray()) {
      CBORObject array = CBORObject.NewArray();
      for (int i = 0, n = Array.getLength(value); i < n; i++) {
        array.Add(convert(Array.get(value, i), depth + 1));
      }
      return array;
    }
    return map(ObjectProperties.of(value), depth);
  }

  private static CBORObject number(Number n) {
    if (n instanceof Long
        || n instanceof Integer
        || n instanceof Short
        || n instanceof Byte
        || n instanceof AtomicLong
        || n instanceof AtomicInteger) {
      return CBORObject.FromObject(n.longValue());
    }
    if (n instanceof BigInteger) {
      return CBORObject.FromObject(eInteger((BigInteger) n));
    }
    if (n instanceof BigDecimal) {
      BigDecimal d = (BigDecimal) n;
      CBORObject fraction = CBORObject.NewArray();
      fraction.Add(CBORObject.FromObject(-(long) d.scale()));
      fraction.Add(CBORObject.FromObject(eInteger(d.unscaledValue())));
      return fraction.WithTag(TAG_DECIMAL_FRACTION);
    }
    return CBORObject.FromObject(n.doubleValue());
  }

  private static EInteger eInteger(BigInteger value) {
    return EInteger.FromString(value.toString());
  }

  private static CBORObject map(Map<?, ?> value, int depth) throws IOException {
    CBORObject map = CBORObject.NewOrderedMap();
    for (Map.Entry<?, ?> e : value.entrySet()) {
      if (e.getKey() == null) {
        throw new IOException("map keys must not be null");
      }
      String key =
          e.getKey() instanceof Enum ? ((Enum<?>) e.getKey()).name() : e.getKey().toString();
      CBORObject cborKey = CBORObject.FromObject(key);
      if (map.ContainsKey(cborKey)) {
        throw new IOException("two map keys are both written as \"" + key + "\"");
      }
      map.set(cborKey, convert(e.getValue(), depth + 1));
    }
    return map;
  }

  private static CBORObject array(Iterable<?> values, int depth) throws IOException {
    CBORObject array = CBORObject.NewArray();
    for (Object element : values) {
      array.Add(convert(element, depth + 1));
    }
    return array;
  }
}
