package dev.modal4j.testing.logs;

/**
 * One retained log entry of an app.
 *
 * @param seq the entry's number in its app's log, from 1; its entry id is {@code "<seq>-0"}
 * @param timestampNs when it was written, in nanoseconds since the epoch
 * @param fd 1 stdout, 2 stderr, 3 system (Modal's FileDescriptor numbers)
 * @param data the text written
 * @param origin who wrote it
 */
public record LogRecord(long seq, long timestampNs, int fd, String data, LogOrigin origin) {

  /** The entry id readers resume after. */
  public String entryId() {
    return seq + "-0";
  }

  /** Parses an entry id as {@link #entryId()} writes it; "" is before the first entry. */
  public static long parseEntryId(String entryId) {
    if (entryId.isEmpty()) {
      return 0;
    }
    int dash = entryId.indexOf('-');
    return Long.parseLong(dash < 0 ? entryId : entryId.substring(0, dash));
  }
}
