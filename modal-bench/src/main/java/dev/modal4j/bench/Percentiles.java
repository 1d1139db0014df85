package dev.modal4j.bench;

import java.util.Arrays;

/** Nearest-rank percentiles over recorded latencies. */
final class Percentiles {

  private final long[] sorted;

  Percentiles(long[] nanos) {
    this.sorted = nanos.clone();
    Arrays.sort(sorted);
  }

  /** The nearest-rank {@code p}-th percentile ({@code 0 < p <= 100}), in milliseconds. */
  double millis(double p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
  }

  int count() {
    return sorted.length;
  }
}
