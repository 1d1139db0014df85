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
}
