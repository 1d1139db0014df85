package dev.modal4j.internal.cbor;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/** Instants as CBOR tag 0 (RFC 3339 text), the form Python's cbor2 reads as a datetime. */
final class InstantCodec {
  static final int TAG_DATE_TIME_STRING = 0;
  static final int TAG_EPOCH = 1;

  private InstantCodec() {}

  static String format(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant);
  }

  /** Parses RFC 3339 text with "Z" or a numeric offset. */
  static Instant parse(String text) {
    try {
      return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeException e) {
      return Instant.parse(text);
    }
  }

  static Instant fromEpochSeconds(BigDecimal seconds) {
    BigDecimal whole = new BigDecimal(seconds.toBigInteger());
    long nanos = seconds.subtract(whole).movePointRight(9).longValue();
    return Instant.ofEpochSecond(whole.longValueExact(), nanos);
  }

  /** Writes tag 0 + text on CBOR, plain text elsewhere. */
  static final class Serializer extends JsonSerializer<Instant> {
    @Override
    public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      if (gen instanceof CBORGenerator) {
        ((CBORGenerator) gen).writeTag(TAG_DATE_TIME_STRING);
      }
      gen.writeString(format(value));
    }

    @Override
    public Class<Instant> handledType() {
      return Instant.class;
    }
  }

  /** Reads RFC 3339 text (tagged or not) or epoch seconds (tag 1 or a plain number). */
  static final class Deserializer extends JsonDeserializer<Instant> {
    @Override
    public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      JsonToken t = p.currentToken();
      try {
        if (t == JsonToken.VALUE_STRING) {
          return parse(p.getText());
        }
        if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
          return fromEpochSeconds(p.getDecimalValue());
        }
      } catch (DateTimeException | ArithmeticException e) {
        return (Instant) ctxt.handleWeirdStringValue(Instant.class, p.getText(), e.getMessage());
      }
      return (Instant) ctxt.handleUnexpectedToken(Instant.class, p);
    }

    @Override
    public Class<?> handledType() {
      return Instant.class;
    }
  }
}
