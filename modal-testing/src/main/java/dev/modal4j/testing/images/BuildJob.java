package dev.modal4j.testing.images;

import dev.modal4j.proto.GenericResult;
import dev.modal4j.proto.ImageMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One layer's build as ImageJoinStreaming serves it: the log lines in order, each with its entry id
 * ({@code <n>-0}, n from 1), the result once the build ended, and lines that came after it. Readers
 * wait on it for what is new. Thread-safe.
 */
final class BuildJob {
  /** One entry: a log line, or (with a result) the end of the build. */
  record Entry(String entryId, String data, double timestamp, GenericResult result) {}

  private final String imageId;
  private final List<Entry> entries = new ArrayList<>();
  private GenericResult result;
  private ImageMetadata metadata;
  private boolean closed;

  BuildJob(String imageId) {
    this.imageId = imageId;
  }

  String imageId() {
    return imageId;
  }

  /** Adds a log line (with its newline). */
  synchronized void log(String data) {
    entries.add(new Entry(id(entries.size() + 1), data, now(), null));
    notifyAll();
  }

  /** Ends the build with {@code result}; log lines may still follow. */
  synchronized void finish(GenericResult result, ImageMetadata metadata) {
    this.result = result;
    this.metadata = metadata;
    entries.add(new Entry(id(entries.size() + 1), "", now(), result));
    notifyAll();
  }

  /** No more lines will come: readers stop waiting. */
  synchronized void close() {
    closed = true;
    notifyAll();
  }

  /** The result, once the build ended. */
  synchronized Optional<GenericResult> result() {
    return Optional.ofNullable(result);
  }

  /** The metadata of a successful build. */
  synchronized ImageMetadata metadata() {
    return metadata == null ? ImageMetadata.getDefaultInstance() : metadata;
  }

  /**
   * The entries after {@code lastEntryId} ("" = all), waiting until there is one, the job is
   * closed, {@code deadlineNanos} (a {@link System#nanoTime()} value) passes or {@code stop} says
   * so (checked each time the job changes or {@link #wake()} is called).
   */
  synchronized List<Entry> after(
      String lastEntryId, long deadlineNanos, java.util.function.BooleanSupplier stop)
      throws InterruptedException {
    int from = index(lastEntryId);
    while (entries.size() <= from && !closed && !stop.getAsBoolean()) {
      long left = deadlineNanos - System.nanoTime();
      if (left <= 0) {
        break;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return from < entries.size() ? List.copyOf(entries.subList(from, entries.size())) : List.of();
  }

  /** Whether no more entries can come after those there are. */
  synchronized boolean ended() {
    return closed;
  }

  /** Wakes readers so they check their stop condition. */
  synchronized void wake() {
    notifyAll();
  }

  private static int index(String entryId) {
    if (entryId.isEmpty()) {
      return 0;
    }
    int dash = entryId.indexOf('-');
    try {
      return Integer.parseInt(dash < 0 ? entryId : entryId.substring(0, dash));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static String id(int n) {
    return n + "-0";
  }

  private static double now() {
    return System.currentTimeMillis() / 1000.0;
  }
}
