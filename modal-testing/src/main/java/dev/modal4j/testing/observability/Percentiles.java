package dev.modal4j.testing.observability;

import dev.modal4j.proto.newer.StatsPercentile;
import dev.modal4j.proto.newer.StatsPercentileDistribution;
import java.util.Arrays;

/** Nearest-rank percentiles of a sample, as a {@code StatsPercentileDistribution}. */
final class Percentiles {
  /** The percentiles reported, in basis points (p50, p90, p95, p99). */
  static final int[] BASIS_POINTS = {5000, 9000, 9500, 9900};

  private Percentiles() {}

  static StatsPercentileDistribution of(String unit, double[] values) {
    StatsPercentileDistribution.Builder d = StatsPercentileDistribution.newBuilder().setUnit(unit);
    if (values.length == 0) {
      return d.build();
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    for (int bp : BASIS_POINTS) {
      int rank = (int) Math.ceil(bp / 10_000.0 * sorted.length);
      double v = sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
      d.addPercentiles(StatsPercentile.newBuilder().setPercentileBasisPoints(bp).setValue(v));
    }
    return d.build();
  }
}
