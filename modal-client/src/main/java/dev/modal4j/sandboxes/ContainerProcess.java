package dev.modal4j.sandboxes;

import dev.modal4j.ExecTimeoutException;
import dev.modal4j.ModalException;
import dev.modal4j.internal.CallerFutures;
import dev.modal4j.internal.ClientContext;
import dev.modal4j.internal.Futures;
import dev.modal4j.internal.sandbox.ByteSource;
import dev.modal4j.internal.sandbox.ExecInput;
import dev.modal4j.internal.sandbox.ExecOutput;
import dev.modal4j.internal.sandbox.RouterClient;
import dev.modal4j.internal.sandbox.RouterPolicy;
import dev.modal4j.proto.router.TaskCommandRouterGrpc;
import dev.modal4j.proto.router.TaskExecPollRequest;
import dev.modal4j.proto.router.TaskExecWaitRequest;
import dev.modal4j.proto.router.TaskExecWaitResponse;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * A command running in a sandbox, from {@link Sandbox#exec(List, ExecParams)}: its stdin, its
 * stdout and stderr as they are produced, and its exit code (its own, or 128 + the signal that
 * ended it).
 *
 * <pre>{@code
 * ContainerProcess p = sb.exec(List.of("sh", "-c", "cat; echo done >&2"));
 * try (OutputStream in = p.stdin()) {
 *   in.write("hi\n".getBytes(StandardCharsets.UTF_8));
 * }
 * String out = p.stdout().readText();   // "hi\n"
 * int code = p.waitFor();               // 0
 * }</pre>
 *
 * <p>With a timeout ({@link ExecParams.Builder#timeout}), Modal ends the command after it, and
 * waits and reads that outlast it fail with {@link ExecTimeoutException}.
 */
public final class ContainerProcess {
  private static final Duration WAIT_ATTEMPT = Duration.ofSeconds(60);

  private final ClientContext context;
  private final RouterClient router;
  private final String sandboxId;
  private final String execId;
  private final List<String> command;
  private final ExecParams params;
  private final long deadlineNanos;
  private final Supplier<ModalException> onDeadline;
  private OutputStream stdin;
  private SandboxInputStream stdout;
  private SandboxInputStream stderr;

  ContainerProcess(
      ClientContext context,
      RouterClient router,
      String sandboxId,
      String execId,
      List<String> command,
      ExecParams params,
      long deadlineNanos) {
    this.context = context;
    this.router = router;
    this.sandboxId = sandboxId;
    this.execId = execId;
    this.command = command;
    this.params = params;
    this.deadlineNanos = deadlineNanos;
    this.onDeadline =
        () ->
            new ExecTimeoutException(
                "Command "
                    + command
                    + " in sandbox "
                    + sandboxId
                    + " did not finish within its timeout of "
                    + params.timeout().map(Duration::toString).orElse("?"));
  }

  /** The command router the command runs behind (for the SDK's own use). */
  RouterClient router() {
    return router;
  }

  /** The id Modal knows this command by. */
  public String execId() {
    return execId;
  }

  /**
   * The command's stdin: every write is sent at once; {@code close()} sends end-of-file. The same
   * stream on every call.
   */
  public synchronized OutputStream stdin() {
    if (stdin == null) {
      stdin = new ExecInput(router, execId);
    }
    return stdin;
  }

  /** The command's stdout (empty when ignored; with a PTY, stderr too). The same on every call. */
  public synchronized SandboxInputStream stdout() {
    if (stdout == null) {
      stdout = stream(params.stdout(), false);
    }
    return stdout;
  }

  /** The command's stderr (empty when ignored or with a PTY). The same on every call. */
  public synchronized SandboxInputStream stderr() {
    if (stderr == null) {
      stderr = stream(params.stderr(), true);
    }
    return stderr;
  }

  private SandboxInputStream stream(StdioMode mode, boolean isStderr) {
    ByteSource source =
        mode == StdioMode.IGNORE
            ? ByteSource.empty()
            : new ExecOutput(router, execId, isStderr, deadlineNanos, onDeadline);
    return new SandboxInputStream(source, params.mode() == StreamMode.TEXT);
  }

  /**
   * Waits for the command to finish.
   *
   * @return its exit code, or 128 + the signal that ended it
   * @throws ExecTimeoutException if its timeout passes first
   * @throws dev.modal4j.ClientClosedException if the sandbox handle was detached
   */
  public int waitFor() {
    return Futures.join(waitForAsync());
  }

  /** The async form of {@link #waitFor()}. */
  public CompletableFuture<Integer> waitForAsync() {
    RouterPolicy policy =
        new RouterPolicy(
            Duration.ofSeconds(1),
            1,
            RouterPolicy.UNLIMITED,
            WAIT_ATTEMPT,
            deadlineNanos,
            onDeadline);
    CompletableFuture<TaskExecWaitResponse> rpc =
        router.unary(
            TaskCommandRouterGrpc.getTaskExecWaitMethod(),
            TaskExecWaitRequest.newBuilder().setTaskId(router.taskId()).setExecId(execId).build(),
            policy);
    return CallerFutures.hand(
        context,
        rpc.thenApply(
            r -> ExitCodes.finished(r.hasCode(), r.getCode(), r.hasSignal(), r.getSignal())));
  }

  /**
   * The exit code if the command has finished, without waiting.
   *
   * @return the exit code (or 128 + signal), or empty while it runs
   */
  public OptionalInt poll() {
    return Futures.join(pollAsync());
  }

  /** The async form of {@link #poll()}. */
  public CompletableFuture<OptionalInt> pollAsync() {
    RouterPolicy policy = RouterPolicy.DEFAULT;
    return CallerFutures.hand(
        context,
        router
            .unary(
                TaskCommandRouterGrpc.getTaskExecPollMethod(),
                TaskExecPollRequest.newBuilder()
                    .setTaskId(router.taskId())
                    .setExecId(execId)
                    .build(),
                policy)
            .thenApply(
                r -> ExitCodes.ofExec(r.hasCode(), r.getCode(), r.hasSignal(), r.getSignal())));
  }

  @Override
  public String toString() {
    return "ContainerProcess{" + execId + " in " + sandboxId + ", command=" + command + "}";
  }
}
