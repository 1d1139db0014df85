package dev.modal4j.testing.logs;

import dev.modal4j.proto.FileDescriptor;
import dev.modal4j.proto.TaskLogs;
import dev.modal4j.proto.TaskLogsBatch;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns log records into TaskLogsBatch messages: one batch per run of entries of one task/input.
 */
final class LogBatches {
  private LogBatches() {}

  static List<TaskLogsBatch> of(List<LogRecord> records) {
    List<TaskLogsBatch> batches = new ArrayList<>();
    TaskLogsBatch.Builder current = null;
    LogOrigin currentOrigin = null;
    for (LogRecord r : records) {
      LogOrigin o = r.origin();
      if (current == null || !sameBatch(currentOrigin, o)) {
        if (current != null) {
          batches.add(current.build());
        }
        current =
            TaskLogsBatch.newBuilder()
                .setTaskId(o.taskId())
                .setFunctionId(o.functionId())
                .setInputId(o.inputId());
        currentOrigin = o;
      }
      current.addItems(item(r)).setEntryId(r.entryId());
    }
    if (current != null) {
      batches.add(current.build());
    }
    return batches;
  }

  private static boolean sameBatch(LogOrigin a, LogOrigin b) {
    return a.taskId().equals(b.taskId())
        && a.functionId().equals(b.functionId())
        && a.inputId().equals(b.inputId());
  }

  static TaskLogs item(LogRecord r) {
    return TaskLogs.newBuilder()
        .setData(r.data())
        .setTimestamp(r.timestampNs() / 1e9)
        .setTimestampNs(r.timestampNs())
        .setFileDescriptor(fd(r.fd()))
        .setFunctionCallId(r.origin().functionCallId())
        .setInputId(r.origin().inputId())
        .build();
  }

  private static FileDescriptor fd(int fd) {
    FileDescriptor d = FileDescriptor.forNumber(fd);
    return d == null ? FileDescriptor.FILE_DESCRIPTOR_INFO : d;
  }
}
