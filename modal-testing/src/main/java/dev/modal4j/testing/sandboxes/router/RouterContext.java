package dev.modal4j.testing.sandboxes.router;

import dev.modal4j.testing.EmulatorState;
import dev.modal4j.testing.sandboxes.SandboxTask;
import dev.modal4j.testing.sandboxes.TaskDirectory;
import io.grpc.Status;
import java.util.concurrent.ExecutorService;

/**
 * What a {@link RouterArea} may use: the tasks, the emulator's state (clock, scheduler, faults) and
 * the router's own handler threads.
 *
 * @param tasks the tasks the router serves
 * @param state the emulator's state
 * @param executor the router's handler threads (ended by the router's close)
 */
public record RouterContext(TaskDirectory tasks, EmulatorState state, ExecutorService executor) {

  /**
   * The task, after checking the caller's router token is for it.
   *
   * @throws io.grpc.StatusRuntimeException UNAUTHENTICATED for another task's token, NOT_FOUND for
   *     a task never handed out
   */
  public SandboxTask task(String taskId) {
    RouterAuth.checkTask(taskId);
    return tasks
        .task(taskId)
        .orElseThrow(
            () ->
                Status.NOT_FOUND
                    .withDescription("task " + taskId + " not found")
                    .asRuntimeException());
  }
}
