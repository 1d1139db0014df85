package dev.modal4j.testing.sandboxes.router;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusException;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The stdin of one exec, written at offsets: a write at an offset below what was already taken
 * skips the bytes taken before (a retry), EOF closes the process's stdin, a second EOF is ignored.
 */
final class ExecStdin {
  private final OutputStream stdin;
  private final Object writeLock = new Object();
  private final AtomicLong generation = new AtomicLong();
  private volatile long taken;
  private volatile boolean closed;

  ExecStdin(OutputStream stdin) {
    this.stdin = stdin;
  }

  /** Bytes taken so far. */
  long taken() {
    return taken;
  }

  /** Whether stdin has been closed. */
  boolean closed() {
    return closed;
  }

  /** The current stream generation; {@link #evict()} makes older ones stale. */
  long generation() {
    return generation.get();
  }

  /** Makes every stream opened before this call stale (TaskExecStdinStatus does this). */
  void evict() {
    generation.incrementAndGet();
  }

  /**
   * Writes {@code data} as the bytes from {@code offset} on, then closes stdin if {@code eof}.
   *
   * @throws StatusException INVALID_ARGUMENT for an offset past the bytes taken,
   *     FAILED_PRECONDITION for data after stdin was closed or once the process no longer reads it
   */
  void write(long offset, ByteString data, boolean eof) throws StatusException {
    synchronized (writeLock) {
      if (offset > taken) {
        throw Status.INVALID_ARGUMENT
            .withDescription("stdin offset " + offset + " is past the " + taken + " bytes written")
            .asException();
      }
      long skip = taken - offset;
      if (skip < data.size()) {
        if (closed) {
          throw Status.FAILED_PRECONDITION.withDescription("stdin is closed").asException();
        }
        ByteString fresh = data.substring((int) skip);
        try {
          fresh.writeTo(stdin);
          stdin.flush();
        } catch (IOException e) {
          throw Status.FAILED_PRECONDITION
              .withDescription("the process no longer reads stdin: " + e.getMessage())
              .asException();
        }
        taken += fresh.size();
      }
      if (eof && !closed) {
        closed = true;
        closeQuietly();
      }
    }
  }

  /** Closes stdin without reporting errors (the process may have exited). */
  void closeQuietly() {
    try {
      stdin.close();
    } catch (IOException e) {
      // the process has gone; nothing to close
    }
  }
}
