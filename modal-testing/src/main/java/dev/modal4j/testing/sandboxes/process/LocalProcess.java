package dev.modal4j.testing.sandboxes.process;

import dev.modal4j.testing.sandboxes.backend.ExitStatus;
import dev.modal4j.testing.sandboxes.backend.RunningProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * One local process of a sandbox, the leader of a process group of its own ({@code setsid}), so a
 * signal reaches everything it started.
 *
 * <p>The JVM reports a process killed by signal n as exit code 128 + n, the same as a process that
 * exits with that code itself; both are reported as {@link ExitStatus#killed killed} by n (what a
 * shell reports too, and what Modal's SDKs turn into the same exit code either way).
 */
final class LocalProcess implements RunningProcess {
  private static final int MAX_SIGNAL = 64;

  private final Process process;
  private final CompletableFuture<ExitStatus> exit;

  LocalProcess(Process process) {
    this.process = process;
    this.exit = process.onExit().thenApply(p -> status(p.exitValue()));
  }

  private static ExitStatus status(int value) {
    if (value > 128 && value <= 128 + MAX_SIGNAL) {
      return ExitStatus.killed(value - 128);
    }
    return ExitStatus.exited(value);
  }

  long pid() {
    return process.pid();
  }

  @Override
  public OutputStream stdin() {
    return process.getOutputStream();
  }

  @Override
  public InputStream stdout() {
    return process.getInputStream();
  }

  @Override
  public InputStream stderr() {
    return process.getErrorStream();
  }

  @Override
  public CompletableFuture<ExitStatus> exit() {
    return exit;
  }

  @Override
  public void kill(int signal) {
    if (!process.isAlive()) {
      return;
    }
    // The whole group: the process, its children, and (under bubblewrap) the namespace's init.
    signalGroup(signal);
    if (signal == 9) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }

  private void signalGroup(int signal) {
    try {
      Process kill =
          new ProcessBuilder("kill", "-" + signal, "--", "-" + process.pid())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      kill.waitFor(5, TimeUnit.SECONDS);
    } catch (IOException e) {
      if (signal == 15) {
        process.destroy();
      } else {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Kills the group and waits (up to five seconds in all) until the process has been reaped and
   * every process it had started is gone too, so what they held (a listening port, an open file) is
   * free when this returns. A signal is delivered asynchronously: without the wait for the
   * descendants, a grandchild could still hold its port after the leader has been reaped.
   */
  void killAndWait() {
    List<ProcessHandle> started = process.descendants().collect(Collectors.toList());
    kill(9);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    try {
      process.waitFor(5, TimeUnit.SECONDS);
      for (ProcessHandle child : started) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return;
        }
        child.destroyForcibly();
        child.onExit().get(left, TimeUnit.NANOSECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // gave up waiting: the deadline passed, or the JVM could not watch that process
    }
  }
}
