package dev.modal4j.testing.sandboxes;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * A V2 sandbox entrypoint's stdin as SandboxStdinWriteV2 feeds it: each write says at which byte
 * offset its data begins. Bytes below what was already accepted are skipped (a retried write), an
 * offset past it is refused, {@code eof} closes the process's stdin, and a second eof is ignored.
 * Bytes reach the process in order, one write at a time on the worker pool; bytes for a process
 * that has gone are dropped, as nobody can read them.
 */
public final class EntrypointStdin {
  private final CompletableFuture<Optional<OutputStream>> target;
  private final Executor executor;
  private long accepted;
  private boolean closed;
  private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);

  /** {@code target} completes with the process's stdin once it runs (empty: no entrypoint). */
  EntrypointStdin(CompletableFuture<Optional<OutputStream>> target, Executor executor) {
    this.target = target;
    this.executor = executor;
  }

  /**
   * Accepts {@code data} as the bytes from {@code offset} on, then closes stdin if {@code eof}.
   *
   * @return completes once the bytes (and every earlier write's) have been handed to the process
   * @throws io.grpc.StatusRuntimeException INVALID_ARGUMENT for an offset past the bytes accepted,
   *     FAILED_PRECONDITION for new bytes after stdin was closed
   */
  public synchronized CompletableFuture<Void> write(long offset, ByteString data, boolean eof) {
    if (offset < 0 || offset > accepted) {
      throw Status.INVALID_ARGUMENT
          .withDescription(
              "stdin offset " + offset + " is not within the " + accepted + " bytes written")
          .asRuntimeException();
    }
    long skip = accepted - offset;
    ByteString fresh = skip >= data.size() ? ByteString.EMPTY : data.substring((int) skip);
    if (!fresh.isEmpty() && closed) {
      throw Status.FAILED_PRECONDITION
          .withDescription("stdin of the sandbox is already closed")
          .asRuntimeException();
    }
    boolean closeNow = eof && !closed;
    accepted += fresh.size();
    closed |= eof;
    if (fresh.isEmpty() && !closeNow) {
      return tail;
    }
    tail =
        tail.thenCompose(v -> target)
            .thenAcceptAsync(stdin -> stdin.ifPresent(os -> apply(os, fresh, closeNow)), executor);
    return tail;
  }

  /** Bytes accepted so far. */
  public synchronized long accepted() {
    return accepted;
  }

  private static void apply(OutputStream stdin, ByteString data, boolean close) {
    try {
      if (!data.isEmpty()) {
        data.writeTo(stdin);
        stdin.flush();
      }
      if (close) {
        stdin.close();
      }
    } catch (IOException e) {
      // the process has ended; its stdin goes nowhere
    }
  }
}
