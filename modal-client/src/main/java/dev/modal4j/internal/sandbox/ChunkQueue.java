package dev.modal4j.internal.sandbox;

import com.google.protobuf.ByteString;
import dev.modal4j.ModalException;
import dev.modal4j.internal.CallerCopies;
import java.util.ArrayDeque;

/**
 * The chunks a stream has delivered and the reader has not taken yet, with the stream's end or
 * failure. The producer is told (through {@code onTake}) each time the reader takes one, to ask the
 * server for another: the read-ahead stays bounded by the credit it gives.
 */
final class ChunkQueue {
  private final ArrayDeque<ByteString> chunks = new ArrayDeque<>();
  private final Runnable onTake;
  private boolean ended;
  private ModalException error;

  ChunkQueue(Runnable onTake) {
    this.onTake = onTake;
  }

  synchronized void offer(ByteString chunk) {
    if (!ended) {
      chunks.add(chunk);
      notifyAll();
    }
  }

  synchronized int size() {
    return chunks.size();
  }

  /** Ends the output once the chunks already queued are taken. */
  synchronized void end() {
    ended = true;
    notifyAll();
  }

  /** Fails the output once the chunks already queued are taken. */
  synchronized void fail(ModalException e) {
    if (!ended) {
      error = e;
      ended = true;
      notifyAll();
    }
  }

  /** Drops what is queued and ends the output (the reader closed it). */
  synchronized void discard() {
    chunks.clear();
    error = null;
    ended = true;
    notifyAll();
  }

  ByteString take() {
    ByteString chunk;
    synchronized (this) {
      while (chunks.isEmpty() && !ended) {
        try {
          wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new ModalException("Interrupted while reading sandbox output", e);
        }
      }
      chunk = chunks.poll();
      if (chunk == null) {
        if (error != null) {
          throw CallerCopies.forCaller(error);
        }
        return null;
      }
    }
    onTake.run();
    return chunk;
  }
}
