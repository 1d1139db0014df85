package dev.modal4j.testing.sandboxes;

import com.google.protobuf.ByteString;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One output stream (stdout or stderr) of a V2 sandbox's entrypoint, addressed by byte offset, as
 * the command router's SandboxStdioReadV2 serves it.
 *
 * <p>It keeps the most recent {@code capacity} bytes. While no reader is attached, older bytes are
 * dropped as new ones arrive and the process never waits; a reader that then asks for a dropped
 * offset is given the oldest byte kept, with its offset. While readers are attached, the producer
 * waits (so the process is held) rather than drop a byte an attached reader has not been sent, and
 * at most {@code capacity} bytes wait for the slowest reader. Thread-safe; readers never block.
 */
public final class EntrypointOutput {
  /** What {@link #read} found. */
  public sealed interface Read permits Data, End, Later {}

  /**
   * Bytes starting at offset {@code start} (the asked offset, or the oldest kept if it was older).
   *
   * @param start the offset of the first byte
   * @param bytes the bytes, never empty
   */
  public record Data(long start, ByteString bytes) implements Read {}

  /** The output has ended and the reader has everything. */
  public record End() implements Read {}

  /** Nothing yet; the callback runs once when bytes or the end arrive. */
  public record Later() implements Read {}

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
  private long start;
  private long end;
  private boolean closed;

  /** A stream that keeps up to {@code capacity} bytes. */
  public EntrypointOutput(long capacity) {
    this.capacity = capacity;
  }

  /**
   * Appends output, waiting while an attached reader would fall more than the capacity behind.
   *
   * @throws InterruptedException if interrupted while waiting
   */
  public void append(ByteString bytes) throws InterruptedException {
    if (bytes.isEmpty()) {
      return;
    }
    List<Runnable> wake;
    synchronized (this) {
      while (!closed
          && !readers.isEmpty()
          && end > slowest()
          && end + bytes.size() - slowest() > capacity) {
        wait();
      }
      if (closed) {
        return;
      }
      chunks.addLast(new Chunk(end, bytes));
      end += bytes.size();
      trim();
      wake = takeWaiting();
    }
    wake.forEach(Runnable::run);
  }

  /** Ends the output (the process closed the stream, or the sandbox ended); readers see the end. */
  public void close() {
    List<Runnable> wake;
    synchronized (this) {
      closed = true;
      notifyAll();
      wake = takeWaiting();
    }
    wake.forEach(Runnable::run);
  }

  /**
   * Up to {@code max} bytes from {@code offset} (or from the oldest byte kept, if that is later);
   * or the end; or {@link Later} after registering {@code whenMore}.
   */
  public synchronized Read read(long offset, int max, Runnable whenMore) {
    long from = Math.max(offset, start);
    if (from < end) {
      return new Data(from, collect(from, max));
    }
    if (closed) {
      return END;
    }
    waiting.add(whenMore);
    return LATER;
  }

  /** Records that {@code reader} has been sent every byte below {@code offset}. */
  public synchronized void position(Object reader, long offset) {
    readers.put(reader, offset);
    notifyAll();
  }

  /** {@code reader} has gone. */
  public synchronized void leave(Object reader, Runnable whenMore) {
    readers.remove(reader);
    waiting.remove(whenMore);
    trim();
    notifyAll();
  }

  /** Bytes produced so far, dropped ones included. */
  public synchronized long produced() {
    return end;
  }

  /** The offset of the oldest byte kept. */
  public synchronized long oldest() {
    return start;
  }

  private long slowest() {
    long min = Long.MAX_VALUE;
    for (long offset : readers.values()) {
      min = Math.min(min, offset);
    }
    return min;
  }

  private void trim() {
    long floor = readers.isEmpty() ? Long.MAX_VALUE : slowest();
    while (end - start > capacity
        && !chunks.isEmpty()
        && chunks.peekFirst().end() <= floor
        && chunks.size() > 1) {
      start = chunks.removeFirst().end();
    }
    if (chunks.size() == 1 && end - start > capacity && floor >= end) {
      // one chunk larger than the capacity: keep its last capacity bytes
      Chunk only = chunks.removeFirst();
      int cut = (int) (only.bytes().size() - capacity);
      chunks.addFirst(new Chunk(only.start() + cut, only.bytes().substring(cut)));
      start = only.start() + cut;
    }
  }

  private ByteString collect(long offset, int max) {
    ByteString out = ByteString.EMPTY;
    for (Chunk chunk : chunks) {
      if (chunk.end() <= offset + out.size()) {
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

  private List<Runnable> takeWaiting() {
    if (waiting.isEmpty()) {
      return List.of();
    }
    List<Runnable> wake = List.copyOf(waiting);
    waiting.clear();
    return wake;
  }
}
