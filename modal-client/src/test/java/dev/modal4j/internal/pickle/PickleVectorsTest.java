package dev.modal4j.internal.pickle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modal4j.PyTuple;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Byte vectors written by CPython 3.11's {@code pickle.dumps(value, protocol=4)} (in
 * src/test/resources/pickle; large ones as SHA-256 and length): modal4j must write the same bytes
 * for the same value, and read them back to an equal value.
 */
class PickleVectorsTest {

  static Map<String, Object> values() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("none", null);
    m.put("true", true);
    m.put("false", false);
    m.put("int0", 0);
    m.put("int255", 255);
    m.put("int256", 256);
    m.put("int65535", 65535);
    m.put("int65536", 65536);
    m.put("int40000", 40000);
    m.put("intNeg1", -1);
    m.put("int2p31m1", Integer.MAX_VALUE);
    m.put("int2p31", 1L << 31);
    m.put("intNeg2p31", Integer.MIN_VALUE);
    m.put("intNeg2p31m1", -(1L << 31) - 1);
    m.put("int2p40", 1L << 40);
    m.put("int2p63m1", Long.MAX_VALUE);
    m.put("int2p63", BigInteger.ONE.shiftLeft(63));
    m.put("int2p64", BigInteger.ONE.shiftLeft(64));
    m.put("int2p70", BigInteger.ONE.shiftLeft(70));
    m.put("intNeg2p70", BigInteger.ONE.shiftLeft(70).negate());
    m.put("intNeg2p39", -(1L << 39));
    m.put("intNeg2p32", -(1L << 32));
    m.put("int2p2100", BigInteger.ONE.shiftLeft(2100));
    m.put("float1_5", 1.5);
    m.put("floatNeg0", -0.0);
    m.put("float1e300", 1e300);
    m.put("floatNan", Double.NaN);
    m.put("floatInf", Double.POSITIVE_INFINITY);
    m.put("strEmpty", "");
    m.put("strA", "a");
    m.put("strUnicode", "h\u00e9llo w\u00f6rld \u2713 \u65e5\u672c \uD83D\uDE00");
    m.put("str300", "y".repeat(300));
    m.put("str70000", "x".repeat(70000));
    m.put("bytesEmpty", new byte[0]);
    m.put("bytes00ff", new byte[] {0, (byte) 0xff});
    byte[] b256 = new byte[256];
    for (int i = 0; i < 256; i++) {
      b256[i] = (byte) i;
    }
    m.put("bytes256", b256);
    byte[] b70000 = new byte[70000];
    Arrays.fill(b70000, (byte) 7);
    m.put("bytes70000", b70000);
    m.put("listEmpty", List.of());
    m.put("list1", List.of(1));
    m.put("list123", List.of(1, 2, 3));
    m.put("list1000", range(1000));
    m.put("list1001", range(1001));
    m.put("list2500", range(2500));
    m.put("tupleEmpty", PyTuple.of());
    m.put("tuple1", PyTuple.of(1));
    m.put("tuple2", PyTuple.of(1, 2));
    m.put("tuple3", PyTuple.of(1, 2, 3));
    m.put("tuple4", PyTuple.of(1, 2, 3, 4));
    m.put("dictEmpty", Map.of());
    m.put("dict1", Map.of("a", 1));
    Map<String, Object> d2 = new LinkedHashMap<>();
    d2.put("a", 1);
    d2.put("b", List.of(1, 2));
    m.put("dict2", d2);
    m.put("dict1000", keyed(1000));
    m.put("dict1001", keyed(1001));
    m.put("setEmpty", Set.of());
    m.put("set1", Set.of(1));
    m.put("set123", new LinkedHashSet<>(List.of(1, 2, 3)));
    m.put("set1000", new LinkedHashSet<>(range(1000)));
    Map<String, Object> nested = new LinkedHashMap<>();
    nested.put("ints", List.of(40000, 1L << 40, BigInteger.ONE.shiftLeft(70)));
    nested.put("floats", List.of(1.5, -2.25));
    nested.put("s", "\u00fc");
    nested.put("b", new byte[] {1});
    nested.put("t", PyTuple.of(1, "x"));
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put("k", null);
    nested.put("l", List.of(List.of(1, List.of(2)), inner));
    m.put("nested", nested);
    List<String> strs = new ArrayList<>();
    for (int i = 0; i < 20000; i++) {
      strs.add("s" + i);
    }
    m.put("list20000", strs);
    return m;
  }

  private static List<Integer> range(int n) {
    return IntStream.range(0, n).boxed().toList();
  }

  private static Map<String, Integer> keyed(int n) {
    Map<String, Integer> m = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      m.put("k" + i, i);
    }
    return m;
  }

  static Stream<Arguments> vectors() throws IOException {
    Map<String, Object> values = values();
    List<Arguments> out = new ArrayList<>();
    try (InputStream in =
        PickleVectorsTest.class.getResourceAsStream("/pickle/python3-protocol4.txt")) {
      String text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
      for (String line : text.split("\n")) {
        if (line.isBlank()) {
          continue;
        }
        String[] parts = line.split(" ");
        assertThat(values).containsKey(parts[0]);
        out.add(Arguments.of(parts[0], parts[1], values.get(parts[0])));
      }
    }
    assertThat(out).hasSize(values.size());
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void writesTheBytesPythonWrites(String name, String expected, Object value) {
    byte[] mine = Pickles.encode(value, "value");
    assertThat(render(mine)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void readsWhatPythonWrote(String name, String expected, Object value) {
    if (expected.startsWith("sha256:")) {
      // the bytes are the ones checked above; read back what we write
      Object back = Pickles.decode(Pickles.encode(value, "value"));
      assertThat(render(Pickles.encode(back, "value"))).isEqualTo(expected);
      return;
    }
    Object back = Pickles.decode(HexFormat.of().parseHex(expected));
    assertThat(HexFormat.of().formatHex(Pickles.encode(back, "value"))).isEqualTo(expected);
  }

  private static String render(byte[] pickle) {
    if (pickle.length <= 4096) {
      return HexFormat.of().formatHex(pickle);
    }
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(pickle);
      return "sha256:" + HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
