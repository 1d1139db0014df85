package dev.modal4j.testing.sandboxes.router;

import com.google.protobuf.ByteString;
import dev.modal4j.proto.router.TaskExecStderrConfig;
import dev.modal4j.proto.router.TaskExecStdoutConfig;
import dev.modal4j.testing.sandboxes.backend.ExitStatus;
import dev.modal4j.testing.sandboxes.backend.RunningProcess;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One started command: its process, the buffers its stdout and stderr are pumped into (one thread
 * per piped stream, blocked while its buffer is full), and its stdin.
 */
final class Exec {
  private static final Logger log = LoggerFactory.getLogger(Exec.class);

  /** Bytes of one output stream kept in memory at most. */
  static final long BUFFER_BYTES = 8L * 1024 * 1024;

  private static final int READ_BYTES = 1024 * 1024;

  private final String execId;
  private final RunningProcess process;
  private final OutputBuffer stdout;
  private final OutputBuffer stderr;
  private final ExecStdin stdin;

  Exec(
      String execId,
      RunningProcess process,
      TaskExecStdoutConfig stdoutConfig,
      TaskExecStderrConfig stderrConfig,
      Executor pumps,
      boolean spool) {
    this.execId = execId;
    this.process = process;
    boolean merged = stderrConfig == TaskExecStderrConfig.TASK_EXEC_STDERR_CONFIG_STDOUT;
    this.stdout =
        new OutputBuffer(
            BUFFER_BYTES,
            merged ? 2 : 1,
            stdoutConfig != TaskExecStdoutConfig.TASK_EXEC_STDOUT_CONFIG_PIPE);
    this.stderr =
        merged
            ? new OutputBuffer(0, 0, true)
            : new OutputBuffer(
                BUFFER_BYTES, 1, stderrConfig != TaskExecStderrConfig.TASK_EXEC_STDERR_CONFIG_PIPE);
    this.stdin = new ExecStdin(process.stdin());
    OutputBuffer err = merged ? stdout : stderr;
    if (spool) {
      pumps.execute(() -> OutputSpool.pump(execId, process.stdout(), stdout, pumps));
      pumps.execute(() -> OutputSpool.pump(execId, process.stderr(), err, pumps));
    } else {
      pumps.execute(() -> pump(process.stdout(), stdout));
      pumps.execute(() -> pump(process.stderr(), err));
    }
  }

  private void pump(InputStream in, OutputBuffer into) {
    byte[] buf = new byte[READ_BYTES];
    try (in) {
      int n;
      while ((n = in.read(buf)) >= 0) {
        // Take what else the pipe already holds, so chunks are large and wake-ups few.
        int more;
        while (n < buf.length
            && in.available() > 0
            && (more = in.read(buf, n, buf.length - n)) > 0) {
          n += more;
        }
        into.append(ByteString.copyFrom(buf, 0, n));
      }
    } catch (IOException e) {
      log.debug("exec {}: output ended with {}", execId, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      into.close();
    }
  }

  String execId() {
    return execId;
  }

  OutputBuffer stdout() {
    return stdout;
  }

  OutputBuffer stderr() {
    return stderr;
  }

  ExecStdin stdin() {
    return stdin;
  }

  CompletableFuture<ExitStatus> exit() {
    return process.exit();
  }

  /** Sends {@code signal} to the process (9 for a timeout, as Modal does). */
  void kill(int signal) {
    process.kill(signal);
  }

  /** Kills the process and releases its buffers (the router is closing). */
  void close() {
    process.kill(9);
    stdin.closeQuietly();
    stdout.abort();
    stderr.abort();
  }
}
