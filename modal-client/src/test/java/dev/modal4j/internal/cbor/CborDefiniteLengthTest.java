package dev.modal4j.internal.cbor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
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

/** Modal's JS SDK (cbor-x) refuses indefinite-length strings: everything must be definite. */
@Timeout(30)
class CborDefiniteLengthTest {
  record Doc(String title, byte[] body, List<Integer> ids, Map<String, Object> extra) {}

  static String longText(int chars) {
    StringBuilder sb = new StringBuilder(chars);
    String pattern = "abcé€😀xyz"; // 1-, 2-, 3- and 4-byte UTF-8, a surrogate pair
    while (sb.length() < chars) {
      sb.append(pattern);
    }
    sb.setLength(chars);
    if (Character.isHighSurrogate(sb.charAt(chars - 1))) {
      sb.setCharAt(chars - 1, 'q');
    }
    return sb.toString();
  }

  static byte[] randomBytes(int size) {
    byte[] data = new byte[size];
    new Random(42).nextBytes(data);
    return data;
  }

  @Test
  void longTextIsOneDefiniteTextString() {
    String text = longText(65_536);
    byte[] encoded = Cbor.encode(text);
    DefiniteCborWalker.assertAllDefinite(encoded);
    int utf8 = text.getBytes(StandardCharsets.UTF_8).length;
    assertThat(encoded[0] & 0xff).isEqualTo(0x7a); // text, 4-byte length
    assertThat(encoded.length).isEqualTo(5 + utf8);
    assertThat(Cbor.decode(encoded)).isEqualTo(text);
    assertThat(Cbor.decode(encoded, String.class)).isEqualTo(text);
  }

  @Test
  void textAtEveryLengthAroundJacksonsChunkSizeIsDefinite() {
    for (int chars = 3_990; chars <= 4_010; chars++) {
      String text = longText(chars);
      byte[] encoded = Cbor.encode(text);
      DefiniteCborWalker.assertAllDefinite(encoded);
      assertThat(Cbor.decode(encoded)).isEqualTo(text);
    }
  }

  @Test
  void largeByteArrayIsOneDefiniteByteString() {
    byte[] data = randomBytes(100 * 1024);
    byte[] encoded = Cbor.encode(data);
    DefiniteCborWalker.assertAllDefinite(encoded);
    assertThat(encoded[0] & 0xff).isEqualTo(0x5a); // bytes, 4-byte length
    assertThat(Cbor.decode(encoded, byte[].class)).isEqualTo(data);
  }

  @Test
  void largeMapAndListAreDefinite() {
    Map<String, Object> map = new LinkedHashMap<>();
    List<Object> list = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      map.put("key" + i, i % 2 == 0 ? i : "v" + i);
      list.add(i % 3 == 0 ? "s" + i : (Object) (3_000_000_000L + i * 1_000_007L));
    }
    byte[] encodedMap = Cbor.encode(map);
    assertThat(DefiniteCborWalker.assertAllDefinite(encodedMap)).isEqualTo(1 + 20_000);
    assertThat(encodedMap[0] & 0xff).isEqualTo(0xb9); // map, 2-byte count
    assertThat(Cbor.decode(encodedMap)).isEqualTo(map);

    byte[] encodedList = Cbor.encode(list);
    assertThat(DefiniteCborWalker.assertAllDefinite(encodedList)).isEqualTo(1 + 10_000);
    assertThat(encodedList[0] & 0xff).isEqualTo(0x99); // array, 2-byte count
    assertThat(Cbor.decode(encodedList, new TypeReference<List<Object>>() {})).isEqualTo(list);
  }

  @Test
  void recordsAndNestedStructuresAreDefiniteAndKeepTags() {
    Instant when = Instant.parse("2024-05-06T07:08:09.123456789Z");
    BigInteger big = BigInteger.TWO.pow(100).add(BigInteger.ONE);
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("when", when);
    extra.put("big", big);
    extra.put("negBig", big.negate());
    extra.put("nested", List.of(Map.of("deep", List.of(longText(10_000), Map.of()))));
    Doc doc = new Doc(longText(5_000), randomBytes(70_000), List.of(1, 2, 3), extra);

    byte[] encoded = Cbor.encode(doc);
    DefiniteCborWalker.assertAllDefinite(encoded);
    assertThat(encoded[0] & 0xff).isEqualTo(0xa4); // map of the 4 record components
    Doc back = Cbor.decode(encoded, Doc.class);
    assertThat(back.title()).isEqualTo(doc.title());
    assertThat(back.body()).isEqualTo(doc.body());
    assertThat(back.ids()).isEqualTo(doc.ids());
    assertThat(back.extra()).isEqualTo(extra);

    byte[] args = Cbor.encodeArgs(List.of(doc, longText(65_536)), Map.of("k", List.of(doc)));
    DefiniteCborWalker.assertAllDefinite(args);
    CallArgs decoded = Cbor.decodeArgs(args);
    assertThat(decoded.args().get(1)).isEqualTo(longText(65_536));
    @SuppressWarnings("unchecked")
    Map<String, Object> untyped = (Map<String, Object>) decoded.args().get(0);
    assertThat(untyped.get("extra")).isEqualTo(extra);
  }

  @Test
  void smallValuesGetCompactDefiniteHeaders() {
    assertThat(Cbor.encode(List.of(1, "a"))).containsExactly(0x82, 0x01, 0x61, 'a');
    assertThat(Cbor.encode(Map.of("k", true))).containsExactly(0xa1, 0x61, 'k', 0xf5);
    assertThat(Cbor.encode(new Doc("t", new byte[] {7}, List.of(), Map.of())))
        .containsExactly(
            0xa4, 0x65, 't', 'i', 't', 'l', 'e', 0x61, 't', 0x64, 'b', 'o', 'd', 'y', 0x41, 7, 0x63,
            'i', 'd', 's', 0x80, 0x65, 'e', 'x', 't', 'r', 'a', 0xa0);
  }
}
