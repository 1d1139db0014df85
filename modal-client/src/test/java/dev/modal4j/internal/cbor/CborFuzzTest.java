package dev.modal4j.internal.cbor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.modal4j.DeserializationException;
import java.lang.management.ManagementFactory;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Structure-aware fuzzing of the SDK's CBOR decoder: valid, realistic payloads (written by {@link
 * CborSample}, not by the codec) are mutated along their structure by {@link CborMutator}, and
 * every decoder entry point must either return a value or throw a {@link DeserializationException}:
 * nothing else, never a hang (a deadline per input), and never a large allocation for a huge
 * declared length.
 *
 * <p>Seeded: {@code -Dmodal4j.fuzz.seed=N} replays another run; a failure names seed and case.
 */
@Timeout(300)
class CborFuzzTest {
  record Item(String name, List<Integer> counts, byte[] blob) {}

  private static final long SEED = Long.getLong("modal4j.fuzz.seed", 20261201L);
  private static final int MUTATED_CASES = 12_000;
  private static final int BOUNDARY_SAMPLES = 60;
  private static final long PER_INPUT_SECONDS = 10;

  /** Far above what a decode of these (at most ~100 KB) inputs needs; far below a huge length. */
  private static final long MAX_ALLOCATED_BYTES = 64L << 20;

  private static final List<Function<byte[], Object>> TARGETS =
      List.of(
          Cbor::decode,
          b -> Cbor.decode(b, Item.class),
          Cbor::decodeArgs,
          b -> Cbor.decode(b, new TypeReference<Map<String, List<Long>>>() {}),
          b -> Cbor.decode(b, String.class),
          b -> Cbor.decode(b, BigInteger.class),
          b -> Cbor.decode(b, Instant.class),
          b -> Cbor.decode(b, byte[].class),
          b -> Cbor.decode(b, double.class),
          b -> Cbor.decode(b, new TypeReference<List<Object>>() {}));

  private static ExecutorService worker;

  private final List<String> escapes = new ArrayList<>();
  private int cases;
  private int decoded;
  private int rejected;

  @BeforeAll
  static void startWorker() {
    worker =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "cbor-fuzz");
              t.setDaemon(true);
              return t;
            });
  }

  @AfterAll
  static void stopWorker() {
    worker.shutdownNow();
  }

  @Test
  void validPayloadsDecode() throws Exception {
    Random random = new Random(SEED);
    int ok = 0;
    List<String> refused = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      CborSample sample = CborSample.generate(random, i % 3);
      Outcome outcome = run(Cbor::decode, sample.bytes);
      if (outcome.error == null) {
        ok++;
      } else if (refused.size() < 5) {
        refused.add(outcome.error + " <- " + hex(sample.bytes));
      }
      assertThat(outcome.error == null || outcome.error instanceof DeserializationException)
          .as("valid sample %d: %s", i, outcome.error)
          .isTrue();
    }
    // Unknown tags, integer map keys and the like may be refused; most samples must decode, or
    // the mutations below would start from payloads the decoder never gets far into.
    assertThat(ok).as("valid samples decoded; some refused: %s", refused).isGreaterThan(800);
  }

  @Test
  void structurallyMutatedPayloadsOnlyEverFailWithDeserializationException() throws Exception {
    Random random = new Random(SEED);
    CborMutator.Kind[] kinds = CborMutator.Kind.values();
    // Truncation at every item boundary of a few samples (and at every byte of some).
    for (int s = 0; s < BOUNDARY_SAMPLES; s++) {
      CborSample sample = CborSample.generate(random, s % 3);
      if (s < 10) {
        for (int cut = 0; cut < sample.bytes.length; cut++) {
          check("truncate@" + cut, java.util.Arrays.copyOf(sample.bytes, cut), s);
        }
      } else {
        for (CborSample.Item item : sample.items) {
          for (int cut : new int[] {item.start(), item.headerEnd(), item.end() - 1}) {
            if (cut > 0 && cut < sample.bytes.length) {
              check("truncate@" + cut, java.util.Arrays.copyOf(sample.bytes, cut), s);
            }
          }
        }
      }
    }
    for (int i = 0; i < MUTATED_CASES; i++) {
      CborSample sample = CborSample.generate(random, i % 3);
      CborMutator.Kind kind = kinds[i % kinds.length];
      byte[] input = CborMutator.mutate(sample, kind, random);
      if (random.nextInt(7) == 0) {
        // Sometimes a second, blind change on top of the structured one.
        input = CborMutator.mutate(resample(input), CborMutator.Kind.RANDOM_BYTE, random);
      }
      check(kind.name(), input, i);
    }
    System.out.printf(
        "CBOR fuzz, seed %d: %d cases, %d decodes returned a value, %d were refused%n",
        SEED, cases, decoded, rejected);
    assertThat(escapes).as("decoder failures other than DeserializationException").isEmpty();
    assertThat(cases).isGreaterThanOrEqualTo(10_000);
    // The fuzzer must reach both outcomes, or it is not exploring anything.
    assertThat(rejected).isGreaterThan(cases / 4);
    assertThat(decoded).isGreaterThan(cases / 100);
  }

  private static CborSample resample(byte[] input) {
    return CborSample.raw(input);
  }

  private void check(String kind, byte[] input, int index) throws Exception {
    cases++;
    // Every input through the untyped decoder, and through two of the typed ones in turn.
    List<Function<byte[], Object>> targets =
        List.of(
            TARGETS.get(0),
            TARGETS.get(1 + index % (TARGETS.size() - 1)),
            TARGETS.get(1 + (index / 3 + 4) % (TARGETS.size() - 1)));
    for (Function<byte[], Object> target : targets) {
      Outcome outcome = run(target, input);
      if (outcome.error == null) {
        decoded++;
      } else if (outcome.error instanceof DeserializationException) {
        rejected++;
      } else if (escapes.size() < 20) {
        escapes.add(describe(kind, index, input, outcome.error.toString()));
      }
      if (outcome.allocated > MAX_ALLOCATED_BYTES && escapes.size() < 20) {
        escapes.add(describe(kind, index, input, "allocated " + outcome.allocated + " bytes"));
      }
    }
  }

  private static String describe(String kind, int index, byte[] input, String what) {
    return "seed " + SEED + " case " + index + " " + kind + ": " + what + " <- " + hex(input);
  }

  private static String hex(byte[] input) {
    String h = HexFormat.of().formatHex(input, 0, Math.min(input.length, 48));
    return input.length > 48 ? h + "... (" + input.length + " bytes)" : h;
  }

  private record Outcome(Throwable error, long allocated) {}

  private static Outcome run(Function<byte[], Object> target, byte[] input) throws Exception {
    Future<Outcome> f =
        worker.submit(
            () -> {
              long before = allocatedBytes();
              Throwable error = null;
              try {
                target.apply(input);
              } catch (Throwable t) { // OutOfMemoryError and StackOverflowError included
                error = t;
              }
              return new Outcome(error, allocatedBytes() - before);
            });
    try {
      return f.get(PER_INPUT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      f.cancel(true);
      throw new AssertionError(
          "decoding did not finish within " + PER_INPUT_SECONDS + " s: " + hex(input), e);
    }
  }

  private static long allocatedBytes() {
    java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    if (bean instanceof com.sun.management.ThreadMXBean sun
        && sun.isThreadAllocatedMemorySupported()) {
      return sun.getCurrentThreadAllocatedBytes();
    }
    return 0;
  }
}
