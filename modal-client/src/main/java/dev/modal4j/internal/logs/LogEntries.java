package dev.modal4j.internal.logs;

import dev.modal4j.logs.LogEntry;
import dev.modal4j.logs.LogSource;
import dev.modal4j.proto.FileDescriptor;
import dev.modal4j.proto.TaskLogs;
import dev.modal4j.proto.TaskLogsBatch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Turns log batches into entries as Modal's JS SDK does (timestamps, sources, context ids). */
final class LogEntries {
  private LogEntries() {}

  static void addAll(
      TaskLogsBatch batch, String objectId, boolean skipEmpty, java.util.Collection<LogEntry> out) {
    for (TaskLogs item : batch.getItemsList()) {
      if (skipEmpty && item.getData().isEmpty()) {
        continue;
      }
      out.add(
          new LogEntry(
              item.getData(),
              source(item.getFileDescriptor()),
              timestamp(item),
              objectId,
              contextIds(batch, item, objectId)));
    }
  }

  static List<LogEntry> of(TaskLogsBatch batch, String objectId, boolean skipEmpty) {
    List<LogEntry> out = new ArrayList<>(batch.getItemsCount());
    addAll(batch, objectId, skipEmpty, out);
    return out;
  }

  static LogSource source(FileDescriptor fd) {
    switch (fd) {
      case FILE_DESCRIPTOR_STDOUT:
        return LogSource.STDOUT;
      case FILE_DESCRIPTOR_STDERR:
        return LogSource.STDERR;
      default:
        return LogSource.SYSTEM;
    }
  }

  static FileDescriptor fileDescriptor(LogSource source) {
    if (source == null) {
      return FileDescriptor.FILE_DESCRIPTOR_UNSPECIFIED;
    }
    switch (source) {
      case STDOUT:
        return FileDescriptor.FILE_DESCRIPTOR_STDOUT;
      case STDERR:
        return FileDescriptor.FILE_DESCRIPTOR_STDERR;
      default:
        return FileDescriptor.FILE_DESCRIPTOR_INFO;
    }
  }

  /** Millisecond precision, from timestamp_ns when set, else from the seconds as a double. */
  static Instant timestamp(TaskLogs item) {
    if (item.getTimestampNs() != 0) {
      return Instant.ofEpochMilli(Long.divideUnsigned(item.getTimestampNs(), 1_000_000L));
    }
    return Instant.ofEpochMilli((long) (item.getTimestamp() * 1000));
  }

  static List<String> contextIds(TaskLogsBatch batch, TaskLogs item, String objectId) {
    String input = item.getInputId().isEmpty() ? batch.getInputId() : item.getInputId();
    String container = item.getContainerId().isEmpty() ? batch.getTaskId() : item.getContainerId();
    List<String> ids = new ArrayList<>(3);
    String prefix = objectId.length() >= 2 ? objectId.substring(0, 2) : "";
    switch (prefix) {
      case "fu":
        add(ids, item.getFunctionCallId());
        add(ids, input);
        add(ids, container);
        break;
      case "fc":
        add(ids, input);
        add(ids, container);
        break;
      case "sb":
        add(ids, container);
        break;
      default:
        break;
    }
    return ids;
  }

  private static void add(List<String> ids, String id) {
    if (!id.isEmpty()) {
      ids.add(id);
    }
  }
}
