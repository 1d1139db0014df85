package dev.modal4j.testing.sandboxes;

import io.grpc.Status;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The entrypoint's stdin as SandboxStdinWrite feeds it: writes are numbered from 1 and applied in
 * index order (a duplicate index is ignored, a later one waits for the gap to fill), one at a time
 * on the worker pool; the eof write closes the process's stdin. Output to a process that has gone
 * is dropped, as nobody can read it.
 */
final class StdinFeed {
  private record Chunk(byte[] data, boolean eof) {}

  private final Executor executor;
  private final CompletableFuture<Optional<OutputStream>> target;
  private final TreeMap<Long, Chunk> pending = new TreeMap<>();
  private long nextIndex = 1;
  private boolean closed;
  private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);

  /** {@code target} completes with the process's stdin once it runs (empty: no entrypoint). */
  StdinFeed(CompletableFuture<Optional<OutputStream>> target, Executor executor) {
    this.target = target;
    this.executor = executor;
  }

  /**
   * Accepts write {@code index}; the future completes once it (and every write before it) has been
   * handed to the process, or at once for a duplicate or a write that waits for a gap.
   */
  synchronized CompletableFuture<Void> write(long index, byte[] data, boolean eof) {
    if (index < 1) {
      throw Status.INVALID_ARGUMENT
          .withDescription("stdin write index must start at 1, got " + index)
          .asRuntimeException();
    }
    if (index < nextIndex || pending.containsKey(index)) {
      return CompletableFuture.completedFuture(null);
    }
    if (closed) {
      throw Status.FAILED_PRECONDITION
          .withDescription("stdin of the sandbox is already closed")
          .asRuntimeException();
    }
    pending.put(index, new Chunk(data, eof));
    if (index != nextIndex) {
      return CompletableFuture.completedFuture(null);
    }
    while (!pending.isEmpty() && pending.firstKey() == nextIndex && !closed) {
      Chunk chunk = pending.pollFirstEntry().getValue();
      nextIndex++;
      closed = chunk.eof();
      tail = tail.thenCompose(v -> target).thenAcceptAsync(os -> apply(os, chunk), executor);
    }
    if (closed) {
      pending.clear();
    }
    return tail;
  }

  private static void apply(Optional<OutputStream> stdin, Chunk chunk) {
    if (stdin.isEmpty()) {
      return;
    }
    OutputStream os = stdin.get();
    try {
      if (chunk.data().length > 0) {
        os.write(chunk.data());
        os.flush();
      }
      if (chunk.eof()) {
        os.close();
      }
    } catch (IOException e) {
      // the process has ended; its stdin goes nowhere
    }
  }
}
