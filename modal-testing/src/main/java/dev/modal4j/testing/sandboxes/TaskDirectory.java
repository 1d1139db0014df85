package dev.modal4j.testing.sandboxes;

import java.util.Optional;

/**
 * The sandbox tasks the control plane knows, as the command router sees them: the router serves a
 * task only while this directory has it.
 */
public interface TaskDirectory {

  /**
   * The task with this {@code ta-} id, while its sandbox exists (running or ended); empty for an id
   * the control plane never handed out.
   */
  Optional<SandboxTask> task(String taskId);

  /**
   * The sidecar containers of the task with this id, while the directory has the task; empty when
   * it does not, or when this directory runs no sidecars.
   */
  default Optional<TaskContainers> containers(String taskId) {
    return Optional.empty();
  }

  /**
   * TaskReloadVolumes: commits what the container ({@code containerId}, or the main one when empty)
   * changed in its volumes, then makes it see their committed state; done when this returns.
   *
   * @throws io.grpc.StatusRuntimeException NOT_FOUND for an unknown task or container
   */
  default void reloadVolumes(String taskId, String containerId) {}
}
