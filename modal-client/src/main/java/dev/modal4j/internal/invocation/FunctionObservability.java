package dev.modal4j.internal.invocation;

import com.google.protobuf.Timestamp;
import dev.modal4j.InvalidException;
import dev.modal4j.functions.FunctionMetricsExportParams;
import dev.modal4j.functions.FunctionStatsParams;
import dev.modal4j.functions.FunctionTimeRangeStats;
import dev.modal4j.functions.MetricDefinition;
import dev.modal4j.functions.MetricSeries;
import dev.modal4j.functions.MetricsSchema;
import dev.modal4j.functions.MetricsSchemaParams;
import dev.modal4j.functions.ObjectMetrics;
import dev.modal4j.functions.StatsPercentile;
import dev.modal4j.functions.StatsPercentileDistribution;
import dev.modal4j.functions.TimeSeriesPoint;
import dev.modal4j.internal.ClientContext;
import dev.modal4j.proto.newer.FunctionGetMetricsRequest;
import dev.modal4j.proto.newer.FunctionGetMetricsResponse;
import dev.modal4j.proto.newer.FunctionGetTimeRangeStatsRequest;
import dev.modal4j.proto.newer.FunctionGetTimeRangeStatsResponse;
import dev.modal4j.proto.newer.FunctionMetricPoint;
import dev.modal4j.proto.newer.FunctionMetricSeries;
import dev.modal4j.proto.newer.MetricGroupDefinition;
import dev.modal4j.proto.newer.MetricsGetInfoRequest;
import dev.modal4j.proto.newer.MetricsGetInfoResponse;
import dev.modal4j.proto.newer.NewerMethods;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;

/**
 * A function's historical stats (FunctionGetTimeRangeStats) and metrics (FunctionGetMetrics,
 * MetricsGetInfo), with the range checks JS 0.11.1 makes before sending.
 */
public final class FunctionObservability {
  private static final Duration DEFAULT_RANGE = Duration.ofHours(1);
  private static final Duration MAX_METRICS_RANGE = Duration.ofDays(31);
  private static final int MAX_POINTS = 500;

  private FunctionObservability() {}

  /** FunctionGetTimeRangeStats over the params' range (the last hour by default). */
  public static CompletableFuture<FunctionTimeRangeStats> stats(
      ClientContext ctx, String functionId, FunctionStatsParams params) {
    Instant until = params.until().orElseGet(Instant::now);
    Instant since = params.since().orElse(until.minus(DEFAULT_RANGE));
    if (!since.isBefore(until)) {
      throw new InvalidException("since must be before until");
    }
    FunctionGetTimeRangeStatsRequest.Builder req =
        FunctionGetTimeRangeStatsRequest.newBuilder()
            .setFunctionId(functionId)
            .setSince(timestamp(since))
            .setUntil(timestamp(until))
            .setRollup(params.allVariants());
    params.container().ifPresent(req::setContainerId);
    return ctx.controlPlane()
        .unary(NewerMethods.FUNCTION_GET_TIME_RANGE_STATS, req.build())
        .thenApply(r -> stats(r, params.allVariants()));
  }

  private static FunctionTimeRangeStats stats(
      FunctionGetTimeRangeStatsResponse r, boolean allVariants) {
    return new FunctionTimeRangeStats(
        instant(r.getSince()),
        instant(r.getUntil()),
        r.getInputSuccessCount(),
        r.getInputFailureCount(),
        r.getInputTimeoutCount(),
        r.getInputRunningAtEndCount(),
        r.getContainerStartedCount(),
        r.getContainerErrorCount(),
        r.getContainerCreatingAtEndCount(),
        r.getVariantCount(),
        distributions(r.getInputPercentileStatsMap()),
        distributions(r.getContainerPercentileStatsMap()),
        allVariants);
  }

  private static Map<String, StatsPercentileDistribution> distributions(
      Map<String, dev.modal4j.proto.newer.StatsPercentileDistribution> stats) {
    Map<String, StatsPercentileDistribution> out = new LinkedHashMap<>();
    stats.forEach(
        (name, d) -> {
          List<StatsPercentile> ps = new ArrayList<>();
          d.getPercentilesList()
              .forEach(
                  p ->
                      ps.add(
                          new StatsPercentile(p.getPercentileBasisPoints() / 100.0, p.getValue())));
          out.put(name, new StatsPercentileDistribution(d.getUnit(), ps));
        });
    return out;
  }

  /** FunctionGetMetrics over the params' range. */
  public static CompletableFuture<ObjectMetrics> export(
      ClientContext ctx, String functionId, FunctionMetricsExportParams params) {
    Instant until = params.until().orElseGet(Instant::now);
    Instant since = params.since().orElse(until.minus(DEFAULT_RANGE));
    checkMetricsRange(since, until);
    FunctionGetMetricsRequest.Builder req =
        FunctionGetMetricsRequest.newBuilder()
            .setFunctionId(functionId)
            .setSince(timestamp(since))
            .setUntil(timestamp(until))
            .addAllGroups(params.groups())
            .setRollup(params.allVariants());
    if (params.bucketSize().isPresent()) {
      long w = params.bucketSize().get().getSeconds();
      if (Math.floorDiv(until.toEpochMilli(), w * 1000)
              - Math.floorDiv(since.toEpochMilli(), w * 1000)
          > MAX_POINTS) {
        throw new InvalidException(
            "Metrics are limited to " + MAX_POINTS + " points per series; increase bucketSize");
      }
      req.setBucketSecs((int) w);
    }
    return ctx.controlPlane()
        .unary(NewerMethods.FUNCTION_GET_METRICS, req.build())
        .thenApply(r -> metrics(functionId, r));
  }

  private static ObjectMetrics metrics(String functionId, FunctionGetMetricsResponse r) {
    Map<String, MetricSeries> series = new LinkedHashMap<>();
    long points = 0;
    for (FunctionMetricSeries s : r.getSeriesList()) {
      List<TimeSeriesPoint> ps = new ArrayList<>();
      for (FunctionMetricPoint p : s.getPointsList()) {
        ps.add(
            new TimeSeriesPoint(
                p.hasTimestamp() ? instant(p.getTimestamp()) : Instant.EPOCH,
                p.hasValue() ? OptionalDouble.of(p.getValue()) : OptionalDouble.empty()));
      }
      points += ps.size();
      String aggregation = s.getName().substring(s.getName().lastIndexOf('_') + 1);
      series.put(
          s.getName(),
          new MetricSeries(s.getName(), s.getUnit(), aggregation, s.getDescription(), ps));
    }
    return new ObjectMetrics(
        functionId,
        instant(r.getSince()),
        instant(r.getUntil()),
        Duration.ofSeconds(Integer.toUnsignedLong(r.getBucketSecs())),
        points,
        series);
  }

  /** MetricsGetInfo for functions: the groups and their series definitions. */
  public static CompletableFuture<Map<String, MetricsSchema>> schema(
      ClientContext ctx, MetricsSchemaParams params) {
    Instant until = Instant.now();
    Instant since = until.minus(DEFAULT_RANGE);
    MetricsGetInfoRequest req =
        MetricsGetInfoRequest.newBuilder()
            .setTargetType(MetricsGetInfoRequest.MetricsTargetType.METRICS_TARGET_TYPE_FUNCTION)
            .setSince(timestamp(since))
            .setUntil(timestamp(until))
            .addAllGroups(params.groups())
            .build();
    return ctx.controlPlane()
        .unary(NewerMethods.METRICS_GET_INFO, req)
        .thenApply(FunctionObservability::schema);
  }

  private static Map<String, MetricsSchema> schema(MetricsGetInfoResponse r) {
    Map<String, List<MetricDefinition>> groups = new LinkedHashMap<>();
    for (MetricGroupDefinition g : r.getGroupsList()) {
      List<MetricDefinition> defs = groups.computeIfAbsent(g.getName(), n -> new ArrayList<>());
      g.getMetricsList()
          .forEach(
              m -> defs.add(new MetricDefinition(m.getName(), m.getUnit(), m.getDescription())));
    }
    Map<String, MetricsSchema> out = new LinkedHashMap<>();
    groups.forEach((name, defs) -> out.put(name, new MetricsSchema(name, defs)));
    return out;
  }

  private static void checkMetricsRange(Instant since, Instant until) {
    if (!since.isBefore(until)) {
      throw new InvalidException("since must be before until");
    }
    if (since.isBefore(Instant.EPOCH)) {
      throw new InvalidException("since must be at or after the Unix epoch");
    }
    if (Duration.between(since, until).compareTo(MAX_METRICS_RANGE) > 0) {
      throw new InvalidException("Metrics time range cannot exceed 31 days");
    }
  }

  private static Timestamp timestamp(Instant t) {
    return Timestamp.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano()).build();
  }

  private static Instant instant(Timestamp t) {
    return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
  }
}
