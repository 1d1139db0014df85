package dev.modal4j.functions;

import dev.modal4j.internal.Args;
import java.util.List;

/**
 * One exported metric series, points ordered by time.
 *
 * @param name the series name, e.g. {@code successful_calls_count}
 * @param unit the unit of its values
 * @param aggregation how a bucket's observations are combined: the name's last {@code _} part
 * @param description what the series measures
 * @param points one per bucket, oldest first
 */
public record MetricSeries(
    String name,
    String unit,
    String aggregation,
    String description,
    List<TimeSeriesPoint> points) {
  /** Copies the list. */
  public MetricSeries {
    Args.notNull(name, "name");
    Args.notNull(unit, "unit");
    Args.notNull(aggregation, "aggregation");
    Args.notNull(description, "description");
    points = List.copyOf(Args.noNullElements(points, "points"));
  }
}
