package dev.modal4j.internal.cbor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class DefiniteLengthsTest {
  private static byte[] bytes(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }

  @Test
  void definiteInputIsReturnedAsIs() {
    byte[] definite = bytes(0xa1, 0x61, 'k', 0x82, 0xc0, 0x61, 'x', 0xfb, 0, 0, 0, 0, 0, 0, 0, 0);
    assertThat(DefiniteLengths.rewrite(definite)).isSameAs(definite);
  }

  @Test
  void chunkedStringsAreJoined() {
    byte[] text = bytes(0x7f, 0x62, 'a', 'b', 0x60, 0x61, 'c', 0xff);
    assertThat(DefiniteLengths.rewrite(text)).containsExactly(0x63, 'a', 'b', 'c');
    byte[] binary = bytes(0x5f, 0x41, 1, 0x42, 2, 3, 0xff);
    assertThat(DefiniteLengths.rewrite(binary)).containsExactly(0x43, 1, 2, 3);
    assertThat(DefiniteLengths.rewrite(bytes(0x7f, 0xff))).containsExactly(0x60);
  }

  @Test
  void nestedIndefiniteContainersInsideTagsAndDefiniteOnesGetCounts() {
    // [_ {_ "a": 0("t"), "b": [_ ]}, [_ 1, -1], 1.5 (half)]  inside a definite array of 1
    byte[] in =
        bytes(
            0x81, 0x9f, 0xbf, 0x61, 'a', 0xc0, 0x61, 't', 0x61, 'b', 0x9f, 0xff, 0xff, 0x9f, 0x01,
            0x20, 0xff, 0xf9, 0x3e, 0x00, 0xff);
    byte[] expected =
        bytes(
            0x81, 0x83, 0xa2, 0x61, 'a', 0xc0, 0x61, 't', 0x61, 'b', 0x80, 0x82, 0x01, 0x20, 0xf9,
            0x3e, 0x00);
    assertThat(DefiniteLengths.rewrite(in)).containsExactly(expected);
  }

  @Test
  void countsUseTheSmallestHeader() {
    for (int count : new int[] {23, 24, 255, 256, 65_535, 65_536}) {
      byte[] in = new byte[count + 2];
      in[0] = (byte) 0x9f;
      Arrays.fill(in, 1, count + 1, (byte) 0xf6); // null
      in[count + 1] = (byte) 0xff;
      byte[] out = DefiniteLengths.rewrite(in);
      int header = out.length - count;
      assertThat(header).isEqualTo(count < 24 ? 1 : count < 256 ? 2 : count < 65_536 ? 3 : 5);
      assertThat(DefiniteCborWalker.assertAllDefinite(out)).isEqualTo(count + 1);
    }
  }

  @Test
  void malformedInputIsRefused() {
    assertThatThrownBy(() -> DefiniteLengths.rewrite(new byte[0]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DefiniteLengths.rewrite(bytes(0x9f, 0x01)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DefiniteLengths.rewrite(bytes(0x7f, 0x41, 1, 0xff)))
        .hasMessageContaining("bad chunk");
    assertThatThrownBy(() -> DefiniteLengths.rewrite(bytes(0xbf, 0x61, 'k', 0xff, 0xff)))
        .hasMessageContaining("major type 7");
    assertThatThrownBy(() -> DefiniteLengths.rewrite(bytes(0x1f)))
        .hasMessageContaining("major type 0");
    assertThatThrownBy(() -> DefiniteLengths.rewrite(bytes(0x62, 'a')))
        .hasMessageContaining("overruns");
    assertThatThrownBy(() -> DefiniteLengths.rewrite(bytes(0x01, 0x02)))
        .hasMessageContaining("trailing");
  }

  @Test
  void randomInputNeverEscapesWithAnotherException() {
    Random random = new Random(1);
    for (int i = 0; i < 20_000; i++) {
      byte[] in = new byte[1 + random.nextInt(24)];
      random.nextBytes(in);
      try {
        byte[] out = DefiniteLengths.rewrite(in);
        DefiniteCborWalker.assertAllDefinite(out);
      } catch (IllegalArgumentException expected) {
        assertThat(expected).hasMessageStartingWith("malformed CBOR");
      }
    }
  }
}
