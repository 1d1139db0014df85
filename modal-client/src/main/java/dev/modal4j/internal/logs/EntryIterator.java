package dev.modal4j.internal.logs;

import dev.modal4j.logs.LogEntry;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * An iterator of log entries filled batch by batch on the caller's thread; closing it (or reaching
 * its end, or a failure) cancels what it has in flight.
 */
abstract class EntryIterator implements Iterator<LogEntry>, AutoCloseable {
  protected final InFlight inFlight = new InFlight();
  private final ArrayDeque<LogEntry> buffer = new ArrayDeque<>();
  private boolean exhausted;

  /**
   * Adds the next entries to {@code out}; returns false once there are no more. May add none and
   * return true (called again).
   */
  protected abstract boolean refill(ArrayDeque<LogEntry> out);

  /** Releases what a subclass holds besides the tracked RPCs (timers, streams). */
  protected void release() {}

  @Override
  public final boolean hasNext() {
    while (buffer.isEmpty() && !exhausted) {
      if (inFlight.closed()) {
        exhausted = true;
        break;
      }
      boolean more;
      try {
        more = refill(buffer);
      } catch (RuntimeException | Error e) {
        close();
        throw e;
      }
      if (!more) {
        exhausted = true;
        closeQuietly();
      }
    }
    return !buffer.isEmpty();
  }

  @Override
  public final LogEntry next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return buffer.removeFirst();
  }

  @Override
  public final void close() {
    exhausted = true;
    buffer.clear();
    closeQuietly();
  }

  private void closeQuietly() {
    inFlight.cancelAll();
    release();
  }

  /** A sequential stream over {@code it} that closes it when the stream is closed. */
  static Stream<LogEntry> stream(EntryIterator it) {
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL),
            false)
        .onClose(it::close);
  }
}
