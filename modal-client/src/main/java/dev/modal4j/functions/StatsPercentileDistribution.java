package dev.modal4j.functions;

import dev.modal4j.internal.Args;
import java.util.List;
import java.util.Optional;

/**
 * Percentiles of one measurement over a time range.
 *
 * @param unit the unit of the values, e.g. {@code seconds}
 * @param percentiles the percentiles, lowest first
 */
public record StatsPercentileDistribution(String unit, List<StatsPercentile> percentiles) {
  /** Copies the list. */
  public StatsPercentileDistribution {
    Args.notNull(unit, "unit");
    percentiles = List.copyOf(Args.noNullElements(percentiles, "percentiles"));
  }

  /** The value at {@code percentile} (e.g. 50.0), if reported. */
  public Optional<Double> at(double percentile) {
    return percentiles.stream()
        .filter(p -> p.percentile() == percentile)
        .map(StatsPercentile::value)
        .findFirst();
  }
}
