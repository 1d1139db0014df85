package dev.modal4j.functions;

import dev.modal4j.internal.Args;
import java.util.List;

/**
 * A metric group and the definitions of its series, from {@link FunctionMetrics#schema()}.
 *
 * @param name the group's name, e.g. {@code calls} or {@code containers}
 * @param definitions its series
 */
public record MetricsSchema(String name, List<MetricDefinition> definitions) {
  /** Copies the list. */
  public MetricsSchema {
    Args.notNull(name, "name");
    definitions = List.copyOf(Args.noNullElements(definitions, "definitions"));
  }
}
