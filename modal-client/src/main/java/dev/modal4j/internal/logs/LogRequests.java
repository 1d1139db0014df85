package dev.modal4j.internal.logs;

import com.google.protobuf.Timestamp;
import dev.modal4j.proto.AppCountLogsRequest;
import dev.modal4j.proto.AppFetchLogsRequest;
import dev.modal4j.proto.AppGetLogsRequest;
import dev.modal4j.proto.FileDescriptor;

/** Builds the log RPCs' requests for a scope and filter, with the fields Modal's JS SDK sets. */
final class LogRequests {
  private LogRequests() {}

  static AppFetchLogsRequest fetch(
      LogScope scope, LogScope.Filter filter, long sinceMs, long untilMs, int limit) {
    return AppFetchLogsRequest.newBuilder()
        .setAppId(scope.appId)
        .setSince(timestamp(sinceMs))
        .setUntil(timestamp(untilMs))
        .setLimit(limit)
        .setSource(filter.source())
        .setFunctionId(scope.functionId)
        .setFunctionCallId(scope.functionCallId)
        .setTaskId(scope.taskId)
        .setSearchText(filter.searchText())
        .build();
  }

  static AppCountLogsRequest count(
      LogScope scope, LogScope.Filter filter, long sinceMs, long untilMs, int bucketSecs) {
    return AppCountLogsRequest.newBuilder()
        .setAppId(scope.appId)
        .setSince(timestamp(sinceMs))
        .setUntil(timestamp(untilMs))
        .setSource(filter.source())
        .setFunctionId(scope.functionId)
        .setFunctionCallId(scope.functionCallId)
        .setSearchText(filter.searchText())
        .setTaskId(scope.taskId)
        .setBucketSecs(bucketSecs)
        .build();
  }

  static AppGetLogsRequest live(LogScope scope, String lastEntryId, float timeoutSecs) {
    return AppGetLogsRequest.newBuilder()
        .setAppId(scope.appId)
        .setTimeout(timeoutSecs)
        .setLastEntryId(lastEntryId)
        .setFileDescriptor(FileDescriptor.FILE_DESCRIPTOR_UNSPECIFIED)
        .setFunctionId(scope.functionId)
        .setFunctionCallId(scope.functionCallId)
        .build();
  }

  static Timestamp timestamp(long ms) {
    return Timestamp.newBuilder()
        .setSeconds(Math.floorDiv(ms, 1000L))
        .setNanos((int) Math.floorMod(ms, 1000L) * 1_000_000)
        .build();
  }

  static long millis(Timestamp t) {
    return t.getSeconds() * 1000L + t.getNanos() / 1_000_000;
  }
}
