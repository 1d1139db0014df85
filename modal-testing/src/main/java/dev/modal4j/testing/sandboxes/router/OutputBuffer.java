package dev.modal4j.testing.sandboxes.router;

import com.google.protobuf.ByteString;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One output stream of an exec (stdout or stderr), addressed by byte offset from the start of the
 * stream. It keeps at most {@code capacity} bytes: a producer that would exceed it first drops the
 * oldest bytes that every reader is known to be past (the floor), then blocks until readers move
 * on, so the process itself is held up rather than memory filled. Bytes are retained as long as
 * there is room, so a reader that reconnects from an earlier offset than it was sent usually finds
 * them still there.
 *
 * <p>Readers never block: {@link #read} either returns data, says the stream has ended, or
 * registers a callback run once more data (or the end) arrives.
 */
final class OutputBuffer {
  /** What {@link #read} found. */
  sealed interface Read permits Data, End, Later, Few, Gone {}

  /** Bytes from the asked offset. */
  record Data(ByteString bytes) implements Read {}

  /** The stream has ended at the asked offset (or before it). */
  record End() implements Read {}

  /** Nothing yet; the callback will run when there is. */
  record Later() implements Read {}

  /** Fewer bytes than asked for at least, while more may come; the callback is registered. */
  record Few(long available) implements Read {}

  /** The asked offset is below the oldest byte still kept. */
  record Gone(long oldest) implements Read {}

  private record Chunk(long start, ByteString bytes) {
    long end() {
      return start + bytes.size();
    }
  }

  private static final End END = new End();
  private static final Later LATER = new Later();

  private final long capacity;
  private final ArrayDeque<Chunk> chunks = new ArrayDeque<>();
  private final Map<Object, Long> readers = new HashMap<>();
  private final Set<Runnable> waiting = new LinkedHashSet<>();
  private final boolean discard;
  private long start;
  private long end;
  private long held;
  private long highest;
  private int writers;
  private boolean aborted;

  /**
   * A buffer fed by {@code writers} producers (each calls {@link #close()} once); a discarding
   * buffer drops everything and reads as empty.
   */
  OutputBuffer(long capacity, int writers, boolean discard) {
    this.capacity = capacity;
    this.writers = writers;
    this.discard = discard;
  }

  /**
   * Appends bytes, blocking while the buffer is full.
   *
   * @throws InterruptedException if interrupted or the buffer was aborted while waiting
   */
  void append(ByteString bytes) throws InterruptedException {
    if (bytes.isEmpty()) {
      return;
    }
    List<Runnable> wake;
    synchronized (this) {
      if (discard) {
        end += bytes.size();
        return;
      }
      while (held > 0 && held + bytes.size() > capacity) {
        dropBelowFloor();
        if (held > 0 && held + bytes.size() > capacity) {
          if (aborted) {
            throw new InterruptedException("output buffer aborted");
          }
          wait();
        }
      }
      chunks.add(new Chunk(end, bytes));
      end += bytes.size();
      held += bytes.size();
      wake = takeWaiting();
    }
    wake.forEach(Runnable::run);
  }

  /** One producer has finished; when all have, readers see the end. */
  void close() {
    List<Runnable> wake;
    synchronized (this) {
      writers = Math.max(0, writers - 1);
      wake = takeWaiting();
    }
    wake.forEach(Runnable::run);
  }

  /** Stops the buffer: producers waiting for room give up; readers are woken. */
  void abort() {
    List<Runnable> wake;
    synchronized (this) {
      aborted = true;
      writers = 0;
      notifyAll();
      wake = takeWaiting();
    }
    wake.forEach(Runnable::run);
  }

  /**
   * Up to {@code max} bytes from {@code offset}; or the end; or {@link Later} after registering
   * {@code whenMore}, which runs once (on the producer's thread) when bytes or the end arrive.
   */
  synchronized Read read(long offset, int max, Runnable whenMore) {
    return read(offset, max, 0, whenMore);
  }

  /**
   * As {@link #read(long, int, Runnable)}, but while producers are still writing, fewer than {@code
   * atLeast} bytes are not returned: the answer is then {@link Few} and {@code whenMore} is
   * registered (so a reader can gather small writes into one message).
   */
  synchronized Read read(long offset, int max, int atLeast, Runnable whenMore) {
    if (discard) {
      return END;
    }
    if (offset < start) {
      return new Gone(start);
    }
    if (offset < end && (end - offset >= Math.min(atLeast, max) || writers == 0)) {
      return new Data(collect(offset, max));
    }
    if (writers == 0) {
      return END;
    }
    waiting.add(whenMore);
    return offset < end ? new Few(end - offset) : LATER;
  }

  private ByteString collect(long offset, int max) {
    ByteString out = ByteString.EMPTY;
    for (Chunk chunk : chunks) {
      if (chunk.end() <= offset) {
        continue;
      }
      int from = (int) (offset + out.size() - chunk.start());
      int take = Math.min(chunk.bytes().size() - from, max - out.size());
      out = out.concat(chunk.bytes().substring(from, from + take));
      if (out.size() >= max) {
        break;
      }
    }
    return out;
  }

  /** Records where {@code reader} is: every byte below it has been handed to that reader. */
  synchronized void position(Object reader, long offset) {
    readers.put(reader, offset);
    highest = Math.max(highest, offset);
    notifyAll();
  }

  /** {@code reader} is gone; if it reached the end, everything it was sent may be dropped. */
  synchronized void leave(Object reader, boolean reachedEnd) {
    readers.remove(reader);
    waiting.remove(reader);
    if (reachedEnd) {
      dropBelowFloor();
    }
    notifyAll();
  }

  /** Bytes produced so far (including those already dropped). */
  synchronized long produced() {
    return end;
  }

  /** Bytes kept in memory now. */
  synchronized long held() {
    return held;
  }

  private long floor() {
    if (readers.isEmpty()) {
      return highest;
    }
    long min = Long.MAX_VALUE;
    for (long offset : readers.values()) {
      min = Math.min(min, offset);
    }
    return min;
  }

  private void dropBelowFloor() {
    long floor = floor();
    while (!chunks.isEmpty() && chunks.peekFirst().end() <= floor) {
      Chunk dropped = chunks.removeFirst();
      held -= dropped.bytes().size();
      start = dropped.end();
    }
  }

  private List<Runnable> takeWaiting() {
    if (waiting.isEmpty()) {
      return List.of();
    }
    List<Runnable> wake = List.copyOf(waiting);
    waiting.clear();
    return wake;
  }
}
