package dev.modal4j.testing.sandboxes.backend;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;

/**
 * A process in a sandbox: the entrypoint or an exec. Its streams are raw bytes as the process
 * writes and reads them; the emulator reads {@link #stdout()} and {@link #stderr()} to their end (a
 * backend may block the process while they are not read: that is the back-pressure) and closes
 * {@link #stdin()} for EOF.
 */
public interface RunningProcess {

  /** The process's standard input; closing it sends EOF. */
  OutputStream stdin();

  /** The process's standard output, ending when the process (and its children) close it. */
  InputStream stdout();

  /** The process's standard error; empty at once for a PTY process (stderr goes to stdout). */
  InputStream stderr();

  /** Completes with the exit status when the process has ended; never completes exceptionally. */
  CompletableFuture<ExitStatus> exit();

  /** Sends {@code signal} (9 = SIGKILL, 15 = SIGTERM) to the process; a no-op once it has ended. */
  void kill(int signal);
}
