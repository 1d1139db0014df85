package dev.modal4j.bench;

/**
 * {@code map} throughput of {@code square}: the SDK against the raw floor (batches of 49, outputs
 * drained), each warmed up first, each run verified input by input.
 */
final class MapBench {

  private MapBench() {}

  /**
   * Measures both sides and records the figures. With {@code --map-rounds 2} (the default) the
   * order is raw, sdk, sdk, raw, so that a steady drift of the machine's load weighs on both sides
   * alike; each side's rate is its inputs over its time.
   */
  static void run(MapRunner raw, MapRunner sdk, BenchOptions o, Results results) throws Exception {
    timed("raw warm-up", raw, o.mapWarmup());
    timed("sdk warm-up", sdk, o.mapWarmup());
    double rawSeconds = 0;
    double sdkSeconds = 0;
    for (int round = 0; round < o.mapRounds(); round++) {
      boolean rawFirst = round % 2 == 0;
      if (rawFirst) {
        rawSeconds += timed("raw", raw, o.mapInputs());
      }
      sdkSeconds += timed("sdk", sdk, o.mapInputs());
      if (!rawFirst) {
        rawSeconds += timed("raw", raw, o.mapInputs());
      }
    }
    double inputs = (double) o.mapInputs() * o.mapRounds();
    double rawRate = inputs / rawSeconds;
    results.add("map.raw_inputs_per_s", rawRate, "inputs/s");
    double sdkRate = inputs / sdkSeconds;
    results.add("map.inputs_per_s", sdkRate, "inputs/s", ">= 50000");
    results.add("map.throughput_ratio", sdkRate / rawRate, "x", ">= 0.8");
  }

  /** Runs one map of {@code n} inputs, checks it, and returns the seconds it took. */
  static double timed(String label, MapRunner runner, int n) throws Exception {
    long t0 = System.nanoTime();
    MapTally tally = runner.run(n);
    double seconds = (System.nanoTime() - t0) / 1e9;
    System.out.printf(
        "map %s: %d inputs in %.2f s (%.0f inputs/s); %s%n",
        label, n, seconds, n / seconds, tally.summary());
    if (!tally.verified()) {
      throw new IllegalStateException(
          "map " + label + " lost, duplicated or corrupted outputs: " + tally.summary());
    }
    return seconds;
  }
}
