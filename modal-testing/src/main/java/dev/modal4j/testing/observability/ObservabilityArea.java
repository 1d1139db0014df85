package dev.modal4j.testing.observability;

import com.google.protobuf.Timestamp;
import dev.modal4j.proto.GenericResult.GenericStatus;
import dev.modal4j.proto.newer.AppGetInfoRequest;
import dev.modal4j.proto.newer.AppGetInfoResponse;
import dev.modal4j.proto.newer.AppHandleMetadata;
import dev.modal4j.proto.newer.AppLifecycle;
import dev.modal4j.proto.newer.FunctionData;
import dev.modal4j.proto.newer.FunctionGetByIdRequest;
import dev.modal4j.proto.newer.FunctionGetByIdResponse;
import dev.modal4j.proto.newer.FunctionGetMetricsRequest;
import dev.modal4j.proto.newer.FunctionGetMetricsResponse;
import dev.modal4j.proto.newer.FunctionGetTimeRangeStatsRequest;
import dev.modal4j.proto.newer.FunctionGetTimeRangeStatsResponse;
import dev.modal4j.proto.newer.FunctionMetricPoint;
import dev.modal4j.proto.newer.FunctionMetricSeries;
import dev.modal4j.proto.newer.MetricsGetInfoRequest;
import dev.modal4j.proto.newer.MetricsGetInfoResponse;
import dev.modal4j.proto.newer.NewerMethods;
import dev.modal4j.testing.EmulatorState;
import dev.modal4j.testing.RegisteredApp;
import dev.modal4j.testing.functions.DeployedFunction;
import dev.modal4j.testing.functions.FunctionRegistry;
import dev.modal4j.testing.functions.InputOutcome;
import dev.modal4j.testing.internal.EmulatorArea;
import dev.modal4j.testing.internal.Unary;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * FunctionGetTimeRangeStats, FunctionGetMetrics and MetricsGetInfo computed from what the
 * emulator's functions really ran ({@link FunctionRuns}), with the range checks Modal applies;
 * AppGetInfo and FunctionGetById from the app and function registries.
 *
 * <p>The emulator runs handlers in-process, in no container: container counts are zero, and a
 * {@code container_id} filter other than the emulator's one task id ({@code ta-emulator}) matches
 * nothing. Apps are created and deployed by the emulator's one user, {@value #USER}.
 */
public final class ObservabilityArea implements EmulatorArea {
  /** Who the emulator says created and deployed every app. */
  public static final String USER = "emulator";

  private static final String TASK_ID = "ta-emulator";
  private static final Duration MAX_STATS_RANGE = Duration.ofDays(7);
  private static final Duration MAX_METRICS_RANGE = Duration.ofDays(31);
  private static final int MAX_POINTS = 500;
  private static final long[] BUCKET_WIDTHS = {
    60, 300, 600, 900, 1800, 3600, 10_800, 21_600, 43_200, 86_400
  };

  private final EmulatorState state;
  private final FunctionRegistry functions;
  private final FunctionRuns runs;

  /** The area over the emulator's apps, its function registry, and what its functions ran. */
  public ObservabilityArea(EmulatorState state, FunctionRegistry functions, FunctionRuns runs) {
    this.state = state;
    this.functions = functions;
    this.runs = runs;
  }

  @Override
  public void bind(ServerServiceDefinition.Builder service) {
    Unary.bind(service, NewerMethods.FUNCTION_GET_TIME_RANGE_STATS, this::stats);
    Unary.bind(service, NewerMethods.FUNCTION_GET_METRICS, this::metrics);
    Unary.bind(service, NewerMethods.METRICS_GET_INFO, this::info);
    Unary.bind(service, NewerMethods.APP_GET_INFO, this::appInfo);
    Unary.bind(service, NewerMethods.FUNCTION_GET_BY_ID, this::byId);
  }

  private FunctionGetTimeRangeStatsResponse stats(FunctionGetTimeRangeStatsRequest req) {
    DeployedFunction f = function(req.getFunctionId());
    Instant since = required(req.hasSince(), req.getSince(), "since");
    Instant until = required(req.hasUntil(), req.getUntil(), "until");
    checkRange(since, until, MAX_STATS_RANGE);
    boolean containerMatches = !req.hasContainerId() || req.getContainerId().equals(TASK_ID);
    List<InputOutcome> in = containerMatches ? finishedIn(f.id(), since, until) : List.of();
    FunctionGetTimeRangeStatsResponse.Builder r =
        FunctionGetTimeRangeStatsResponse.newBuilder()
            .setSince(timestamp(since))
            .setUntil(timestamp(until))
            .setInputSuccessCount(count(in, GenericStatus.GENERIC_STATUS_SUCCESS))
            .setInputFailureCount(
                count(in, GenericStatus.GENERIC_STATUS_FAILURE)
                    + count(in, GenericStatus.GENERIC_STATUS_INTERNAL_FAILURE)
                    + count(in, GenericStatus.GENERIC_STATUS_TERMINATED))
            .setInputTimeoutCount(count(in, GenericStatus.GENERIC_STATUS_TIMEOUT))
            .setInputRunningAtEndCount(containerMatches ? runningAtEnd(f.id(), until) : 0);
    if (!in.isEmpty()) {
      r.putInputPercentileStats(
          "execution_time",
          Percentiles.of(
              "seconds",
              in.stream()
                  .filter(o -> o.startedAt().isPresent())
                  .mapToDouble(o -> seconds(o.startedAt().get(), o.finishedAt()))
                  .toArray()));
      r.putInputPercentileStats(
          "end_to_end_latency",
          Percentiles.of(
              "seconds",
              in.stream().mapToDouble(o -> seconds(o.enqueuedAt(), o.finishedAt())).toArray()));
    }
    return r.build();
  }

  /** Started before {@code until} and not finished by then. */
  private long runningAtEnd(String functionId, Instant until) {
    long finishedLater =
        runs.outcomes(functionId).stream()
            .filter(
                o ->
                    o.startedAt().isPresent()
                        && o.startedAt().get().isBefore(until)
                        && !o.finishedAt().isBefore(until))
            .count();
    return finishedLater + runs.runningAt(functionId, until);
  }

  private FunctionGetMetricsResponse metrics(FunctionGetMetricsRequest req) {
    DeployedFunction f = function(req.getFunctionId());
    Instant since = required(req.hasSince(), req.getSince(), "since");
    Instant until = required(req.hasUntil(), req.getUntil(), "until");
    checkRange(since, until, MAX_METRICS_RANGE);
    checkGroups(req.getGroupsList());
    long width = bucketWidth(req.getBucketSecs(), since, until);
    long start = Math.floorDiv(since.getEpochSecond(), width) * width;
    long end = Math.floorDiv(until.getEpochSecond(), width) * width;
    List<InputOutcome> all =
        finishedIn(f.id(), Instant.ofEpochSecond(start), Instant.ofEpochSecond(end));
    FunctionGetMetricsResponse.Builder r =
        FunctionGetMetricsResponse.newBuilder()
            .setSince(timestamp(Instant.ofEpochSecond(start)))
            .setUntil(timestamp(Instant.ofEpochSecond(end)))
            .setBucketSecs((int) width);
    for (MetricCatalog.Series s : MetricCatalog.inGroups(req.getGroupsList())) {
      FunctionMetricSeries.Builder series =
          FunctionMetricSeries.newBuilder()
              .setName(s.name())
              .setUnit(s.unit())
              .setDescription(s.description());
      for (long b = start; b < end; b += width) {
        Instant from = Instant.ofEpochSecond(b);
        Instant to = Instant.ofEpochSecond(b + width);
        List<InputOutcome> bucket = new ArrayList<>();
        for (InputOutcome o : all) {
          if (!o.finishedAt().isBefore(from) && o.finishedAt().isBefore(to)) {
            bucket.add(o);
          }
        }
        FunctionMetricPoint.Builder p =
            FunctionMetricPoint.newBuilder().setTimestamp(timestamp(from));
        OptionalDouble v = s.value().apply(bucket);
        if (v.isPresent()) {
          p.setValue(v.getAsDouble());
        }
        series.addPoints(p);
      }
      r.addSeries(series);
    }
    return r.build();
  }

  private MetricsGetInfoResponse info(MetricsGetInfoRequest req) {
    if (req.getTargetType() != MetricsGetInfoRequest.MetricsTargetType.METRICS_TARGET_TYPE_FUNCTION
        && req.getTargetType()
            != MetricsGetInfoRequest.MetricsTargetType.METRICS_TARGET_TYPE_SERVER) {
      throw invalid("target_type is required");
    }
    Instant since = required(req.hasSince(), req.getSince(), "since");
    Instant until = required(req.hasUntil(), req.getUntil(), "until");
    checkRange(since, until, MAX_METRICS_RANGE);
    checkGroups(req.getGroupsList());
    long width = bucketWidth(req.getBucketSecs(), since, until);
    long start = Math.floorDiv(since.getEpochSecond(), width);
    long end = Math.floorDiv(until.getEpochSecond(), width);
    MetricsGetInfoResponse.Builder r =
        MetricsGetInfoResponse.newBuilder()
            .setBucketSecs((int) width)
            .setBucketCount((int) (end - start));
    for (String group : MetricCatalog.GROUPS.stream().sorted().toList()) {
      if (req.getGroupsCount() == 0 || req.getGroupsList().contains(group)) {
        r.addGroups(MetricCatalog.group(group));
      }
    }
    return r.build();
  }

  private AppGetInfoResponse appInfo(AppGetInfoRequest req) {
    RegisteredApp app =
        state
            .apps()
            .byId(req.getAppId())
            .orElseThrow(
                () ->
                    Status.NOT_FOUND
                        .withDescription("App '" + req.getAppId() + "' not found")
                        .asRuntimeException());
    AppLifecycle.Builder life =
        AppLifecycle.newBuilder()
            .setAppState(app.state())
            .setCreatedAt(epochSeconds(app.createdAt()))
            .setCreatedBy(USER)
            .setVersion(app.version());
    app.lastDeployedAt().ifPresent(t -> life.setDeployedAt(epochSeconds(t)).setDeployedBy(USER));
    AppHandleMetadata.Builder meta =
        AppHandleMetadata.newBuilder()
            .setAppId(app.appId())
            .setDescription(app.name())
            .setEnvironmentName(state.environments().name(app.environment()))
            .setLifecycle(life);
    for (DeployedFunction f : functions.inApp(app.appId())) {
      if (!isClass(f) && !f.definition().tag().isEmpty()) {
        meta.putFunctions(f.definition().tag(), f.id());
      }
    }
    return AppGetInfoResponse.newBuilder().setInfo(meta).build();
  }

  private FunctionGetByIdResponse byId(FunctionGetByIdRequest req) {
    DeployedFunction f = function(req.getFunctionId());
    return FunctionGetByIdResponse.newBuilder()
        .setFunction(
            FunctionData.newBuilder().setFunctionName(f.definition().tag()).setIsClass(isClass(f)))
        .setHandleMetadata(functions.handleMetadata(f))
        .build();
  }

  private static boolean isClass(DeployedFunction f) {
    return !f.definition().bodies().containsKey("");
  }

  private DeployedFunction function(String id) {
    if (id.isEmpty()) {
      throw invalid("function_id is required");
    }
    return functions
        .byId(id)
        .orElseThrow(
            () ->
                Status.NOT_FOUND
                    .withDescription("Function " + id + " not found")
                    .asRuntimeException());
  }

  private List<InputOutcome> finishedIn(String functionId, Instant since, Instant until) {
    List<InputOutcome> in = new ArrayList<>();
    for (InputOutcome o : runs.outcomes(functionId)) {
      if (!o.finishedAt().isBefore(since) && o.finishedAt().isBefore(until)) {
        in.add(o);
      }
    }
    return in;
  }

  private static long count(List<InputOutcome> outcomes, GenericStatus status) {
    return outcomes.stream().filter(o -> o.status() == status).count();
  }

  private static void checkRange(Instant since, Instant until, Duration max) {
    if (!since.isBefore(until)) {
      throw invalid("since must be before until");
    }
    if (since.isBefore(Instant.EPOCH)) {
      throw invalid("since must not be before the Unix epoch");
    }
    if (Duration.between(since, until).compareTo(max) > 0) {
      throw invalid("The time range must not exceed " + max.toDays() + " days");
    }
  }

  private static void checkGroups(List<String> groups) {
    for (String g : groups) {
      if (!MetricCatalog.GROUPS.contains(g)) {
        throw invalid("Unknown metric group '" + g + "'; groups are " + MetricCatalog.GROUPS);
      }
    }
  }

  /** The requested width (checked), or the supported width closest to 100 buckets. */
  private static long bucketWidth(int requested, Instant since, Instant until) {
    long range = Duration.between(since, until).getSeconds();
    if (requested != 0) {
      long w = Integer.toUnsignedLong(requested);
      if (w < 60) {
        throw invalid("bucket_secs must be at least 60");
      }
      if (Math.floorDiv(until.getEpochSecond(), w) - Math.floorDiv(since.getEpochSecond(), w)
          > MAX_POINTS) {
        throw invalid("At most " + MAX_POINTS + " points per series; increase bucket_secs");
      }
      return w;
    }
    for (long w : BUCKET_WIDTHS) {
      if (range / w <= 100) {
        return w;
      }
    }
    return BUCKET_WIDTHS[BUCKET_WIDTHS.length - 1];
  }

  private static Instant required(boolean present, Timestamp t, String field) {
    if (!present) {
      throw invalid(field + " is required");
    }
    return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
  }

  private static Timestamp timestamp(Instant t) {
    return Timestamp.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano()).build();
  }

  private static double epochSeconds(Instant t) {
    return t.getEpochSecond() + t.getNano() / 1e9;
  }

  private static double seconds(Instant from, Instant to) {
    return Duration.between(from, to).toNanos() / 1e9;
  }

  private static RuntimeException invalid(String message) {
    return Status.INVALID_ARGUMENT.withDescription(message).asRuntimeException();
  }
}
