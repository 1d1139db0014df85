package dev.modal4j;

import dev.modal4j.apps.AppInfo;
import dev.modal4j.apps.AppLifecycle;
import dev.modal4j.apps.AppState;
import dev.modal4j.environments.Environment;
import dev.modal4j.environments.EnvironmentFromNameParams;
import dev.modal4j.events.BlobTransferEvent;
import dev.modal4j.events.EventListener;
import dev.modal4j.events.MapProgressEvent;
import dev.modal4j.events.RetryEvent;
import dev.modal4j.events.RpcEvent;
import dev.modal4j.events.ThrottleEvent;
import dev.modal4j.events.TokenRefreshEvent;
import dev.modal4j.functions.Function;
import dev.modal4j.functions.FunctionMetricsExportParams;
import dev.modal4j.functions.FunctionStatsParams;
import dev.modal4j.functions.FunctionTimeRangeStats;
import dev.modal4j.functions.MapProgress;
import dev.modal4j.functions.MetricDefinition;
import dev.modal4j.functions.MetricSeries;
import dev.modal4j.functions.MetricsSchema;
import dev.modal4j.functions.MetricsSchemaParams;
import dev.modal4j.functions.ObjectMetrics;
import dev.modal4j.functions.StatsPercentile;
import dev.modal4j.functions.StatsPercentileDistribution;
import dev.modal4j.functions.TimeSeriesPoint;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.function.BiConsumer;

/** Null-sweep samples of the observability types: events, stats, metrics, app info. */
final class ObservabilitySamples {
  private ObservabilitySamples() {}

  static void add(BiConsumer<Class<?>, Object> fixed, ModalClient modal, Function square) {
    Instant t = Instant.ofEpochSecond(1_700_000_000);
    fixed.accept(Instant.class, t);
    fixed.accept(Optional.class, Optional.empty());
    fixed.accept(OptionalInt.class, OptionalInt.empty());
    fixed.accept(OptionalDouble.class, OptionalDouble.empty());

    fixed.accept(EventListener.class, new EventListener() {});
    fixed.accept(RpcEvent.class, new RpcEvent("AppGetOrCreate", 1, "OK", Duration.ZERO));
    fixed.accept(
        RetryEvent.class, new RetryEvent("AppGetOrCreate", 1, "UNAVAILABLE", Duration.ZERO));
    fixed.accept(
        ThrottleEvent.class,
        new ThrottleEvent("AppGetOrCreate", 1, "RESOURCE_EXHAUSTED", Duration.ZERO));
    fixed.accept(
        TokenRefreshEvent.class, new TokenRefreshEvent(true, Duration.ZERO, Optional.of(t)));
    fixed.accept(BlobTransferEvent.Direction.class, BlobTransferEvent.Direction.UPLOAD);
    fixed.accept(
        BlobTransferEvent.class,
        new BlobTransferEvent(BlobTransferEvent.Direction.UPLOAD, 1, Duration.ZERO, true));
    fixed.accept(
        MapProgressEvent.class,
        new MapProgressEvent("map-1", "app/f", new MapProgress(1, 0, 0, 0, false), false));

    fixed.accept(FunctionStatsParams.class, FunctionStatsParams.DEFAULT);
    fixed.accept(FunctionStatsParams.Builder.class, FunctionStatsParams.builder());
    fixed.accept(StatsPercentile.class, new StatsPercentile(50, 1));
    StatsPercentileDistribution d =
        new StatsPercentileDistribution("seconds", List.of(new StatsPercentile(50, 1)));
    fixed.accept(StatsPercentileDistribution.class, d);
    fixed.accept(
        FunctionTimeRangeStats.class,
        new FunctionTimeRangeStats(t, t, 1, 0, 0, 0, 0, 0, 0, 0, Map.of("x", d), Map.of(), false));
    fixed.accept(dev.modal4j.functions.FunctionMetrics.class, square.metrics());
    fixed.accept(FunctionMetricsExportParams.class, FunctionMetricsExportParams.DEFAULT);
    fixed.accept(FunctionMetricsExportParams.Builder.class, FunctionMetricsExportParams.builder());
    fixed.accept(MetricsSchemaParams.class, MetricsSchemaParams.DEFAULT);
    fixed.accept(MetricsSchemaParams.Builder.class, MetricsSchemaParams.builder());
    TimeSeriesPoint p = new TimeSeriesPoint(t, OptionalDouble.of(1));
    fixed.accept(TimeSeriesPoint.class, p);
    MetricSeries s = new MetricSeries("a_count", "calls", "count", "d", List.of(p));
    fixed.accept(MetricSeries.class, s);
    fixed.accept(
        ObjectMetrics.class,
        new ObjectMetrics("fu-1", t, t, Duration.ofMinutes(1), 1, Map.of("a_count", s)));
    MetricDefinition def = new MetricDefinition("a_count", "calls", "d");
    fixed.accept(MetricDefinition.class, def);
    fixed.accept(MetricsSchema.class, new MetricsSchema("calls", List.of(def)));

    fixed.accept(AppState.class, AppState.DEPLOYED);
    AppLifecycle life =
        new AppLifecycle(
            AppState.DEPLOYED,
            OptionalInt.of(1),
            t,
            "u",
            Optional.of(t),
            Optional.of("u"),
            Optional.empty(),
            Optional.empty());
    fixed.accept(AppLifecycle.class, life);
    fixed.accept(AppInfo.class, new AppInfo("ap-1", "d", life, Map.of(), Map.of()));

    fixed.accept(dev.modal4j.environments.Environments.class, modal.environments());
    fixed.accept(Environment.class, modal.environments().fromName("main"));
    fixed.accept(EnvironmentFromNameParams.class, EnvironmentFromNameParams.DEFAULT);
    fixed.accept(EnvironmentFromNameParams.Builder.class, EnvironmentFromNameParams.builder());
  }
}
