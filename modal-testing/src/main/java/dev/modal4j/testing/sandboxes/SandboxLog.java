package dev.modal4j.testing.sandboxes;

import io.grpc.Status;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The output of one stream (stdout or stderr) of a sandbox's entrypoint, as numbered entries that
 * readers resume after (entry ids {@code <n>-0}; {@code 0-0} is before the first).
 *
 * <p>Memory is bounded: {@link #append} blocks the writer (and so the process) while more than
 * {@code capacity} characters wait for a reader, and entries a reader has been sent are dropped,
 * oldest first, once the log holds more than {@code capacity}. Thread-safe.
 */
final class SandboxLog {
  private final int capacity;
  private final ArrayDeque<Entry> entries = new ArrayDeque<>();
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private long nextSeq = 1;
  private long deliveredUpTo;
  private long deliveredChars;
  private long totalChars;
  private long retainedChars;
  private boolean closed;

  /** One entry; {@code endChars} counts the characters of the log up to and including it. */
  record Entry(long seq, String data, long endChars) {}

  SandboxLog(int capacity) {
    this.capacity = capacity;
  }

  /** Parses an entry id: "" and "0-0" are before the first entry. */
  static long parse(String entryId) {
    if (entryId.isEmpty()) {
      return 0;
    }
    int dash = entryId.indexOf('-');
    try {
      return Long.parseLong(dash < 0 ? entryId : entryId.substring(0, dash));
    } catch (NumberFormatException e) {
      throw Status.INVALID_ARGUMENT
          .withDescription("invalid last_entry_id '" + entryId + "'")
          .asRuntimeException();
    }
  }

  /** The id of entry {@code seq}. */
  static String id(long seq) {
    return seq + "-0";
  }

  /**
   * Appends output; waits while the unread output is over capacity.
   *
   * @throws InterruptedException if the writer is interrupted while waiting
   */
  void append(String data) throws InterruptedException {
    if (data.isEmpty()) {
      return;
    }
    synchronized (this) {
      while (!closed && undeliveredChars() > capacity) {
        wait();
      }
      if (closed) {
        return;
      }
      totalChars += data.length();
      entries.addLast(new Entry(nextSeq++, data, totalChars));
      retainedChars += data.length();
      trim();
    }
    notifyListeners();
  }

  /** Marks the end of the output; readers get eof once they have read everything. */
  void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      notifyAll();
    }
    notifyListeners();
  }

  /** Entries after {@code afterSeq}, up to about {@code maxChars} characters (at least one). */
  synchronized List<Entry> after(long afterSeq, int maxChars) {
    List<Entry> batch = new ArrayList<>();
    int chars = 0;
    for (Entry e : entries) {
      if (e.seq() <= afterSeq) {
        continue;
      }
      if (!batch.isEmpty() && chars + e.data().length() > maxChars) {
        break;
      }
      batch.add(e);
      chars += e.data().length();
    }
    return batch;
  }

  /** Whether the output has ended and a reader after {@code afterSeq} has seen all of it. */
  synchronized boolean finishedAfter(long afterSeq) {
    return closed && afterSeq >= nextSeq - 1;
  }

  /** The seq of the last entry appended, 0 for none. */
  synchronized long lastSeq() {
    return nextSeq - 1;
  }

  /** Records that entries up to {@code last} were sent to a reader. */
  void delivered(Entry last) {
    synchronized (this) {
      if (last.seq() <= deliveredUpTo) {
        return;
      }
      deliveredUpTo = last.seq();
      deliveredChars = last.endChars();
      trim();
      notifyAll();
    }
  }

  void addListener(Runnable listener) {
    listeners.add(listener);
  }

  void removeListener(Runnable listener) {
    listeners.remove(listener);
  }

  private long undeliveredChars() {
    return totalChars - deliveredChars;
  }

  private void trim() {
    while (retainedChars > capacity
        && !entries.isEmpty()
        && entries.peekFirst().seq() <= deliveredUpTo) {
      retainedChars -= entries.removeFirst().data().length();
    }
  }

  private void notifyListeners() {
    listeners.forEach(Runnable::run);
  }
}
