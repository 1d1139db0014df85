package dev.modal4j.internal.cbor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modal4j.ModalException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Random and truncated inputs never escape as anything but a ModalException. */
@Timeout(30)
class CborFuzzTest {
  record Item(String name, List<Integer> counts, byte[] blob) {}

  @Test
  void randomAndTruncatedInputsThrowOnlyModalExceptions() {
    Random random = new Random(42);
    byte[] valid =
        Cbor.encodeArgs(
            List.of(1, "two", BigInteger.TEN.pow(30), Instant.EPOCH, new byte[] {1, 2}),
            Map.of("item", new Item("x", List.of(1, 2), new byte[] {3})));
    int failures = 0;
    for (int i = 0; i < 10_000; i++) {
      byte[] input;
      if (i % 2 == 0) {
        input = Arrays.copyOf(valid, random.nextInt(valid.length));
      } else {
        input = new byte[random.nextInt(64)];
        random.nextBytes(input);
      }
      if (i % 3 == 0 && input.length > 0) {
        input[random.nextInt(input.length)] = (byte) random.nextInt(256);
      }
      for (int target = 0; target < 3; target++) {
        try {
          switch (target) {
            case 0:
              Cbor.decode(input);
              break;
            case 1:
              Cbor.decode(input, Item.class);
              break;
            default:
              Cbor.decodeArgs(input);
          }
        } catch (ModalException expected) {
          failures++;
        }
      }
    }
    assertThat(failures).isGreaterThan(10_000);
  }
}
