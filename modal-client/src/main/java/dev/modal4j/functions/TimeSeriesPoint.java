package dev.modal4j.functions;

import dev.modal4j.internal.Args;
import java.time.Instant;
import java.util.OptionalDouble;

/**
 * One observation of a metric series, at the start of its UTC-aligned bucket.
 *
 * @param time the bucket's start
 * @param value the observation; empty when nothing was observed (observed zeroes stay zero)
 */
public record TimeSeriesPoint(Instant time, OptionalDouble value) {
  /** Checks the arguments. */
  public TimeSeriesPoint {
    Args.notNull(time, "time");
    Args.notNull(value, "value");
  }
}
