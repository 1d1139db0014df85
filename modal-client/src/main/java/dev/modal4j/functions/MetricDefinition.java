package dev.modal4j.functions;

import dev.modal4j.internal.Args;

/**
 * The name, unit and meaning of an exportable metric series.
 *
 * @param name the series name
 * @param unit its unit
 * @param description what it measures
 */
public record MetricDefinition(String name, String unit, String description) {
  /** Checks the arguments. */
  public MetricDefinition {
    Args.notNull(name, "name");
    Args.notNull(unit, "unit");
    Args.notNull(description, "description");
  }
}
