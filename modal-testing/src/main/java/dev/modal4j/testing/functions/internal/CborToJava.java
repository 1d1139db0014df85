package dev.modal4j.testing.functions.internal;

import com.upokecenter.cbor.CBORObject;
import com.upokecenter.cbor.CBORType;
import com.upokecenter.numbers.EInteger;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a decoded CBOR item into the values handlers receive. Integers widen to {@code Long}, or
 * {@code BigInteger} when they do not fit; floats of any width become {@code Double}; {@code
 * undefined} becomes null as {@code None}. Tags read as cbor2 reads them: 0 (RFC 3339 text) and 1
 * (epoch seconds) to {@link Instant}, 2/3 bignums to integers, 4 decimal fractions to {@link
 * BigDecimal}, 258 to a {@link Set}, and 55799 (self-described CBOR) is dropped. Any other tag,
 * other simple values and non-text map keys are refused.
 */
final class CborToJava {
  private static final int TAG_DATETIME = 0;
  private static final int TAG_EPOCH = 1;
  private static final int TAG_POSITIVE_BIGNUM = 2;
  private static final int TAG_NEGATIVE_BIGNUM = 3;
  private static final int TAG_DECIMAL_FRACTION = 4;
  private static final int TAG_SET = 258;
  private static final int TAG_SELF_DESCRIBED = 55799;
  private static final int SIMPLE_NULL = 22;
  private static final int SIMPLE_UNDEFINED = 23;

  private CborToJava() {}

  static Object convert(CBORObject item) throws IOException {
    return convert(item, 0);
  }

  private static Object convert(CBORObject item, int depth) throws IOException {
    if (depth > CborCodec.MAX_DEPTH) {
      throw new IOException("CBOR nested deeper than " + CborCodec.MAX_DEPTH + " levels");
    }
    if (item.isTagged()) {
      return tagged(item, depth);
    }
    CBORType type = item.getType();
    switch (type) {
      case Integer:
        return integer(item.AsEIntegerValue());
      case FloatingPoint:
        return item.AsDoubleValue();
      case Boolean:
        return item.isTrue();
      case SimpleValue:
        int simple = item.getSimpleValue();
        if (simple == SIMPLE_NULL || simple == SIMPLE_UNDEFINED) {
          return null;
        }
        throw new IOException("unsupported CBOR simple value " + simple);
      case TextString:
        return item.AsString();
      case ByteString:
        return item.GetByteString();
      case Array:
        List<Object> list = new ArrayList<>(item.size());
        for (CBORObject element : item.getValues()) {
          list.add(convert(element, depth + 1));
        }
        return list;
      case Map:
        Map<String, Object> map = new LinkedHashMap<>();
        for (Map.Entry<CBORObject, CBORObject> e : item.getEntries()) {
          CBORObject key = e.getKey();
          if (key.isTagged() || key.getType() != CBORType.TextString) {
            throw new IOException("CBOR map keys must be text strings, got " + key);
          }
          map.put(key.AsString(), convert(e.getValue(), depth + 1));
        }
        return map;
      default:
        throw new IOException("unsupported CBOR item " + type);
    }
  }

  private static Object tagged(CBORObject item, int depth) throws IOException {
    EInteger tag = item.getMostOuterTag();
    CBORObject inner = item.UntagOne();
    if (!tag.CanFitInInt32()) {
      throw new IOException("unsupported CBOR tag " + tag);
    }
    switch (tag.ToInt32Checked()) {
      case TAG_SELF_DESCRIBED:
        return convert(inner, depth + 1);
      case TAG_DATETIME:
        return dateTime(inner);
      case TAG_EPOCH:
        return epoch(inner);
      case TAG_POSITIVE_BIGNUM:
      case TAG_NEGATIVE_BIGNUM:
        return integer(bignum(tag.ToInt32Checked(), inner));
      case TAG_DECIMAL_FRACTION:
        return decimal(inner);
      case TAG_SET:
        if (inner.isTagged() || inner.getType() != CBORType.Array) {
          throw new IOException("CBOR tag 258 (set) must hold an array");
        }
        Set<Object> set = new LinkedHashSet<>();
        for (CBORObject element : inner.getValues()) {
          set.add(convert(element, depth + 1));
        }
        return set;
      default:
        throw new IOException("unsupported CBOR tag " + tag);
    }
  }

  private static Instant dateTime(CBORObject inner) throws IOException {
    if (inner.isTagged() || inner.getType() != CBORType.TextString) {
      throw new IOException("CBOR tag 0 (date/time) must hold a text string");
    }
    String text = inner.AsString();
    try {
      return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeException e) {
      throw new IOException("CBOR tag 0 text is not an RFC 3339 date/time: " + text, e);
    }
  }

  private static Instant epoch(CBORObject inner) throws IOException {
    try {
      if (!inner.isTagged() && inner.getType() == CBORType.Integer) {
        EInteger seconds = inner.AsEIntegerValue();
        if (seconds.CanFitInInt64()) {
          return Instant.ofEpochSecond(seconds.ToInt64Checked());
        }
      } else if (!inner.isTagged() && inner.getType() == CBORType.FloatingPoint) {
        double seconds = inner.AsDoubleValue();
        if (Double.isFinite(seconds)) {
          double whole = Math.floor(seconds);
          // to whole microseconds, as Python's datetime.fromtimestamp (cbor2) rounds them
          long micros = Math.round((seconds - whole) * 1e6);
          return Instant.ofEpochSecond((long) whole, micros * 1000);
        }
      }
    } catch (DateTimeException e) {
      throw new IOException("CBOR tag 1 (epoch) is out of range: " + inner, e);
    }
    throw new IOException("CBOR tag 1 (epoch) must hold a finite number, got " + inner);
  }

  private static BigInteger bignum(int tag, CBORObject inner) throws IOException {
    if (inner.isTagged() || inner.getType() != CBORType.ByteString) {
      throw new IOException("CBOR tag " + tag + " (bignum) must hold a byte string");
    }
    BigInteger magnitude = new BigInteger(1, inner.GetByteString());
    return tag == TAG_POSITIVE_BIGNUM ? magnitude : magnitude.negate().subtract(BigInteger.ONE);
  }

  private static BigDecimal decimal(CBORObject inner) throws IOException {
    if (inner.isTagged() || inner.getType() != CBORType.Array || inner.size() != 2) {
      throw new IOException("CBOR tag 4 (decimal fraction) must hold [exponent, mantissa]");
    }
    CBORObject exponent = inner.get(0);
    CBORObject mantissa = inner.get(1);
    if (exponent.isTagged()
        || exponent.getType() != CBORType.Integer
        || !exponent.AsEIntegerValue().CanFitInInt32()
        || exponent.AsEIntegerValue().ToInt32Checked() == Integer.MIN_VALUE) {
      throw new IOException("CBOR tag 4 exponent must be a 32-bit integer");
    }
    BigInteger unscaled;
    if (!mantissa.isTagged() && mantissa.getType() == CBORType.Integer) {
      unscaled = big(mantissa.AsEIntegerValue());
    } else if (mantissa.HasOneTag(TAG_POSITIVE_BIGNUM) || mantissa.HasOneTag(TAG_NEGATIVE_BIGNUM)) {
      unscaled = bignum(mantissa.getMostOuterTag().ToInt32Checked(), mantissa.UntagOne());
    } else {
      throw new IOException("CBOR tag 4 mantissa must be an integer or a bignum");
    }
    return new BigDecimal(unscaled, -exponent.AsEIntegerValue().ToInt32Checked());
  }

  private static Object integer(EInteger value) {
    return value.CanFitInInt64() ? (Object) value.ToInt64Checked() : big(value);
  }

  private static Object integer(BigInteger value) {
    return value.bitLength() < 64 ? (Object) value.longValue() : value;
  }

  private static BigInteger big(EInteger value) {
    return new BigInteger(value.toString());
  }
}
