package dev.modal4j.internal.cbor;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.dataformat.cbor.CBORParser;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes CBOR into plain Java values when the caller asks for {@code Object}: {@code Map}
 * (insertion-ordered), {@code List}, {@code String}, {@code byte[]}, {@code Integer}/{@code
 * Long}/{@code BigInteger}, {@code Double}, {@code Boolean}, {@code null}, and {@code Instant} for
 * the date/time tags 0 and 1 (which Jackson's own untyped decoder would turn into text or numbers).
 */
final class UntypedValueDeserializer extends JsonDeserializer<Object> {
  static final int MAX_DEPTH = 500;

  @Override
  public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    return read(p, ctxt, 0);
  }

  private Object read(JsonParser p, DeserializationContext ctxt, int depth) throws IOException {
    if (depth > MAX_DEPTH) {
      return ctxt.reportInputMismatch(Object.class, "CBOR nested deeper than %d levels", MAX_DEPTH);
    }
    JsonToken t = p.currentToken();
    if (t == null) {
      return ctxt.reportInputMismatch(Object.class, "unexpected end of CBOR input");
    }
    switch (t) {
      case START_ARRAY:
        List<Object> list = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          list.add(read(p, ctxt, depth + 1));
        }
        return list;
      case START_OBJECT:
        Map<String, Object> map = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          p.nextToken();
          map.put(key, read(p, ctxt, depth + 1));
        }
        if (p.currentToken() != JsonToken.END_OBJECT) {
          return ctxt.reportInputMismatch(Object.class, "malformed CBOR map");
        }
        return map;
      case VALUE_STRING:
        if (tag(p) == InstantCodec.TAG_DATE_TIME_STRING) {
          try {
            return InstantCodec.parse(p.getText());
          } catch (DateTimeException e) {
            return ctxt.reportInputMismatch(
                Object.class, "bad CBOR date/time text: %s", e.getMessage());
          }
        }
        return p.getText();
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return number(p, ctxt, t);
      case VALUE_EMBEDDED_OBJECT:
        return p.getEmbeddedObject();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      default:
        return ctxt.reportInputMismatch(Object.class, "unexpected CBOR token %s", t);
    }
  }

  private static Object number(JsonParser p, DeserializationContext ctxt, JsonToken t)
      throws IOException {
    if (tag(p) == InstantCodec.TAG_EPOCH) {
      try {
        return InstantCodec.fromEpochSeconds(p.getDecimalValue());
      } catch (DateTimeException | ArithmeticException e) {
        return ctxt.reportInputMismatch(Object.class, "bad CBOR epoch time: %s", e.getMessage());
      }
    }
    if (t == JsonToken.VALUE_NUMBER_INT) {
      return p.getNumberValue();
    }
    Number n = p.getNumberValue();
    return n instanceof BigDecimal ? n : Double.valueOf(n.doubleValue());
  }

  private static int tag(JsonParser p) {
    return p instanceof CBORParser ? ((CBORParser) p).getCurrentTag() : -1;
  }
}
