package dev.modal4j.testing.sandboxes.router;

import dev.modal4j.proto.router.TaskExecStartRequest;
import dev.modal4j.testing.sandboxes.SandboxTask;
import dev.modal4j.testing.sandboxes.SecretSources;
import dev.modal4j.testing.sandboxes.TaskDirectory;
import dev.modal4j.testing.sandboxes.backend.ExecSpec;
import dev.modal4j.testing.sandboxes.backend.RunningProcess;
import dev.modal4j.testing.sandboxes.backend.SandboxRuntime;
import io.grpc.Status;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** Checks a TaskExecStartRequest and starts its command in the task's sandbox. */
final class ExecStarter {
  /** Modal's limit on the total length of an exec's arguments, in bytes. */
  static final int MAX_ARGS_BYTES = 1 << 16;

  /** The signal Modal ends an exec with when its timeout passes. */
  static final int TIMEOUT_SIGNAL = 9;

  /**
   * The filesystem tool Modal's SDKs exec (protocol/resources.md §5.12). Its output is spooled to
   * disk ({@link OutputSpool}): the SDKs wait for its exit before they read it.
   */
  static final String FS_TOOL = "/__modal/.bin/modal-sandbox-fs-tools";

  private final ScheduledExecutorService timer;
  private final Executor executor;
  private final TaskDirectory tasks;

  ExecStarter(ScheduledExecutorService timer, Executor executor, TaskDirectory tasks) {
    this.timer = timer;
    this.executor = executor;
    this.tasks = tasks;
  }

  /**
   * Where the exec runs: the main container, or the sidecar its {@code container_id} names
   * (NOT_FOUND for one the task does not have, FAILED_PRECONDITION for one that has ended).
   */
  private SandboxRuntime runtime(SandboxTask task, TaskExecStartRequest request) {
    if (request.getContainerId().isEmpty()) {
      return task.runtime();
    }
    return tasks
        .containers(task.taskId())
        .orElseThrow(
            () ->
                Status.NOT_FOUND
                    .withDescription(
                        "container " + request.getContainerId() + " not found in the task")
                    .asRuntimeException())
        .runtime(request.getContainerId());
  }

  /**
   * Refuses a request Modal's router refuses.
   *
   * @throws io.grpc.StatusRuntimeException INVALID_ARGUMENT naming what is wrong
   */
  static void validate(TaskExecStartRequest request) {
    if (request.getExecId().isEmpty()) {
      throw invalid("exec_id is required");
    }
    if (request.getCommandArgsCount() == 0) {
      throw invalid("command_args must not be empty");
    }
    long bytes = 0;
    for (String arg : request.getCommandArgsList()) {
      bytes += arg.getBytes(StandardCharsets.UTF_8).length;
    }
    if (bytes > MAX_ARGS_BYTES) {
      throw invalid(
          "total length of command_args must be at most "
              + MAX_ARGS_BYTES
              + " bytes, got "
              + bytes);
    }
    if (request.hasWorkdir() && !request.getWorkdir().startsWith("/")) {
      throw invalid("workdir must be an absolute path, got " + request.getWorkdir());
    }
  }

  /**
   * Starts the command: the secrets' variables, then {@code env}, over the sandbox's environment;
   * the workdir; a PTY if asked; a kill after {@code timeout_secs}.
   */
  Exec start(SandboxTask task, TaskExecStartRequest request) {
    Map<String, String> env = new LinkedHashMap<>(task.secretEnv(request.getSecretIdsList()));
    env.putAll(SecretSources.env(request, SecretSources.EXEC_START_FIELD, task::secretEnv));
    env.putAll(request.getEnvMap());
    boolean pty = request.hasPtyInfo() && request.getPtyInfo().getEnabled();
    if (pty && !request.getPtyInfo().getEnvTerm().isEmpty()) {
      env.putIfAbsent("TERM", request.getPtyInfo().getEnvTerm());
    }
    ExecSpec spec =
        new ExecSpec(
            request.getCommandArgsList(),
            env,
            request.hasWorkdir() ? Optional.of(request.getWorkdir()) : Optional.empty(),
            pty);
    RunningProcess process;
    try {
      process = runtime(task, request).exec(spec);
    } catch (IOException e) {
      throw Status.FAILED_PRECONDITION
          .withDescription("cannot start " + request.getCommandArgs(0) + ": " + e.getMessage())
          .asRuntimeException();
    }
    Exec exec =
        new Exec(
            request.getExecId(),
            process,
            request.getStdoutConfig(),
            request.getStderrConfig(),
            executor,
            request.getCommandArgs(0).equals(FS_TOOL));
    if (request.hasTimeoutSecs() && request.getTimeoutSecs() > 0) {
      ScheduledFuture<?> kill =
          timer.schedule(
              () -> executor.execute(() -> exec.kill(TIMEOUT_SIGNAL)),
              request.getTimeoutSecs(),
              TimeUnit.SECONDS);
      exec.exit().whenComplete((status, e) -> kill.cancel(false));
    }
    return exec;
  }

  private static io.grpc.StatusRuntimeException invalid(String message) {
    return Status.INVALID_ARGUMENT.withDescription(message).asRuntimeException();
  }
}
