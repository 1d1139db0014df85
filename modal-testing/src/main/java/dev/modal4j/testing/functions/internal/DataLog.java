package dev.modal4j.testing.functions.internal;

import dev.modal4j.proto.DataChunk;
import java.util.ArrayList;
import java.util.List;

/** The items a generator call has yielded (index 1-based) and its open streams. Call-locked. */
final class DataLog {
  private final List<DataChunk> chunks = new ArrayList<>();
  private final List<DataSubscriber> subscribers = new ArrayList<>();
  private boolean closed;

  long append(DataChunk.Builder chunk) {
    long index = chunks.size() + 1L;
    chunks.add(chunk.setIndex(index).build());
    return index;
  }

  long size() {
    return chunks.size();
  }

  /** Chunks with index greater than {@code afterIndex}, at most {@code max}. */
  List<DataChunk> after(long afterIndex, int max) {
    int from = (int) Math.min(afterIndex, chunks.size());
    int to = Math.min(chunks.size(), from + max);
    return new ArrayList<>(chunks.subList(from, to));
  }

  void close() {
    closed = true;
  }

  boolean isClosed() {
    return closed;
  }

  void subscribe(DataSubscriber s) {
    subscribers.add(s);
  }

  void unsubscribe(DataSubscriber s) {
    subscribers.remove(s);
  }

  List<DataSubscriber> subscribers() {
    return new ArrayList<>(subscribers);
  }
}
