package dev.modal4j.internal.cbor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.modal4j.DeserializationException;
import dev.modal4j.InvalidException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class CborTest {
  record Point(int x, int y, String label) {}

  /** A POJO with getters and setters. */
  public static final class Bean {
    private String name;
    private List<Double> values;

    public String getName() {
      return name;
    }

    public void setName(String name) {
      this.name = name;
    }

    public List<Double> getValues() {
      return values;
    }

    public void setValues(List<Double> values) {
      this.values = values;
    }
  }

  @Test
  void argsAreATwoElementArrayOfListAndMap() {
    byte[] bytes = Cbor.encodeArgs(List.of(1, "a"), Map.of("k", true));
    assertThat(bytes[0] & 0xff).isEqualTo(0x82); // array of 2
    CallArgs decoded = Cbor.decodeArgs(bytes);
    assertThat(decoded.args()).containsExactly(1, "a");
    assertThat(decoded.kwargs()).containsExactly(Map.entry("k", true));
  }

  @Test
  void noArgsEncodeAsEmptyArrayAndEmptyMap() {
    byte[] bytes = Cbor.encodeArgs(null, null);
    assertThat(bytes[0] & 0xff).isEqualTo(0x82);
    assertThat(bytes[1] & 0xff).isEqualTo(0x80); // empty array
    CallArgs decoded = Cbor.decodeArgs(bytes);
    assertThat(decoded.args()).isEmpty();
    assertThat(decoded.kwargs()).isEmpty();
  }

  @Test
  void recordsAndPojosRoundTrip() {
    Point p = new Point(3, -4, "p");
    assertThat(Cbor.decode(Cbor.encode(p), Point.class)).isEqualTo(p);
    Object untyped = Cbor.decode(Cbor.encode(p));
    assertThat(untyped).isEqualTo(Map.of("x", 3, "y", -4, "label", "p"));

    Bean b = new Bean();
    b.setName("n");
    b.setValues(List.of(1.5, 2.0));
    Bean back = Cbor.decode(Cbor.encode(b), Bean.class);
    assertThat(back.getName()).isEqualTo("n");
    assertThat(back.getValues()).containsExactly(1.5, 2.0);
  }

  @Test
  void genericTypesDecodeThroughTypeReference() {
    Map<String, List<Point>> value = Map.of("a", List.of(new Point(1, 2, "q")));
    Map<String, List<Point>> back =
        Cbor.decode(Cbor.encode(value), new TypeReference<Map<String, List<Point>>>() {});
    assertThat(back).isEqualTo(value);
  }

  @Test
  void bytesAreByteStrings() {
    byte[] data = "hello".getBytes(StandardCharsets.UTF_8);
    byte[] encoded = Cbor.encode(data);
    assertThat(encoded[0] & 0xff).isEqualTo(0x45); // major type 2, length 5
    assertThat(Cbor.decode(encoded, byte[].class)).isEqualTo(data);
    assertThat(Cbor.decode(encoded)).isEqualTo(data);
  }

  @Test
  void bigIntegersUseBignumTags() {
    BigInteger big = BigInteger.TWO.pow(100).add(BigInteger.ONE);
    byte[] encoded = Cbor.encode(big);
    assertThat(encoded[0] & 0xff).isEqualTo(0xc2); // tag 2
    assertThat(Cbor.decode(encoded, BigInteger.class)).isEqualTo(big);
    assertThat(Cbor.decode(encoded)).isEqualTo(big);

    BigInteger negative = big.negate();
    byte[] neg = Cbor.encode(negative);
    assertThat(neg[0] & 0xff).isEqualTo(0xc3); // tag 3
    assertThat(Cbor.decode(neg)).isEqualTo(negative);
  }

  @Test
  void negativeBignumsFollowRfc8949() {
    // RFC 8949 appendix A: -18446744073709551617 is c3 49 010000000000000000 (tag 3 holds -1 - v).
    BigInteger value = new BigInteger("-18446744073709551617");
    byte[] rfc = {(byte) 0xc3, 0x49, 1, 0, 0, 0, 0, 0, 0, 0, 0};
    assertThat(Cbor.encode(value)).containsExactly(rfc);
    assertThat(Cbor.decode(rfc)).isEqualTo(value);
    assertThat(Cbor.decode(rfc, BigInteger.class)).isEqualTo(value);
  }

  @Test
  void smallIntegersDecodeAsIntOrLong() {
    assertThat(Cbor.decode(Cbor.encode(7))).isEqualTo(7);
    assertThat(Cbor.decode(Cbor.encode(1L << 40))).isEqualTo(1L << 40);
    assertThat(Cbor.decode(Cbor.encode(2.5))).isEqualTo(2.5);
  }

  @Test
  void instantsUseTagZeroRfc3339Text() {
    Instant t = Instant.parse("2024-05-06T07:08:09.123456789Z");
    byte[] encoded = Cbor.encode(t);
    assertThat(encoded[0] & 0xff).isEqualTo(0xc0); // tag 0
    assertThat(encoded[1] & 0xff).isEqualTo(0x78); // text, one length byte
    String text = new String(encoded, 3, encoded.length - 3, StandardCharsets.UTF_8);
    assertThat(text).isEqualTo("2024-05-06T07:08:09.123456789Z");
    assertThat(Cbor.decode(encoded, Instant.class)).isEqualTo(t);
    assertThat(Cbor.decode(encoded)).isEqualTo(t);
  }

  @Test
  void instantsFromPythonOffsetsAndEpochTag() {
    // tag 0 "2024-01-01T01:00:00+01:00", as cbor2 may write it
    byte[] offset = concat(new byte[] {(byte) 0xc0, 0x78, 25}, "2024-01-01T01:00:00+01:00");
    assertThat(Cbor.decode(offset)).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
    // tag 1, epoch seconds 1_000_000_000 (0x3B9ACA00)
    byte[] epoch = {(byte) 0xc1, 0x1a, 0x3b, (byte) 0x9a, (byte) 0xca, 0x00};
    assertThat(Cbor.decode(epoch)).isEqualTo(Instant.ofEpochSecond(1_000_000_000L));
    assertThat(Cbor.decode(epoch, Instant.class)).isEqualTo(Instant.ofEpochSecond(1_000_000_000L));
  }

  @Test
  void mapsKeepInsertionOrderAndNestedUntypedValuesKeepTags() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("z", 1);
    m.put("a", List.of(Instant.EPOCH, new byte[] {1}));
    @SuppressWarnings("unchecked")
    Map<String, Object> back = (Map<String, Object>) Cbor.decode(Cbor.encode(m));
    assertThat(back.keySet()).containsExactly("z", "a");
    List<?> inner = (List<?>) back.get("a");
    assertThat(inner.get(0)).isEqualTo(Instant.EPOCH);
    assertThat((byte[]) inner.get(1)).containsExactly(1);
  }

  @Test
  void emptyInputDecodesToNull() {
    assertThat(Cbor.decode(new byte[0], Integer.class)).isNull();
    assertThat(Cbor.decode(Cbor.encode(null))).isNull();
  }

  @Test
  void wrongTypeIsADeserializationException() {
    assertThatThrownBy(() -> Cbor.decode(Cbor.encode("text"), Integer.class))
        .isInstanceOf(DeserializationException.class)
        .hasMessageContaining("java.lang.Integer");
  }

  @Test
  void unencodableValueIsAnInvalidException() {
    Object notABean = new Object();
    assertThatThrownBy(() -> Cbor.encodeArgs(List.of(notABean), Map.of()))
        .isInstanceOf(InvalidException.class)
        .hasMessageContaining("cannot encode function arguments");
  }

  @Test
  void trailingBytesAreRefused() {
    byte[] two = {0x01, 0x02};
    assertThatThrownBy(() -> Cbor.decode(two)).isInstanceOf(DeserializationException.class);
  }

  @Test
  void argsOfTheWrongShapeAreRefused() {
    assertThatThrownBy(() -> Cbor.decodeArgs(Cbor.encode(List.of(1, 2, 3))))
        .isInstanceOf(DeserializationException.class)
        .hasMessageContaining("[args, kwargs]");
  }

  @Test
  void deepNestingIsRefusedNotAStackOverflow() {
    byte[] deep = new byte[100_000];
    Arrays.fill(deep, (byte) 0x81); // array of 1, nested
    assertThatThrownBy(() -> Cbor.decode(deep)).isInstanceOf(DeserializationException.class);
    assertThatThrownBy(() -> Cbor.decode(deep, new TypeReference<List<Object>>() {}))
        .isInstanceOf(DeserializationException.class);
  }

  private static byte[] concat(byte[] head, String text) {
    byte[] t = text.getBytes(StandardCharsets.UTF_8);
    byte[] out = Arrays.copyOf(head, head.length + t.length);
    System.arraycopy(t, 0, out, head.length, t.length);
    return out;
  }
}
