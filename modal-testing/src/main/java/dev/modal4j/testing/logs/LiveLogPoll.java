package dev.modal4j.testing.logs;

import dev.modal4j.proto.AppGetLogsRequest;
import dev.modal4j.proto.TaskLogsBatch;
import dev.modal4j.testing.EmulatorState;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One AppGetLogs call: sends the entries after {@code last_entry_id} as they are appended, each
 * batch carrying the id of its last entry, and ends the stream after {@code timeout} seconds (at
 * most 55); a batch with {@code app_done} ends it early once the app is gone.
 */
final class LiveLogPoll {
  private static final float MAX_TIMEOUT_SECS = 55;
  private static final int MAX_BATCH = 1000;

  private final EmulatorState state;
  private final AppLogs logs;
  private final AppGetLogsRequest request;
  private final StreamObserver<TaskLogsBatch> observer;
  private final LogFilter filter;
  private long afterSeq;
  private boolean done;
  private Runnable unlisten = () -> {};
  private ScheduledFuture<?> timer;
  private final java.util.concurrent.atomic.AtomicBoolean pumpQueued =
      new java.util.concurrent.atomic.AtomicBoolean();

  LiveLogPoll(
      EmulatorState state,
      AppLogs logs,
      AppGetLogsRequest request,
      StreamObserver<TaskLogsBatch> observer) {
    this.state = state;
    this.logs = logs;
    this.request = request;
    this.observer = observer;
    this.filter =
        new LogFilter(
            request.getTaskId(),
            request.getSandboxId(),
            request.getFunctionId(),
            request.getFunctionCallId(),
            request.getInputId(),
            request.getFileDescriptorValue(),
            request.getSearchText());
  }

  void start() {
    if (request.getAppId().isEmpty()) {
      observer.onError(LogsArea.invalid("app_id is required"));
      return;
    }
    if (state.apps().byId(request.getAppId()).isEmpty()) {
      observer.onError(
          Status.NOT_FOUND
              .withDescription("App " + request.getAppId() + " not found")
              .asRuntimeException());
      return;
    }
    try {
      afterSeq = LogRecord.parseEntryId(request.getLastEntryId());
    } catch (NumberFormatException e) {
      observer.onError(
          LogsArea.invalid("invalid last_entry_id '" + request.getLastEntryId() + "'"));
      return;
    }
    if (observer instanceof ServerCallStreamObserver<TaskLogsBatch> server) {
      server.setOnCancelHandler(this::finish);
    }
    float timeout = request.getTimeout() <= 0 ? MAX_TIMEOUT_SECS : request.getTimeout();
    long millis = Math.round(Math.min(timeout, MAX_TIMEOUT_SECS) * 1000);
    synchronized (this) {
      unlisten =
          logs.listen(
              request.getAppId(),
              () -> {
                if (pumpQueued.compareAndSet(false, true)) {
                  state.executor().execute(this::queuedPump);
                }
              });
      timer = state.scheduler().schedule(this::complete, millis, TimeUnit.MILLISECONDS);
    }
    pump();
  }

  private void queuedPump() {
    pumpQueued.set(false);
    pump();
  }

  private synchronized void pump() {
    while (!done) {
      List<LogRecord> records = logs.after(request.getAppId(), afterSeq, filter, MAX_BATCH);
      if (records.isEmpty()) {
        break;
      }
      afterSeq = records.get(records.size() - 1).seq();
      for (TaskLogsBatch batch : LogBatches.of(records)) {
        try {
          observer.onNext(batch);
        } catch (RuntimeException e) {
          finish();
          return;
        }
      }
    }
    if (!done && state.apps().byId(request.getAppId()).isEmpty()) {
      try {
        observer.onNext(TaskLogsBatch.newBuilder().setAppDone(true).build());
        observer.onCompleted();
      } catch (RuntimeException e) {
        // the call went away
      }
      finish();
    }
  }

  private synchronized void complete() {
    if (done) {
      return;
    }
    pump();
    if (done) {
      return;
    }
    finish();
    try {
      observer.onCompleted();
    } catch (RuntimeException e) {
      // the call went away
    }
  }

  private synchronized void finish() {
    done = true;
    unlisten.run();
    if (timer != null) {
      timer.cancel(false);
    }
  }
}
