package dev.modal4j.bench;

import java.util.Objects;

/**
 * {@code remote} latency of {@code echo} with a small argument: the SDK against the raw floor,
 * measured in alternating blocks so that drift (JIT, GC, the emulator's own warm-up) hits both
 * sides alike.
 */
final class RemoteBench {

  static final String ARG = "modal4j-bench-16";
  private static final int BLOCK = 500;

  private RemoteBench() {}

  /** Measures both sides and records the figures. */
  static void run(Caller raw, Caller sdk, BenchOptions o, Results results) throws Exception {
    warm(raw, o.remoteWarmup());
    warm(sdk, o.remoteWarmup());
    long[] rawNanos = new long[o.remoteCalls()];
    long[] sdkNanos = new long[o.remoteCalls()];
    for (int done = 0, round = 0; done < o.remoteCalls(); done += BLOCK, round++) {
      int len = Math.min(BLOCK, o.remoteCalls() - done);
      if (round % 2 == 1) {
        measure(sdk, sdkNanos, done, len);
        measure(raw, rawNanos, done, len);
      } else {
        measure(raw, rawNanos, done, len);
        measure(sdk, sdkNanos, done, len);
      }
    }
    Percentiles r = new Percentiles(rawNanos);
    results.add("remote.raw_p50_ms", r.millis(50), "ms");
    results.add("remote.raw_p99_ms", r.millis(99), "ms");
    Percentiles s = new Percentiles(sdkNanos);
    results.add("remote.sdk_p50_ms", s.millis(50), "ms");
    results.add("remote.sdk_p99_ms", s.millis(99), "ms");
    results.add("remote.p50_ratio", s.millis(50) / r.millis(50), "x", "<= 1.25");
    results.add("remote.p99_ratio", s.millis(99) / r.millis(99), "x", "<= 1.5");
  }

  private static void warm(Caller c, int calls) throws Exception {
    for (int i = 0; i < calls; i++) {
      check(c.call(ARG));
    }
  }

  private static void measure(Caller c, long[] into, int from, int len) throws Exception {
    for (int i = from; i < from + len; i++) {
      long t0 = System.nanoTime();
      Object out = c.call(ARG);
      into[i] = System.nanoTime() - t0;
      check(out);
    }
  }

  private static void check(Object out) {
    if (!Objects.equals(out, ARG)) {
      throw new IllegalStateException("echo returned " + out + " instead of " + ARG);
    }
  }
}
