package dev.modal4j.sandboxes;

import dev.modal4j.ClientClosedException;
import dev.modal4j.InvalidException;
import dev.modal4j.ModalException;
import dev.modal4j.internal.CallerFutures;
import dev.modal4j.internal.ClientContext;
import dev.modal4j.internal.Futures;
import dev.modal4j.internal.sandbox.RouterClient;
import dev.modal4j.internal.sandbox.RouterPolicy;
import dev.modal4j.proto.GenericResult;
import dev.modal4j.proto.GenericResult.GenericStatus;
import dev.modal4j.proto.router.TaskCommandRouterGrpc;
import dev.modal4j.proto.router.TaskContainerInfo;
import dev.modal4j.proto.router.TaskContainerTerminateRequest;
import dev.modal4j.proto.router.TaskContainerWaitRequest;
import dev.modal4j.proto.router.TaskReloadVolumesRequest;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;

/**
 * A sidecar container of a sandbox: run commands in it, wait for it, poll it, terminate it. Exit
 * codes are the main sandbox's: the command's code, 137 once terminated, 124 after a timeout.
 * Experimental, as in Modal's SDKs: the API may change. Thread-safe.
 */
public final class SidecarContainer {
  /** How long each TaskContainerWait parks on the server while waiting. */
  private static final float WAIT_POLL_SECONDS = 10;

  private static final Duration RELOAD_TIMEOUT = Duration.ofSeconds(55);

  private static final RouterPolicy WAIT_POLICY =
      new RouterPolicy(Duration.ofMillis(10), 2, 10, Duration.ofSeconds(30), Long.MAX_VALUE, null);

  private final ClientContext context;
  private final Sandbox sandbox;
  private final String containerId;
  private final String containerName;
  private volatile GenericResult result;
  private SandboxFilesystem filesystem;

  SidecarContainer(
      ClientContext context,
      Sandbox sandbox,
      String containerId,
      String containerName,
      GenericResult result) {
    this.context = context;
    this.sandbox = sandbox;
    this.containerId = containerId;
    this.containerName = containerName;
    this.result = result;
  }

  static SidecarContainer of(ClientContext context, Sandbox sandbox, TaskContainerInfo info) {
    return new SidecarContainer(
        context,
        sandbox,
        info.getContainerId(),
        info.getContainerName(),
        info.hasResult() ? info.getResult() : null);
  }

  /** The container's id ({@code ctr-...}). */
  public String containerId() {
    return containerId;
  }

  /** The container's name in its sandbox. */
  public String containerName() {
    return containerName;
  }

  /**
   * Runs {@code command} in this container with the default {@link ExecParams}.
   *
   * @throws InvalidException if the command is null, holds null, or is longer than 65536 bytes
   * @throws ClientClosedException if the sandbox's handle was detached
   */
  public ContainerProcess exec(List<String> command) {
    return Futures.join(execAsync(command, ExecParams.DEFAULT));
  }

  /**
   * Runs {@code command} in this container as {@code params} say; returns once it has started.
   *
   * @throws InvalidException if the command is null, holds null, or is longer than 65536 bytes, or
   *     {@code params} is null
   * @throws ClientClosedException if the sandbox's handle was detached
   */
  public ContainerProcess exec(List<String> command, ExecParams params) {
    return Futures.join(execAsync(command, params));
  }

  /** The async form of {@link #exec(List)}. */
  public CompletableFuture<ContainerProcess> execAsync(List<String> command) {
    return execAsync(command, ExecParams.DEFAULT);
  }

  /** The async form of {@link #exec(List, ExecParams)}. */
  public CompletableFuture<ContainerProcess> execAsync(List<String> command, ExecParams params) {
    return sandbox.execAsync(command, params, containerId);
  }

  /**
   * This sidecar's files (its own, not the main container's): read, write, list, stat, remove and
   * watch them through Modal's filesystem tool in the sidecar. The same object on every call.
   */
  public synchronized SandboxFilesystem filesystem() {
    if (filesystem == null) {
      filesystem = new SandboxFilesystem(sandbox, containerId);
    }
    return filesystem;
  }

  /**
   * Waits for the container to end.
   *
   * @return its command's exit code; 137 if it was terminated (or its sandbox ended)
   * @throws ClientClosedException if the sandbox's handle was detached
   */
  public int waitFor() {
    return Futures.join(waitForAsync());
  }

  /** The async form of {@link #waitFor()}. */
  public CompletableFuture<Integer> waitForAsync() {
    OptionalInt known = known();
    if (known.isPresent()) {
      return CompletableFuture.completedFuture(known.getAsInt());
    }
    return call(this::waitLoop);
  }

  private CompletableFuture<Integer> waitLoop(RouterClient router) {
    return containerWait(router, WAIT_POLL_SECONDS, WAIT_POLICY)
        .thenCompose(
            code ->
                code.isPresent()
                    ? CompletableFuture.completedFuture(code.getAsInt())
                    : waitLoop(router));
  }

  /**
   * The exit code if the container has ended, without waiting.
   *
   * @return the exit code (137 terminated), or empty while it runs
   * @throws ClientClosedException if the sandbox's handle was detached
   */
  public OptionalInt poll() {
    return Futures.join(pollAsync());
  }

  /** The async form of {@link #poll()}. */
  public CompletableFuture<OptionalInt> pollAsync() {
    OptionalInt known = known();
    if (known.isPresent()) {
      return CompletableFuture.completedFuture(known);
    }
    return call(r -> containerWait(r, 0, RouterPolicy.DEFAULT));
  }

  /**
   * Stops the container; nothing happens if it has ended already.
   *
   * @throws ClientClosedException if the sandbox's handle was detached
   */
  public void terminate() {
    Futures.join(terminateAsync(false));
  }

  /**
   * Stops the container; with {@code wait}, waits for it to end.
   *
   * @return the exit code when waited (137 for a terminated container, or the code it ended with
   *     before), else empty
   * @throws ClientClosedException if the sandbox's handle was detached
   */
  public OptionalInt terminate(boolean wait) {
    return Futures.join(terminateAsync(wait));
  }

  /** The async form of {@link #terminate(boolean)}. */
  public CompletableFuture<OptionalInt> terminateAsync(boolean wait) {
    return call(
        r ->
            r.unary(
                    TaskCommandRouterGrpc.getTaskContainerTerminateMethod(),
                    TaskContainerTerminateRequest.newBuilder()
                        .setTaskId(r.taskId())
                        .setContainerId(containerId)
                        .build(),
                    RouterPolicy.DEFAULT)
                .thenCompose(
                    done ->
                        wait
                            ? waitLoop(r).thenApply(OptionalInt::of)
                            : CompletableFuture.completedFuture(OptionalInt.empty())));
  }

  /**
   * Commits what the sidecar wrote to its mounted volumes, then makes it see their latest committed
   * state; until then a running sidecar does not see other containers' writes, nor they its own.
   * Both are done when this returns.
   *
   * @throws dev.modal4j.SandboxTimeoutException if the reload does not finish within 55 s
   * @throws ClientClosedException if the sandbox's handle was detached
   */
  public void reloadVolumes() {
    Futures.join(reloadVolumesAsync());
  }

  /** The async form of {@link #reloadVolumes()}. */
  public CompletableFuture<Void> reloadVolumesAsync() {
    long deadline = System.nanoTime() + RELOAD_TIMEOUT.toNanos();
    RouterPolicy policy =
        RouterPolicy.DEFAULT.withDeadline(
            deadline,
            () ->
                new dev.modal4j.SandboxTimeoutException(
                    "Reloading the volumes of sidecar " + containerId + " timed out"));
    return call(
        r ->
            r.unary(
                    TaskCommandRouterGrpc.getTaskReloadVolumesMethod(),
                    TaskReloadVolumesRequest.newBuilder()
                        .setTaskId(r.taskId())
                        .setContainerId(containerId)
                        .build(),
                    policy)
                .thenApply(done -> (Void) null));
  }

  /** One TaskContainerWait; remembers a final result. */
  private CompletableFuture<OptionalInt> containerWait(
      RouterClient router, float seconds, RouterPolicy policy) {
    return router
        .unary(
            TaskCommandRouterGrpc.getTaskContainerWaitMethod(),
            TaskContainerWaitRequest.newBuilder()
                .setTaskId(router.taskId())
                .setContainerId(containerId)
                .setTimeout(seconds)
                .build(),
            policy)
        .thenApply(
            resp -> {
              OptionalInt code = ExitCodes.of(resp.getResult(), resp.hasResult());
              if (code.isPresent()) {
                result = resp.getResult();
              }
              return code;
            });
  }

  private OptionalInt known() {
    GenericResult r = result;
    return r == null || r.getStatus() == GenericStatus.GENERIC_STATUS_UNSPECIFIED
        ? OptionalInt.empty()
        : ExitCodes.of(r, true);
  }

  private <T> CompletableFuture<T> call(
      java.util.function.Function<RouterClient, CompletableFuture<T>> rpc) {
    try {
      return CallerFutures.hand(context, sandbox.sidecarRouter().thenCompose(rpc));
    } catch (ModalException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SidecarContainer other && other.containerId.equals(containerId);
  }

  @Override
  public int hashCode() {
    return containerId.hashCode();
  }

  @Override
  public String toString() {
    return "SidecarContainer{containerId="
        + containerId
        + ", containerName="
        + containerName
        + ", sandboxId="
        + sandbox.sandboxId()
        + "}";
  }
}
