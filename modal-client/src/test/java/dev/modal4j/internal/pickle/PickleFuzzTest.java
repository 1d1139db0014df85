package dev.modal4j.internal.pickle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.modal4j.ModalException;
import dev.modal4j.PyTuple;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * 10,000 random, truncated and mutated pickles: each decodes or fails with a ModalException
 * subtype, never anything else, and the whole run ends within a deadline (no hang).
 */
class PickleFuzzTest {
  private static final int CASES = 10_000;

  @Test
  @Timeout(120)
  void onlyModalExceptionsAndNoHang() {
    Random rnd = new Random(20261201);
    int decoded = 0;
    int refused = 0;
    for (int i = 0; i < CASES; i++) {
      byte[] input = input(rnd, i);
      long start = System.nanoTime();
      try {
        Pickles.decode(input);
        decoded++;
      } catch (ModalException e) {
        refused++;
      } catch (Throwable t) {
        fail("case " + i + " (" + Arrays.toString(input) + ") threw " + t, t);
      }
      long took = System.nanoTime() - start;
      assertThat(Duration.ofNanos(took)).isLessThan(Duration.ofSeconds(2));
    }
    assertThat(decoded + refused).isEqualTo(CASES);
    assertThat(decoded).isPositive();
    assertThat(refused).isPositive();
  }

  private static byte[] input(Random rnd, int i) {
    switch (i % 4) {
      case 0: // random bytes after a protocol header
        {
          byte[] b = new byte[2 + rnd.nextInt(200)];
          rnd.nextBytes(b);
          b[0] = (byte) 0x80;
          b[1] = 4;
          return b;
        }
      case 1: // a valid pickle, truncated
        {
          byte[] v = Pickles.encode(value(rnd, 0), "value");
          return Arrays.copyOf(v, rnd.nextInt(v.length));
        }
      case 2: // a valid pickle with a few bytes changed (opcodes, lengths, memo indices)
        {
          byte[] v = Pickles.encode(value(rnd, 0), "value");
          int flips = 1 + rnd.nextInt(3);
          for (int f = 0; f < flips; f++) {
            v[rnd.nextInt(v.length)] = (byte) rnd.nextInt(256);
          }
          return v;
        }
      default: // a valid pickle with a byte inserted or removed, or two spliced together
        {
          byte[] a = Pickles.encode(value(rnd, 0), "value");
          byte[] b = Pickles.encode(value(rnd, 0), "value");
          int cut = rnd.nextInt(a.length);
          int from = rnd.nextInt(b.length);
          byte[] out = new byte[cut + b.length - from];
          System.arraycopy(a, 0, out, 0, cut);
          System.arraycopy(b, from, out, cut, b.length - from);
          return out;
        }
    }
  }

  private static Object value(Random rnd, int depth) {
    int kind = rnd.nextInt(depth > 3 ? 7 : 11);
    switch (kind) {
      case 0:
        return null;
      case 1:
        return rnd.nextBoolean();
      case 2:
        return rnd.nextInt(1 << 20) - (1 << 19);
      case 3:
        return new BigInteger(70 + rnd.nextInt(300), rnd);
      case 4:
        return rnd.nextDouble();
      case 5:
        return "s\u00e9" + rnd.nextInt(1000);
      case 6:
        {
          byte[] b = new byte[rnd.nextInt(300)];
          rnd.nextBytes(b);
          return b;
        }
      case 7:
        return PyTuple.of(value(rnd, depth + 1), value(rnd, depth + 1));
      case 8:
        {
          Map<Object, Object> m = new LinkedHashMap<>();
          for (int k = rnd.nextInt(4); k > 0; k--) {
            m.put("k" + k, value(rnd, depth + 1));
          }
          return m;
        }
      default:
        {
          List<Object> l = new ArrayList<>();
          for (int k = rnd.nextInt(5); k > 0; k--) {
            l.add(value(rnd, depth + 1));
          }
          return l;
        }
    }
  }
}
