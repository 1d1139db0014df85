package dev.modal4j.functions;

import dev.modal4j.internal.Args;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Metrics exported by {@link FunctionMetrics#export()} over the effective, UTC-aligned {@code
 * [since, until)} range.
 *
 * @param objectId the function's id
 * @param since the effective start (rounded down to a bucket boundary)
 * @param until the effective end (rounded down; the partial bucket at the end is excluded)
 * @param bucketSize the bucket width
 * @param pointCount points across all series, missing observations included
 * @param series the series by name
 */
public record ObjectMetrics(
    String objectId,
    Instant since,
    Instant until,
    Duration bucketSize,
    long pointCount,
    Map<String, MetricSeries> series) {
  /** Copies the map. */
  public ObjectMetrics {
    Args.notNull(objectId, "objectId");
    Args.notNull(since, "since");
    Args.notNull(until, "until");
    Args.notNull(bucketSize, "bucketSize");
    series = Map.copyOf(Args.notNull(series, "series"));
  }
}
