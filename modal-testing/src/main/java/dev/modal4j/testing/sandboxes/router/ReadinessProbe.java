package dev.modal4j.testing.sandboxes.router;

import dev.modal4j.proto.Probe;
import dev.modal4j.testing.sandboxes.SandboxTask;
import dev.modal4j.testing.sandboxes.backend.ExecSpec;
import dev.modal4j.testing.sandboxes.backend.ExitStatus;
import dev.modal4j.testing.sandboxes.backend.RunningProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One attempt of a sandbox's readiness probe: a TCP connection to the port (on the host port the
 * backend maps it to) that is accepted, or the probe command exiting 0. Blocking; bounded by the
 * time given.
 */
final class ReadinessProbe {
  /** Modal's default interval between attempts. */
  static final int DEFAULT_INTERVAL_MS = 100;

  private ReadinessProbe() {}

  static long intervalMillis(Probe probe) {
    return probe.hasIntervalMs() && probe.getIntervalMs() > 0
        ? probe.getIntervalMs()
        : DEFAULT_INTERVAL_MS;
  }

  /** Whether the probe passes now; waits at most {@code budgetMillis} for it. */
  static boolean passes(SandboxTask task, Probe probe, long budgetMillis, Executor executor) {
    long budget = Math.max(1, budgetMillis);
    return switch (probe.getProbeOneofCase()) {
      case TCP_PORT -> tcp(task, probe.getTcpPort(), budget, executor);
      case EXEC_COMMAND -> exec(task, probe.getExecCommand(), budget, executor);
      case PROBEONEOF_NOT_SET -> true;
    };
  }

  private static boolean tcp(SandboxTask task, int port, long budget, Executor executor) {
    if (!task.runtime().sharesHostNetwork()) {
      // From the host, a published port accepts as soon as the engine's proxy does, whether or not
      // anything listens inside: ask inside the sandbox (python3, else busybox nc).
      String connect =
          "command -v python3 >/dev/null 2>&1 && exec python3 -c 'import socket,sys;"
              + " socket.create_connection((\"127.0.0.1\", int(sys.argv[1])), 1)' \"$0\";"
              + " exec nc -z -w 1 127.0.0.1 \"$0\"";
      return exec(
          task,
          Probe.ExecCommand.newBuilder()
              .addArgv("sh")
              .addArgv("-c")
              .addArgv(connect)
              .addArgv(Integer.toString(port))
              .build(),
          budget,
          executor);
    }
    Optional<Integer> hostPort = task.runtime().hostPort(port);
    if (hostPort.isEmpty()) {
      return false;
    }
    try (Socket socket = new Socket()) {
      socket.connect(
          new InetSocketAddress("127.0.0.1", hostPort.get()), (int) Math.min(budget, 1000));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean exec(
      SandboxTask task, Probe.ExecCommand command, long budget, Executor executor) {
    if (command.getArgvCount() == 0) {
      return false;
    }
    RunningProcess process;
    try {
      process =
          task.runtime()
              .exec(new ExecSpec(command.getArgvList(), Map.of(), Optional.empty(), false));
    } catch (IOException e) {
      return false;
    }
    try (OutputStream stdin = process.stdin()) {
      // the probe gets no input
    } catch (IOException e) {
      // it may have exited already
    }
    CompletableFuture.runAsync(() -> drain(process.stderr()), executor);
    CompletableFuture.runAsync(() -> drain(process.stdout()), executor);
    try {
      ExitStatus status = process.exit().get(budget, TimeUnit.MILLISECONDS);
      return !status.signalled() && status.code() == 0;
    } catch (TimeoutException e) {
      process.kill(9);
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.kill(9);
      return false;
    } catch (java.util.concurrent.ExecutionException e) {
      return false;
    }
  }

  private static void drain(InputStream in) {
    try (in) {
      in.transferTo(OutputStream.nullOutputStream());
    } catch (IOException e) {
      // the process has gone
    }
  }
}
