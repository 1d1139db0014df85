package dev.modal4j.testing.sandboxes;

import dev.modal4j.testing.EmulatorState;
import dev.modal4j.testing.images.ImageRecord;
import dev.modal4j.testing.images.ImageStore;
import dev.modal4j.testing.sandboxes.backend.MountSpec;
import dev.modal4j.testing.sandboxes.backend.SandboxBackend;
import dev.modal4j.testing.sandboxes.backend.SandboxRuntime;
import dev.modal4j.testing.sandboxes.backend.SandboxSpec;
import io.grpc.Status;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The tasks as the command router sees them, with their sidecar containers: a sidecar runs its own
 * image with its own variables, the main container's volumes and its own (its own win at the same
 * path), beside the main container on the sandbox's backend.
 */
final class Sidecars implements TaskDirectory {
  /** How long a create waits for the sandbox's main container to be running. */
  private static final long START_WAIT_SECONDS = 60;

  private final SandboxRegistry sandboxes;
  private final ImageStore images;
  private final SandboxSpecs specs;
  private final Supplier<SandboxBackend> backend;
  private final EmulatorState state;
  private final Map<String, TaskContainers> byTask = new ConcurrentHashMap<>();

  Sidecars(
      SandboxRegistry sandboxes,
      ImageStore images,
      SandboxSpecs specs,
      Supplier<SandboxBackend> backend,
      EmulatorState state) {
    this.sandboxes = sandboxes;
    this.images = images;
    this.specs = specs;
    this.backend = backend;
    this.state = state;
  }

  @Override
  public Optional<SandboxTask> task(String taskId) {
    return sandboxes.task(taskId);
  }

  @Override
  public void reloadVolumes(String taskId, String containerId) {
    SandboxTask task =
        sandboxes
            .task(taskId)
            .orElseThrow(
                () ->
                    Status.NOT_FOUND
                        .withDescription("task " + taskId + " not found")
                        .asRuntimeException());
    if (containerId.isEmpty()) {
      specs.views().reload(task.sandboxId());
      return;
    }
    TaskContainers containers =
        containers(taskId)
            .orElseThrow(
                () ->
                    Status.NOT_FOUND
                        .withDescription(
                            "container " + containerId + " not found in task " + taskId)
                        .asRuntimeException());
    containers.result(containerId);
    specs.views().reload(task.sandboxId() + "-" + containerId);
  }

  @Override
  public Optional<TaskContainers> containers(String taskId) {
    byTask.keySet().removeIf(id -> sandboxes.task(id).isEmpty());
    Optional<SandboxTask> task = sandboxes.task(taskId);
    if (task.isEmpty()) {
      return Optional.empty();
    }
    EmulatedSandbox sandbox = (EmulatedSandbox) task.get();
    return Optional.of(
        byTask.computeIfAbsent(
            taskId,
            id -> {
              TaskContainers containers =
                  new TaskContainers(sandbox, launcher(sandbox), state.executor(), state.clock());
              sandbox.onEnd(containers::endAll);
              return containers;
            }));
  }

  private TaskContainers.Launcher launcher(EmulatedSandbox sandbox) {
    return new TaskContainers.Launcher() {
      @Override
      public SandboxSpec spec(SidecarRequest request, String containerId) {
        return Sidecars.this.spec(sandbox, request, containerId);
      }

      @Override
      public SandboxRuntime start(SandboxSpec spec) throws IOException {
        return backend.get().startSidecar(spec, running(sandbox));
      }

      @Override
      public void ended(SandboxSpec spec, boolean started) {
        if (started) {
          specs.views().end(spec.sandboxId());
        } else {
          specs.views().discard(spec.sandboxId());
        }
      }
    };
  }

  private SandboxSpec spec(EmulatedSandbox sandbox, SidecarRequest request, String containerId) {
    ImageRecord image =
        images
            .get(request.imageId())
            .orElseThrow(
                () ->
                    Status.NOT_FOUND
                        .withDescription("Image '" + request.imageId() + "' not found")
                        .asRuntimeException());
    String specId = sandbox.sandboxId() + "-" + containerId;
    Map<String, MountSpec> mounts = new LinkedHashMap<>();
    try {
      for (MountSpec m : specs.mounts(specId, sandbox.definition().getVolumeMountsList())) {
        mounts.put(m.sandboxPath(), m);
      }
      for (MountSpec m : specs.mounts(specId, request.volumeMounts())) {
        mounts.put(m.sandboxPath(), m);
      }
    } catch (RuntimeException e) {
      specs.views().discard(specId);
      throw e;
    }
    MountSpec tool = specs.toolMount();
    mounts.put(tool.sandboxPath(), tool);
    Map<String, String> env = new LinkedHashMap<>(request.env());
    env.put("MODAL_SANDBOX_ID", sandbox.sandboxId());
    env.put("MODAL_TASK_ID", sandbox.taskId());
    return new SandboxSpec(
        specId,
        image.registryTag(),
        request.args(),
        env,
        request.workdir(),
        0,
        0,
        0,
        0,
        new ArrayList<>(mounts.values()),
        false,
        List.of(),
        request.pty(),
        image.layers());
  }

  /** The sandbox's runtime once the backend runs it. */
  private static SandboxRuntime running(EmulatedSandbox sandbox) throws IOException {
    try {
      return sandbox.started().get(START_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while the sandbox starts", e);
    } catch (ExecutionException e) {
      throw new IOException("the sandbox did not start: " + e.getCause().getMessage(), e);
    } catch (TimeoutException e) {
      throw new IOException("the sandbox is not running yet", e);
    }
  }
}
