package dev.modal4j.testing.functions.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Results the emulator sends must be readable by cbor-x (Modal's JS SDK): definite lengths only.
 */
@Timeout(30)
class CborCodecDefiniteLengthTest {
  record Result(String name, byte[] payload, List<Object> items) {}

  private static String longText(int chars) {
    StringBuilder sb = new StringBuilder(chars + 16);
    while (sb.length() < chars) {
      sb.append("modal-é€😀-");
    }
    sb.setLength(chars);
    if (Character.isHighSurrogate(sb.charAt(chars - 1))) {
      sb.setCharAt(chars - 1, 'z');
    }
    return sb.toString();
  }

  private static byte[] randomBytes(int size) {
    byte[] data = new byte[size];
    new Random(7).nextBytes(data);
    return data;
  }

  @Test
  void longTextAndLargeBytesAreDefinite() throws Exception {
    String text = longText(65_536);
    byte[] encodedText = CborCodec.encode(text);
    DefiniteLengthScanner.assertAllDefinite(encodedText);
    assertThat(encodedText[0] & 0xff).isEqualTo(0x7a);
    assertThat(encodedText).hasSize(5 + text.getBytes(StandardCharsets.UTF_8).length);
    assertThat(CborCodec.decode(encodedText)).isEqualTo(text);

    byte[] data = randomBytes(100 * 1024);
    byte[] encodedData = CborCodec.encode(data);
    DefiniteLengthScanner.assertAllDefinite(encodedData);
    assertThat(encodedData[0] & 0xff).isEqualTo(0x5a);
    assertThat((byte[]) CborCodec.decode(encodedData)).isEqualTo(data);
  }

  @Test
  void largeMapsAndListsAreDefinite() throws Exception {
    Map<String, Object> map = new LinkedHashMap<>();
    List<Object> list = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      map.put("k" + i, (long) i);
      list.add("item" + i);
    }
    byte[] encodedMap = CborCodec.encode(map);
    assertThat(DefiniteLengthScanner.assertAllDefinite(encodedMap)).isEqualTo(20_001);
    assertThat(CborCodec.decode(encodedMap)).isEqualTo(map);
    byte[] encodedList = CborCodec.encode(list);
    assertThat(DefiniteLengthScanner.assertAllDefinite(encodedList)).isEqualTo(10_001);
    assertThat(CborCodec.decode(encodedList)).isEqualTo(list);
  }

  @Test
  void recordsAndNestedValuesAreDefiniteAndKeepTags() throws Exception {
    Instant when = Instant.parse("2024-05-06T07:08:09.123456789Z");
    BigInteger big = BigInteger.TWO.pow(90);
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put("when", when);
    inner.put("big", big);
    inner.put("neg", big.negate());
    inner.put("text", longText(9_000));
    Result result =
        new Result(longText(4_500), randomBytes(20_000), List.of(inner, List.of(1L, List.of())));

    byte[] encoded = CborCodec.encode(result);
    DefiniteLengthScanner.assertAllDefinite(encoded);
    assertThat(encoded[0] & 0xff).isEqualTo(0xa3);
    @SuppressWarnings("unchecked")
    Map<String, Object> back = (Map<String, Object>) CborCodec.decode(encoded);
    assertThat(back.get("name")).isEqualTo(result.name());
    assertThat((byte[]) back.get("payload")).isEqualTo(result.payload());
    assertThat(back.get("items")).isEqualTo(List.of(inner, List.of(1L, List.of())));
  }

  @Test
  void smallValuesGetCompactDefiniteHeaders() throws Exception {
    assertThat(CborCodec.encode(Map.of("a", 1L))).containsExactly(0xa1, 0x61, 'a', 0x01);
    assertThat(CborCodec.encode(List.of("x"))).containsExactly(0x81, 0x61, 'x');
    assertThat(CborCodec.encode(Instant.EPOCH)[0] & 0xff).isEqualTo(0xc0);
  }
}
