package dev.modal4j.testing.functions.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What the emulator writes, byte for byte: what cbor2 writes for the same Python value and cbor-x
 * and the Java SDK read (shortest integers, bignums only beyond 64 bits, float64, tag 0 text).
 */
class CborCodecEncodeTest {
  record Point(long x, String label) {}

  enum Colour {
    RED
  }

  /** A bean with a public field and getters. */
  public static final class Bean {
    public final int count = 3;

    public String getName() {
      return "b";
    }

    public boolean isReady() {
      return true;
    }
  }

  /** Has no property at all. */
  public static final class Empty {}

  private static String hex(Object value) throws IOException {
    return Hex.of(CborCodec.encode(value));
  }

  @Test
  void integersUseTheShortestHeadAndBignumsOnlyBeyond64Bits() throws Exception {
    assertThat(hex(0L)).isEqualTo("00");
    assertThat(hex(23)).isEqualTo("17");
    assertThat(hex((short) 24)).isEqualTo("1818");
    assertThat(hex(1000L)).isEqualTo("1903e8");
    assertThat(hex(-100L)).isEqualTo("3863");
    assertThat(hex(Long.MIN_VALUE)).isEqualTo("3b7fffffffffffffff");
    assertThat(hex(BigInteger.valueOf(5))).as("small BigInteger is a plain int").isEqualTo("05");
    assertThat(hex(BigInteger.TWO.pow(63))).isEqualTo("1b8000000000000000");
    assertThat(hex(BigInteger.TWO.pow(64))).isEqualTo("c249010000000000000000");
    assertThat(hex(BigInteger.TWO.pow(64).negate().subtract(BigInteger.ONE)))
        .isEqualTo("c349010000000000000000");
  }

  @Test
  void floatsAreFloat64AndDecimalsAreTag4() throws Exception {
    assertThat(hex(1.5d)).isEqualTo("fb3ff8000000000000");
    assertThat(hex(1.5f)).isEqualTo("fb3ff8000000000000");
    assertThat(hex(new BigDecimal("655.35"))).isEqualTo("c4822119ffff");
  }

  @Test
  void scalarsTextBytesAndInstants() throws Exception {
    assertThat(hex(null)).isEqualTo("f6");
    assertThat(hex(true)).isEqualTo("f5");
    assertThat(hex("ü")).isEqualTo("62c3bc");
    assertThat(hex('x')).isEqualTo("6178");
    assertThat(hex(Colour.RED)).isEqualTo("63524544");
    assertThat(hex(new byte[] {1, 2})).isEqualTo("420102");
    assertThat(hex(Instant.parse("2013-03-21T20:04:00Z")))
        .isEqualTo("c074323031332d30332d32315432303a30343a30305a");
    assertThat(hex(Optional.empty())).isEqualTo("f6");
    assertThat(hex(Optional.of(1L))).isEqualTo("01");
  }

  @Test
  void collectionsRecordsAndBeans() throws Exception {
    Map<Object, Object> map = new LinkedHashMap<>();
    map.put("b", 1L);
    map.put(2L, List.of());
    assertThat(hex(map)).isEqualTo("a2616201613280");
    assertThat(hex(new long[] {1, 2})).isEqualTo("820102");
    assertThat(hex(new Object[] {"a", null})).isEqualTo("826161f6");
    assertThat(hex(new LinkedHashSet<>(List.of(1L, 2L)))).isEqualTo("d90102820102");
    assertThat(hex(new Point(1, "p"))).isEqualTo("a2617801656c6162656c6170");
    assertThat(hex(new Bean())).isEqualTo("a365636f756e7403646e616d656162657265616479f5");
  }

  @Test
  void valuesThatCannotBeEncodedAreIoExceptions() {
    List<Object> cycle = new ArrayList<>();
    cycle.add(cycle);
    assertThatThrownBy(() -> CborCodec.encode(cycle))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("nested deeper");
    assertThatThrownBy(() -> CborCodec.encode(new Empty()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("no public properties");
    assertThatThrownBy(() -> CborCodec.encode(Thread.currentThread()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("java.lang.Thread");
    Map<Object, Object> clash = new LinkedHashMap<>();
    clash.put(1L, "a");
    clash.put("1", "b");
    assertThatThrownBy(() -> CborCodec.encode(clash))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("\"1\"");
    Map<Object, Object> nullKey = new LinkedHashMap<>();
    nullKey.put(null, "a");
    assertThatThrownBy(() -> CborCodec.encode(nullKey)).isInstanceOf(IOException.class);
  }
}
