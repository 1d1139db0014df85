package dev.modal4j.logs;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One log entry: a piece of output, where it was written, when, and by what.
 *
 * <p>The context ids say which part of the object wrote it, most specific last, as Modal's JS SDK
 * reports them: for a function, the call, the input and the container; for a function call, the
 * input and the container; for a sandbox, its container. Ids Modal did not report are left out.
 */
public final class LogEntry {
  private final String message;
  private final LogSource source;
  private final Instant timestamp;
  private final String objectId;
  private final List<String> contextIds;

  /**
   * Creates an entry.
   *
   * @param message the text written, usually ending in a newline
   * @param source the stream it was written to
   * @param timestamp when it was written
   * @param objectId the function ({@code fu-}), call ({@code fc-}) or sandbox ({@code sb-}) whose
   *     logs were asked for
   * @param contextIds what wrote it, see the class description
   */
  public LogEntry(
      String message,
      LogSource source,
      Instant timestamp,
      String objectId,
      List<String> contextIds) {
    this.message = dev.modal4j.internal.Args.notNull(message, "message");
    this.source = dev.modal4j.internal.Args.notNull(source, "source");
    this.timestamp = dev.modal4j.internal.Args.notNull(timestamp, "timestamp");
    this.objectId = dev.modal4j.internal.Args.notNull(objectId, "objectId");
    this.contextIds =
        List.copyOf(dev.modal4j.internal.Args.noNullElements(contextIds, "contextIds"));
  }

  /** The text written, usually ending in a newline. */
  public String message() {
    return message;
  }

  /** The stream it was written to. */
  public LogSource source() {
    return source;
  }

  /** When it was written (millisecond precision, as Modal's SDKs report it). */
  public Instant timestamp() {
    return timestamp;
  }

  /** The id of the object whose logs were asked for. */
  public String objectId() {
    return objectId;
  }

  /** The ids of what wrote it (call, input, container), most specific last. */
  public List<String> contextIds() {
    return contextIds;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof LogEntry)) {
      return false;
    }
    LogEntry e = (LogEntry) o;
    return message.equals(e.message)
        && source == e.source
        && timestamp.equals(e.timestamp)
        && objectId.equals(e.objectId)
        && contextIds.equals(e.contextIds);
  }

  @Override
  public int hashCode() {
    return Objects.hash(message, source, timestamp, objectId, contextIds);
  }

  @Override
  public String toString() {
    return "LogEntry{" + timestamp + " " + source + " " + objectId + " " + message.strip() + "}";
  }
}
