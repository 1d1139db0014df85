package dev.modal4j.testing.sandboxes;

import dev.modal4j.proto.GenericResult;
import dev.modal4j.proto.NetworkAccess.NetworkAccessType;
import dev.modal4j.proto.router.TaskContainerInfo;
import dev.modal4j.testing.sandboxes.backend.SandboxRuntime;
import dev.modal4j.testing.sandboxes.backend.SandboxSpec;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The sidecar containers of one task (Modal's TaskContainer* RPCs): ids {@code ctr-} and a ULID, a
 * name unique among the task's running containers ({@code main} is the main container's and never
 * listed), each ended by its command's exit, TaskContainerTerminate or the end of its sandbox.
 * Thread-safe.
 */
public final class TaskContainers {
  /** The name Modal reserves for a sandbox's main container. */
  public static final String MAIN = "main";

  private static final int MAX_ARGS_BYTES = 1 << 16;

  /** Makes a sidecar's spec and starts it on the backend. */
  interface Launcher {
    /** What the backend runs for {@code request}; NOT_FOUND for an unknown image or volume. */
    SandboxSpec spec(SidecarRequest request, String containerId);

    /** Starts it beside the task's main container. */
    SandboxRuntime start(SandboxSpec spec) throws IOException;

    /**
     * The container of {@code spec} has ended ({@code started}) or will never run: what was made
     * for it (volume views) goes.
     */
    default void ended(SandboxSpec spec, boolean started) {}
  }

  private final SandboxTask task;
  private final Launcher launcher;
  private final Executor executor;
  private final Clock clock;
  private final List<EmulatedContainer> containers = new ArrayList<>();
  private boolean ended;

  TaskContainers(SandboxTask task, Launcher launcher, Executor executor, Clock clock) {
    this.task = task;
    this.launcher = launcher;
    this.executor = executor;
    this.clock = clock;
  }

  /**
   * Starts a sidecar and returns it as TaskContainerGet would report it.
   *
   * @throws StatusRuntimeException INVALID_ARGUMENT for a missing or reserved name, no image, a
   *     BLOCKED network, a relative workdir or too long a command; ALREADY_EXISTS when a running
   *     container has the name; NOT_FOUND for an unknown image or volume; FAILED_PRECONDITION when
   *     the sandbox has ended or the backend cannot start it
   */
  public TaskContainerInfo create(SidecarRequest request) {
    check(request);
    String containerId = "ctr-" + SandboxIds.ulid(clock.millis());
    SandboxSpec spec = launcher.spec(request, containerId);
    EmulatedContainer container = new EmulatedContainer(containerId, request.name(), executor);
    synchronized (this) {
      if (ended || task.finished()) {
        launcher.ended(spec, false);
        throw Status.FAILED_PRECONDITION
            .withDescription("task " + task.taskId() + " has already finished")
            .asRuntimeException();
      }
      for (EmulatedContainer c : containers) {
        if (!c.ended() && c.name().equals(request.name())) {
          throw Status.ALREADY_EXISTS
              .withDescription(
                  "a container named '" + request.name() + "' already runs in the task")
              .asRuntimeException();
        }
      }
      containers.add(container);
    }
    SandboxRuntime runtime;
    try {
      runtime = launcher.start(spec);
    } catch (IOException | RuntimeException e) {
      synchronized (this) {
        containers.remove(container);
      }
      launcher.ended(spec, false);
      throw Status.FAILED_PRECONDITION
          .withDescription(
              "sidecar '" + request.name() + "' could not be started: " + e.getMessage())
          .asRuntimeException();
    }
    // a container's volumes are committed when it ends, before anyone learns that it has
    container.beforeEnd(() -> launcher.ended(spec, true));
    container.started(runtime);
    synchronized (this) {
      if (ended) {
        container.finish(SandboxResults.terminated());
      }
    }
    return container.info();
  }

  private static void check(SidecarRequest request) {
    if (request.name().isEmpty()) {
      throw invalid("container_name is required");
    }
    if (request.name().equals(MAIN)) {
      throw invalid("the name 'main' is reserved for the sandbox's main container");
    }
    if (request.imageId().isEmpty()) {
      throw invalid("image_id is required: the image must be built");
    }
    if (request.networkAccess().isPresent()
        && request.networkAccess().get().getNetworkAccessType() == NetworkAccessType.BLOCKED) {
      throw invalid("a sidecar's network access cannot be BLOCKED");
    }
    request
        .networkAccess()
        .ifPresent(
            access ->
                NetworkAllowlists.check(
                    dev.modal4j.proto.Sandbox.newBuilder().setNetworkAccess(access).build()));
    if (request.workdir().isPresent() && !request.workdir().get().startsWith("/")) {
      throw invalid("workdir must be an absolute path, got " + request.workdir().get());
    }
    long bytes = 0;
    for (String arg : request.args()) {
      bytes += arg.getBytes(StandardCharsets.UTF_8).length;
    }
    if (bytes > MAX_ARGS_BYTES) {
      throw invalid("total length of args must be at most " + MAX_ARGS_BYTES + " bytes");
    }
  }

  /**
   * The latest container with this name: a running one, or with {@code includeTerminated} an ended
   * one when none runs.
   *
   * @throws StatusRuntimeException NOT_FOUND when there is none
   */
  public synchronized TaskContainerInfo get(String name, boolean includeTerminated) {
    EmulatedContainer latest = null;
    for (EmulatedContainer c : containers) {
      if (c.name().equals(name) && (includeTerminated || !c.ended())) {
        if (latest == null || latest.ended() || !c.ended()) {
          latest = c;
        }
      }
    }
    if (latest == null) {
      throw Status.NOT_FOUND
          .withDescription("container '" + name + "' not found in task " + task.taskId())
          .asRuntimeException();
    }
    return latest.info();
  }

  /** The running containers (and the ended ones with {@code includeTerminated}), oldest first. */
  public synchronized List<TaskContainerInfo> list(boolean includeTerminated) {
    List<TaskContainerInfo> out = new ArrayList<>();
    for (EmulatedContainer c : containers) {
      if (includeTerminated || !c.ended()) {
        out.add(c.info());
      }
    }
    return out;
  }

  /**
   * Completes with the container's result when it ends.
   *
   * @throws StatusRuntimeException NOT_FOUND for an id not of this task
   */
  public CompletableFuture<GenericResult> result(String containerId) {
    return container(containerId).result();
  }

  /**
   * Ends the container (its result is TERMINATED); a no-op once it has ended.
   *
   * @throws StatusRuntimeException NOT_FOUND for an id not of this task
   */
  public void terminate(String containerId) {
    container(containerId).finish(SandboxResults.terminated());
  }

  /**
   * Where an exec with this {@code container_id} runs.
   *
   * @throws StatusRuntimeException NOT_FOUND for an id not of this task, FAILED_PRECONDITION for a
   *     container that has ended
   */
  public SandboxRuntime runtime(String containerId) {
    EmulatedContainer container = container(containerId);
    SandboxRuntime runtime = container.runtime();
    if (container.ended() || runtime == null) {
      throw Status.FAILED_PRECONDITION
          .withDescription("container " + containerId + " is not running")
          .asRuntimeException();
    }
    return runtime;
  }

  private synchronized EmulatedContainer container(String containerId) {
    for (EmulatedContainer c : containers) {
      if (c.containerId().equals(containerId)) {
        return c;
      }
    }
    throw Status.NOT_FOUND
        .withDescription("container " + containerId + " not found in task " + task.taskId())
        .asRuntimeException();
  }

  /** Ends every container: the sandbox has ended. */
  void endAll() {
    List<EmulatedContainer> all;
    synchronized (this) {
      ended = true;
      all = List.copyOf(containers);
    }
    for (EmulatedContainer c : all) {
      c.finish(SandboxResults.terminated());
    }
  }

  private static StatusRuntimeException invalid(String message) {
    return Status.INVALID_ARGUMENT.withDescription(message).asRuntimeException();
  }
}
