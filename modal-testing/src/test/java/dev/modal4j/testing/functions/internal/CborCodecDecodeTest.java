package dev.modal4j.testing.functions.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What the emulator accepts, from byte vectors written by hand (RFC 8949 appendix A and what cbor2,
 * cbor-x and the Java SDK write): handlers get {@code Long}/{@code BigInteger}, {@code Double},
 * text, bytes, lists, maps and instants; malformed or unrepresentable input is refused.
 */
class CborCodecDecodeTest {
  private static Object decode(String hex) throws IOException {
    return CborCodec.decode(Hex.bytes(hex));
  }

  private static void refused(String hex, String message) {
    assertThatThrownBy(() -> decode(hex))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(message);
  }

  @Test
  void integersWidenToLongOrBigInteger() throws Exception {
    assertThat(decode("00")).isEqualTo(0L);
    assertThat(decode("17")).isEqualTo(23L);
    assertThat(decode("1818")).isEqualTo(24L);
    assertThat(decode("1903e8")).isEqualTo(1000L);
    assertThat(decode("3863")).isEqualTo(-100L);
    assertThat(decode("1b7fffffffffffffff")).isEqualTo(Long.MAX_VALUE);
    assertThat(decode("3b7fffffffffffffff")).isEqualTo(Long.MIN_VALUE);
    assertThat(decode("1bffffffffffffffff")).isEqualTo(new BigInteger("18446744073709551615"));
    assertThat(decode("3bffffffffffffffff")).isEqualTo(new BigInteger("-18446744073709551616"));
    assertThat(decode("c249010000000000000000")).isEqualTo(BigInteger.TWO.pow(64));
    assertThat(decode("c349010000000000000000"))
        .isEqualTo(BigInteger.TWO.pow(64).negate().subtract(BigInteger.ONE));
    // A bignum that fits is an ordinary integer, and non-shortest heads are still integers.
    assertThat(decode("c24105")).isEqualTo(5L);
    assertThat(decode("c34105")).isEqualTo(-6L);
    assertThat(decode("1b0000000000000001")).isEqualTo(1L);
  }

  @Test
  void floatsOfEveryWidthAreDoubles() throws Exception {
    assertThat(decode("f93c00")).isEqualTo(1.0d);
    assertThat(decode("fa47c35000")).isEqualTo(100000.0d);
    assertThat(decode("fb3ff199999999999a")).isEqualTo(1.1d);
    assertThat(decode("f97c00")).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat((Double) decode("f97e00")).isNaN();
  }

  @Test
  void simpleValuesTextBytesListsAndMaps() throws Exception {
    assertThat(decode("f5")).isEqualTo(true);
    assertThat(decode("f4")).isEqualTo(false);
    assertThat(decode("f6")).isNull();
    assertThat(decode("f7")).as("undefined reads as None").isNull();
    assertThat(decode("62c3bc")).isEqualTo("ü");
    assertThat((byte[]) decode("4401020304")).containsExactly(1, 2, 3, 4);
    assertThat(decode("8301820203820405")).isEqualTo(List.of(1L, List.of(2L, 3L), List.of(4L, 5L)));
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("b", 1L);
    expected.put("a", List.of(2L, 3L));
    @SuppressWarnings("unchecked")
    Map<String, Object> map = (Map<String, Object>) decode("a26162016161820203");
    assertThat(map).isEqualTo(expected);
    assertThat(map.keySet()).as("wire order kept").containsExactly("b", "a");
  }

  @Test
  void indefiniteLengthsAreAcceptedAsCbor2AcceptsThem() throws Exception {
    assertThat(decode("7f657374726561646d696e67ff")).isEqualTo("streaming");
    assertThat((byte[]) decode("5f42010243030405ff")).containsExactly(1, 2, 3, 4, 5);
    assertThat(decode("9f018202039f0405ffff"))
        .isEqualTo(List.of(1L, List.of(2L, 3L), List.of(4L, 5L)));
    assertThat(decode("bf61610161629f0203ffff")).isEqualTo(Map.of("a", 1L, "b", List.of(2L, 3L)));
  }

  @Test
  void tagsReadAsCbor2ReadsThem() throws Exception {
    assertThat(decode("c074323031332d30332d32315432303a30343a30305a"))
        .isEqualTo(Instant.parse("2013-03-21T20:04:00Z"));
    // The Java SDK writes nanoseconds; cbor2 writes an offset.
    assertThat(CborCodec.decode(tag0("2024-05-06T07:08:09.123456789Z")))
        .isEqualTo(Instant.parse("2024-05-06T07:08:09.123456789Z"));
    assertThat(CborCodec.decode(tag0("2024-05-06T09:08:09+02:00")))
        .isEqualTo(Instant.parse("2024-05-06T07:08:09Z"));
    assertThat(decode("c11a514b67b0")).isEqualTo(Instant.ofEpochSecond(1363896240));
    assertThat(decode("c1fb41d452d9ec200000"))
        .isEqualTo(Instant.ofEpochSecond(1363896240, 500_000_000));
    // a JS Date's epoch float rounds to whole microseconds, as Python's fromtimestamp does
    assertThat(decode("c1fb41d969425547df3b")).isEqualTo(Instant.parse("2024-01-15T10:30:45.123Z"));
    assertThat(decode("c4822119ffff")).isEqualTo(new BigDecimal("655.35"));
    assertThat(decode("c48221196ab3")).isEqualTo(new BigDecimal("273.15"));
    assertThat(decode("c48221c249010000000000000000"))
        .isEqualTo(new BigDecimal(BigInteger.TWO.pow(64), 2));
    assertThat(decode("d9010283010203")).isEqualTo(Set.of(1L, 2L, 3L));
    assertThat(decode("d9d9f78101")).as("self-described CBOR").isEqualTo(List.of(1L));
  }

  private static byte[] tag0(String text) {
    byte[] utf8 = text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] out = new byte[utf8.length + 3];
    out[0] = (byte) 0xc0;
    out[1] = 0x78;
    out[2] = (byte) utf8.length;
    System.arraycopy(utf8, 0, out, 3, utf8.length);
    return out;
  }

  @Test
  void malformedInputIsRefused() {
    assertThatThrownBy(() -> CborCodec.decode(new byte[0])).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> CborCodec.decode(null)).isInstanceOf(IOException.class);
    refused("0102", "malformed");
    refused("8201", "malformed");
    refused("62c328", "malformed");
    refused("1c", "malformed");
    refused("ff", "malformed");
    refused("7f4161ff", "malformed");
    refused("a2616101616102", "malformed");
    refused("81".repeat(600) + "01", "");
  }

  @Test
  void valuesHandlersCannotReceiveAreRefused() {
    refused("a10102", "map keys must be text");
    refused("a1c0616101", "map keys must be text");
    refused("f0", "simple value 16");
    refused("d903e701", "unsupported CBOR tag 999");
    refused("d8404401020304", "unsupported CBOR tag 64");
    refused("c001", "tag 0");
    refused("c063616263", "RFC 3339");
    refused("c16161", "tag 1");
    refused("c201", "tag 2");
    refused("c48101", "tag 4");
    refused("d9010201", "tag 258");
  }
}
