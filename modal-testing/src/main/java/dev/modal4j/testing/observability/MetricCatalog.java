package dev.modal4j.testing.observability;

import dev.modal4j.proto.GenericResult.GenericStatus;
import dev.modal4j.proto.newer.MetricDefinition;
import dev.modal4j.proto.newer.MetricGroupDefinition;
import dev.modal4j.testing.functions.InputOutcome;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The metric series the emulator can export for a function, by group. Each series' name ends with
 * its aggregation ({@code _count}, {@code _avg}, {@code _max}), as Modal's do. Only the {@code
 * calls} group has series here: the emulator runs handlers in-process, so it has no container
 * measurements, and a request for {@code containers} gets no series (exports may omit unavailable
 * series).
 */
final class MetricCatalog {
  /** The groups a request may name. */
  static final List<String> GROUPS = List.of("calls", "containers");

  /** One series: its definition and how a bucket's outcomes become its value. */
  record Series(
      String group,
      String name,
      String unit,
      String description,
      Function<List<InputOutcome>, OptionalDouble> value) {
    MetricDefinition definition() {
      return MetricDefinition.newBuilder()
          .setName(name)
          .setUnit(unit)
          .setDescription(description)
          .build();
    }
  }

  static final List<Series> SERIES =
      List.of(
          new Series(
              "calls",
              "successful_calls_count",
              "calls",
              "Inputs that succeeded",
              count(GenericStatus.GENERIC_STATUS_SUCCESS)),
          new Series(
              "calls",
              "failed_calls_count",
              "calls",
              "Inputs that failed",
              count(GenericStatus.GENERIC_STATUS_FAILURE)),
          new Series(
              "calls",
              "timed_out_calls_count",
              "calls",
              "Inputs that timed out",
              count(GenericStatus.GENERIC_STATUS_TIMEOUT)),
          new Series(
              "calls",
              "execution_time_avg",
              "seconds",
              "Mean handler run time",
              outcomes -> executionTimes(outcomes).average()),
          new Series(
              "calls",
              "execution_time_max",
              "seconds",
              "Longest handler run time",
              outcomes -> executionTimes(outcomes).max()));

  private MetricCatalog() {}

  static MetricGroupDefinition group(String name) {
    MetricGroupDefinition.Builder g =
        MetricGroupDefinition.newBuilder()
            .setName(name)
            .setDisplayName(name.substring(0, 1).toUpperCase() + name.substring(1))
            .setDescription(
                name.equals("calls") ? "Function inputs and their run times" : "Containers");
    SERIES.stream().filter(s -> s.group().equals(name)).forEach(s -> g.addMetrics(s.definition()));
    return g.build();
  }

  static List<Series> inGroups(List<String> groups) {
    return SERIES.stream()
        .filter(s -> groups.isEmpty() || groups.contains(s.group()))
        .collect(Collectors.toList());
  }

  private static Function<List<InputOutcome>, OptionalDouble> count(GenericStatus status) {
    return outcomes ->
        OptionalDouble.of(outcomes.stream().filter(o -> o.status() == status).count());
  }

  private static java.util.stream.DoubleStream executionTimes(List<InputOutcome> outcomes) {
    return outcomes.stream()
        .filter(o -> o.startedAt().isPresent())
        .mapToDouble(o -> Duration.between(o.startedAt().get(), o.finishedAt()).toNanos() / 1e9);
  }
}
