package dev.modal4j.testing.sandboxes;

import dev.modal4j.proto.FileDescriptor;
import dev.modal4j.proto.TaskLogs;
import dev.modal4j.proto.TaskLogsBatch;
import io.grpc.stub.ServerCallStreamObserver;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One SandboxGetLogs call: sends the log's entries after the client's last entry id in batches,
 * only while the transport is ready (flow control), and ends with an eof batch once the output has
 * ended, or without eof when its timeout passes first (the client then reopens).
 */
final class LogStream {
  private static final int BATCH_CHARS = 64 * 1024;

  private final SandboxLog log;
  private final ServerCallStreamObserver<TaskLogsBatch> out;
  private final String taskId;
  private final FileDescriptor fd;
  private final Clock clock;
  private final Runnable wakeUp = this::drain;
  private ScheduledFuture<?> timer;
  private long lastSeq;
  private boolean done;

  LogStream(
      SandboxLog log,
      ServerCallStreamObserver<TaskLogsBatch> out,
      String taskId,
      FileDescriptor fd,
      long afterSeq,
      Clock clock) {
    this.log = log;
    this.out = out;
    this.taskId = taskId;
    this.fd = fd;
    this.lastSeq = afterSeq;
    this.clock = clock;
  }

  /** Starts sending; ends the call after {@code timeoutMillis} if the output has not ended. */
  void start(ScheduledExecutorService scheduler, long timeoutMillis) {
    out.setOnCancelHandler(this::finish);
    out.setOnReadyHandler(this::drain);
    log.addListener(wakeUp);
    synchronized (this) {
      if (!done) {
        timer = scheduler.schedule(this::timeUp, timeoutMillis, TimeUnit.MILLISECONDS);
      }
    }
    drain();
  }

  synchronized void drain() {
    while (!done && out.isReady()) {
      if (out.isCancelled()) {
        finish();
        return;
      }
      List<SandboxLog.Entry> batch = log.after(lastSeq, BATCH_CHARS);
      if (batch.isEmpty()) {
        if (log.finishedAfter(lastSeq)) {
          out.onNext(
              TaskLogsBatch.newBuilder()
                  .setTaskId(taskId)
                  .setEntryId(SandboxLog.id(Math.max(lastSeq, log.lastSeq())))
                  .setEof(true)
                  .build());
          finish();
          out.onCompleted();
        }
        return;
      }
      TaskLogsBatch.Builder message = TaskLogsBatch.newBuilder().setTaskId(taskId);
      Instant now = clock.instant();
      for (SandboxLog.Entry e : batch) {
        message.addItems(
            TaskLogs.newBuilder()
                .setData(e.data())
                .setFileDescriptor(fd)
                .setTimestamp(now.getEpochSecond() + now.getNano() / 1e9)
                .setTimestampNs(now.getEpochSecond() * 1_000_000_000L + now.getNano()));
      }
      SandboxLog.Entry last = batch.get(batch.size() - 1);
      lastSeq = last.seq();
      out.onNext(message.setEntryId(SandboxLog.id(lastSeq)).build());
      log.delivered(last);
    }
  }

  private synchronized void timeUp() {
    if (!done) {
      finish();
      out.onCompleted();
    }
  }

  private synchronized void finish() {
    done = true;
    log.removeListener(wakeUp);
    if (timer != null) {
      timer.cancel(false);
    }
  }
}
