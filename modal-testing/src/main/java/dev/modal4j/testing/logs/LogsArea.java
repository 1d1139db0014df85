package dev.modal4j.testing.logs;

import com.google.protobuf.Timestamp;
import dev.modal4j.proto.AppCountLogsRequest;
import dev.modal4j.proto.AppCountLogsResponse;
import dev.modal4j.proto.AppFetchLogsRequest;
import dev.modal4j.proto.AppFetchLogsResponse;
import dev.modal4j.proto.FunctionCallGetInfoRequest;
import dev.modal4j.proto.FunctionCallGetInfoResponse;
import dev.modal4j.proto.FunctionCallInfo;
import dev.modal4j.proto.ModalClientGrpc;
import dev.modal4j.testing.EmulatorState;
import dev.modal4j.testing.internal.EmulatorArea;
import dev.modal4j.testing.internal.Unary;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.stub.ServerCalls;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Serves app logs as Modal does: AppFetchLogs (a time range, filtered, at most {@code limit}
 * entries: the latest ones when more match), AppCountLogs (entries per bucket of {@code
 * bucket_secs}, aligned to the epoch; empty buckets are left out), AppGetLogs (a live long poll
 * resumed after {@code last_entry_id}; "" starts at the oldest entry kept) and FunctionCallGetInfo
 * (a call's inputs counted by outcome, and when it was created).
 */
public final class LogsArea implements EmulatorArea {
  /** The most entries one AppFetchLogs answers with. */
  static final int MAX_FETCH = 20_000;

  private final EmulatorState state;
  private final AppLogs logs;
  private final Function<String, FunctionCallInfo> callInfo;

  /**
   * An area over the emulator's log store.
   *
   * @param callInfo answers FunctionCallGetInfo for a call id; throws NOT_FOUND for unknown calls
   */
  public LogsArea(EmulatorState state, Function<String, FunctionCallInfo> callInfo) {
    this.state = state;
    this.logs = state.logs();
    this.callInfo = callInfo;
  }

  @Override
  public void bind(ServerServiceDefinition.Builder service) {
    Unary.bind(service, ModalClientGrpc.getAppFetchLogsMethod(), this::fetch);
    Unary.bind(service, ModalClientGrpc.getAppCountLogsMethod(), this::count);
    Unary.bind(service, ModalClientGrpc.getFunctionCallGetInfoMethod(), this::info);
    service.addMethod(
        ModalClientGrpc.getAppGetLogsMethod(),
        ServerCalls.asyncServerStreamingCall(
            (request, observer) -> new LiveLogPoll(state, logs, request, observer).start()));
  }

  private AppFetchLogsResponse fetch(AppFetchLogsRequest req) {
    checkApp(req.getAppId());
    long since = req.hasSince() ? nanos(req.getSince()) : 0;
    long until = req.hasUntil() ? nanos(req.getUntil()) : AppLogs.nanos(state.clock().instant());
    int limit = req.getLimit() == 0 ? MAX_FETCH : Math.min(req.getLimit(), MAX_FETCH);
    LogFilter filter =
        new LogFilter(
            req.getTaskId(),
            req.getSandboxId(),
            req.getFunctionId(),
            req.getFunctionCallId(),
            "",
            req.getSourceValue(),
            req.getSearchText());
    List<LogRecord> records = logs.range(req.getAppId(), filter, since, until);
    if (records.size() > limit) {
      records = records.subList(records.size() - limit, records.size());
    }
    return AppFetchLogsResponse.newBuilder().addAllBatches(LogBatches.of(records)).build();
  }

  private AppCountLogsResponse count(AppCountLogsRequest req) {
    checkApp(req.getAppId());
    if (req.getBucketSecs() == 0) {
      throw invalid("bucket_secs must be positive");
    }
    if (!req.hasSince() || !req.hasUntil()) {
      throw invalid("since and until are required");
    }
    long bucketNs = req.getBucketSecs() * 1_000_000_000L;
    LogFilter filter =
        new LogFilter(
            req.getTaskId(),
            req.getSandboxId(),
            req.getFunctionId(),
            req.getFunctionCallId(),
            "",
            req.getSourceValue(),
            req.getSearchText());
    TreeMap<Long, long[]> buckets = new TreeMap<>();
    for (LogRecord r :
        logs.range(req.getAppId(), filter, nanos(req.getSince()), nanos(req.getUntil()))) {
      long start = Math.floorDiv(r.timestampNs(), bucketNs) * bucketNs;
      long[] counts = buckets.computeIfAbsent(start, s -> new long[3]);
      counts[r.fd() == 1 ? 0 : r.fd() == 2 ? 1 : 2]++;
    }
    AppCountLogsResponse.Builder response =
        AppCountLogsResponse.newBuilder().setAppId(req.getAppId());
    buckets.forEach(
        (start, counts) ->
            response.addBuckets(
                AppCountLogsResponse.LogBucket.newBuilder()
                    .setBucketStartAt(timestamp(start))
                    .setStdoutLogs(counts[0])
                    .setStderrLogs(counts[1])
                    .setSystemLogs(counts[2])));
    return response.build();
  }

  private FunctionCallGetInfoResponse info(FunctionCallGetInfoRequest req) {
    if (req.getFunctionCallId().isEmpty()) {
      throw invalid("function_call_id is required");
    }
    return FunctionCallGetInfoResponse.newBuilder()
        .setInfo(callInfo.apply(req.getFunctionCallId()))
        .build();
  }

  private void checkApp(String appId) {
    if (appId.isEmpty()) {
      throw invalid("app_id is required");
    }
    if (state.apps().byId(appId).isEmpty()) {
      throw Status.NOT_FOUND.withDescription("App " + appId + " not found").asRuntimeException();
    }
  }

  static io.grpc.StatusRuntimeException invalid(String message) {
    return Status.INVALID_ARGUMENT.withDescription(message).asRuntimeException();
  }

  static long nanos(Timestamp t) {
    return t.getSeconds() * 1_000_000_000L + t.getNanos();
  }

  static Timestamp timestamp(long nanos) {
    return Timestamp.newBuilder()
        .setSeconds(Math.floorDiv(nanos, 1_000_000_000L))
        .setNanos((int) Math.floorMod(nanos, 1_000_000_000L))
        .build();
  }
}
