package dev.modal4j.functions;

import dev.modal4j.internal.Args;
import dev.modal4j.internal.CallerFutures;
import dev.modal4j.internal.ClientContext;
import dev.modal4j.internal.Futures;
import dev.modal4j.internal.invocation.FunctionObservability;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A function's metric samples ({@link #export()}) and the definitions of its series ({@link
 * #schema()}), from {@link Function#metrics()}.
 *
 * <pre>{@code
 * ObjectMetrics m = fn.metrics().export(FunctionMetricsExportParams.builder()
 *     .bucketSize(Duration.ofMinutes(5)).groups(List.of("calls")).build());
 * for (TimeSeriesPoint p : m.series().get("successful_calls_count").points()) {
 *   System.out.println(p.time() + " " + p.value());
 * }
 * }</pre>
 */
public final class FunctionMetrics {
  private final ClientContext context;
  private final String functionId;

  FunctionMetrics(ClientContext context, String functionId) {
    this.context = context;
    this.functionId = functionId;
  }

  /** All groups over the last hour, in buckets of Modal's choosing. */
  public ObjectMetrics export() {
    return export(FunctionMetricsExportParams.DEFAULT);
  }

  /**
   * Metric samples over the params' range: at most 31 days and 500 points per series. Bounds round
   * down to UTC bucket boundaries; missing observations are empty values.
   *
   * @throws dev.modal4j.InvalidException if the range is empty, too long, or has too many points
   */
  public ObjectMetrics export(FunctionMetricsExportParams params) {
    return Futures.join(exportAsync(params));
  }

  /** The async form of {@link #export()}. */
  public CompletableFuture<ObjectMetrics> exportAsync() {
    return exportAsync(FunctionMetricsExportParams.DEFAULT);
  }

  /** The async form of {@link #export(FunctionMetricsExportParams)}. */
  public CompletableFuture<ObjectMetrics> exportAsync(FunctionMetricsExportParams params) {
    Args.notNull(params, "params");
    return CallerFutures.hand(context, FunctionObservability.export(context, functionId, params));
  }

  /** The definitions of every group's series, keyed by group name. */
  public Map<String, MetricsSchema> schema() {
    return schema(MetricsSchemaParams.DEFAULT);
  }

  /** The definitions of the selected groups' series, keyed by group name. */
  public Map<String, MetricsSchema> schema(MetricsSchemaParams params) {
    return Futures.join(schemaAsync(params));
  }

  /** The async form of {@link #schema()}. */
  public CompletableFuture<Map<String, MetricsSchema>> schemaAsync() {
    return schemaAsync(MetricsSchemaParams.DEFAULT);
  }

  /** The async form of {@link #schema(MetricsSchemaParams)}. */
  public CompletableFuture<Map<String, MetricsSchema>> schemaAsync(MetricsSchemaParams params) {
    Args.notNull(params, "params");
    return CallerFutures.hand(context, FunctionObservability.schema(context, params));
  }

  @Override
  public String toString() {
    return "FunctionMetrics{" + functionId + "}";
  }
}
