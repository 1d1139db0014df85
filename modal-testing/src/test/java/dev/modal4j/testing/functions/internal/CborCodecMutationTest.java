package dev.modal4j.testing.functions.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Whatever arrives on the wire, decoding either succeeds or is an {@link IOException} (which the
 * emulator reports as a DeserializationError); nothing else escapes to the worker thread. The
 * inputs are valid payloads mutated byte by byte: flips, truncations, insertions, deletions.
 */
@Timeout(60)
class CborCodecMutationTest {
  private static List<byte[]> seeds() throws IOException {
    Map<String, Object> kwargs = new LinkedHashMap<>();
    kwargs.put("when", Instant.parse("2024-05-06T07:08:09.5Z"));
    kwargs.put("big", BigInteger.TWO.pow(80).negate());
    kwargs.put("dec", new BigDecimal("12.345"));
    kwargs.put("set", Set.of("a"));
    kwargs.put("nested", Map.of("list", List.of(1L, 2.5d, "x", new byte[] {1, 2}, true)));
    return List.of(
        CborCodec.encode(List.of(List.of(1L, "two", 3.0d), kwargs)),
        CborCodec.encode(List.of(List.of("é".repeat(40)), Map.of())),
        Hex.bytes("9f9f01ff bf616102ff 7f6161ff 5f4101ff c11a514b67b0 f7 ff"));
  }

  @Test
  void mutatedPayloadsDecodeOrFailWithIoException() throws Exception {
    Random random = new Random(20261201);
    int refused = 0;
    List<byte[]> seeds = seeds();
    for (int i = 0; i < 30_000; i++) {
      byte[] input = mutate(seeds.get(i % seeds.size()), random);
      try {
        CborCodec.decode(input);
      } catch (IOException expected) {
        refused++;
      } catch (RuntimeException | StackOverflowError e) {
        throw new AssertionError("decoding " + Hex.of(input) + " threw " + e, e);
      }
    }
    assertThat(refused).as("most mutations are refused").isGreaterThan(1_000);
  }

  private static byte[] mutate(byte[] seed, Random random) {
    byte[] out = seed.clone();
    int edits = 1 + random.nextInt(4);
    for (int e = 0; e < edits && out.length > 0; e++) {
      int at = random.nextInt(out.length);
      switch (random.nextInt(4)) {
        case 0:
          out[at] = (byte) random.nextInt(256);
          break;
        case 1:
          out = java.util.Arrays.copyOf(out, at);
          break;
        case 2:
          byte[] longer = new byte[out.length + 1];
          System.arraycopy(out, 0, longer, 0, at);
          longer[at] = (byte) random.nextInt(256);
          System.arraycopy(out, at, longer, at + 1, out.length - at);
          out = longer;
          break;
        default:
          byte[] shorter = new byte[out.length - 1];
          System.arraycopy(out, 0, shorter, 0, at);
          System.arraycopy(out, at + 1, shorter, at, out.length - at - 1);
          out = shorter;
          break;
      }
    }
    return out;
  }
}
