package dev.modal4j.internal.pickle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modal4j.DeserializationException;
import dev.modal4j.InvalidException;
import dev.modal4j.PyTuple;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What the codec refuses, and the pickles of other protocols it reads. Vectors from CPython 3.11.
 */
class PickleStrictnessTest {

  private static Object decodeHex(String hex) {
    return Pickles.decode(HexFormat.of().parseHex(hex));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    // datetime.date(2020, 1, 1): STACK_GLOBAL then REDUCE
    "date, 80049520000000000000008c086461746574696d65948c0464617465949394430407e4010194859452942e,"
        + " STACK_GLOBAL",
    "ordereddict, 80049529000000000000008c0b636f6c6c656374696f6e73948c0b4f726465726564446963749493942952948c0161944b01732e,"
        + " STACK_GLOBAL",
    "builtinLen, 80049514000000000000008c086275696c74696e73948c036c656e9493942e, STACK_GLOBAL",
    // fractions.Fraction(1, 3), protocol 2: GLOBAL
    "fraction, 8002636672616374696f6e730a4672616374696f6e0a71004b014b038671015271022e, GLOBAL",
    // the classic: cos\nsystem\n(S'echo hi'\ntR.
    "osSystem, 636f730a73797374656d0a2853276563686f206869270a74522e, GLOBAL",
    // hand-made: REDUCE, BUILD, NEWOBJ, INST, OBJ, BINPERSID, EXT1, NEXT_BUFFER after a value
    "reduce, 80044e4e522e, REDUCE",
    "build, 80044e4e622e, BUILD",
    "newobj, 80044e4e812e, NEWOBJ",
    "newobjEx, 80044e4e4e922e, NEWOBJ_EX",
    "obj, 8004284e6f2e, OBJ",
    "binpersid, 80044e512e, BINPERSID",
    "ext1, 800482012e, EXT1",
    "nextBuffer, 8005972e, NEXT_BUFFER",
    "protocol0Int, 4931300a2e, INT",
  })
  void refusesAnythingBeyondPlainData(String name, String hex, String opcode) {
    assertThatThrownBy(() -> decodeHex(hex))
        .isInstanceOf(DeserializationException.class)
        .hasMessageContaining(opcode);
  }

  @Test
  void readsProtocols2To5() {
    assertThat(decodeHex("8005950f000000000000005d94284b018c01619443016294652e"))
        .asList()
        .hasSize(3)
        .startsWith(1L, "a");
    assertThat(decodeHex("80037d710058010000006171015d7102284b014b0265732e"))
        .isEqualTo(Map.of("a", List.of(1L, 2L)));
    assertThat(decodeHex("80024b0158010000006171008671012e")).isEqualTo(PyTuple.of(1L, "a"));
    assertThat(decodeHex("8004950b000000000000005d94288c0161946801652e"))
        .isEqualTo(List.of("a", "a"));
    assertThat(decodeHex("8004950600000000000000284b0191942e")).isEqualTo(java.util.Set.of(1L));
    assertThat(decodeHex("8005950d000000000000009602000000000000006162942e"))
        .isEqualTo(new byte[] {'a', 'b'});
  }

  @Test
  void refusesACycleAndAnExpansionBomb() {
    // l = []; l.append(l)
    assertThatThrownBy(() -> decodeHex("80049506000000000000005d946800612e"))
        .isInstanceOf(DeserializationException.class)
        .hasMessageContaining("contains itself");
    // a list of two references to the previous list, 40 times over: 2^40 leaves from 250 bytes
    StringBuilder hex = new StringBuilder("80044e");
    for (int i = 0; i < 40; i++) {
      hex.append("94")
          .append("30")
          .append("28")
          .append("6a")
          .append(le32(i))
          .append("6a")
          .append(le32(i));
      hex.append("6c");
    }
    hex.append("2e");
    String bomb = hex.toString();
    assertThatThrownBy(() -> decodeHex(bomb))
        .isInstanceOf(DeserializationException.class)
        .hasMessageContaining("expand");
  }

  private static String le32(int i) {
    return String.format("%02x000000", i);
  }

  @Test
  void refusesUnhashableKeysTrailingBytesAndTruncation() {
    // {[]: 1} by hand: EMPTY_DICT EMPTY_LIST K1 SETITEM
    assertThatThrownBy(() -> decodeHex("80047d5d4b01732e"))
        .isInstanceOf(DeserializationException.class)
        .hasMessageContaining("unhashable");
    assertThatThrownBy(() -> decodeHex("80044e2e00"))
        .isInstanceOf(DeserializationException.class)
        .hasMessageContaining("after STOP");
    assertThatThrownBy(() -> decodeHex("80048c0561"))
        .isInstanceOf(DeserializationException.class)
        .hasMessageContaining("truncated");
    assertThatThrownBy(() -> decodeHex("8004")).isInstanceOf(DeserializationException.class);
    assertThatThrownBy(() -> Pickles.decode(new byte[0]))
        .isInstanceOf(DeserializationException.class);
  }

  @Test
  void refusesToWriteWhatPythonCannotHold() {
    assertThatThrownBy(() -> Pickles.encode(Map.of(List.of(1), 2), "value"))
        .isInstanceOf(InvalidException.class)
        .hasMessageContaining("value")
        .hasMessageContaining("hash");
    List<Object> self = new ArrayList<>();
    self.add(self);
    assertThatThrownBy(() -> Pickles.encode(self, "value"))
        .isInstanceOf(InvalidException.class)
        .hasMessageContaining("itself");
    assertThatThrownBy(() -> Pickles.encode("\uD800", "key"))
        .isInstanceOf(InvalidException.class)
        .hasMessageContaining("key");
    assertThatThrownBy(() -> Pickles.encode(new Object(), "value"))
        .isInstanceOf(InvalidException.class)
        .hasMessageContaining("value");
  }
}
