package dev.modal4j.testing.sandboxes;

import dev.modal4j.testing.EmulatorState;

/**
 * The task command router: a second gRPC server ({@code modal.task_command_router}) on its own
 * loopback port, serving the tasks of {@link TaskDirectory} to callers with a per-task JWT.
 *
 * <p>SKELETON: the constructor, {@link #url()}, {@link #jwt(String)} and {@link #close()} are the
 * contract the control plane wires against; the router itself is being written.
 */
public final class CommandRouterServer implements RouterAccess, AutoCloseable {
  private final TaskDirectory tasks;
  private final EmulatorState state;

  /**
   * Starts the router on a free loopback port.
   *
   * @param tasks the tasks it may serve
   * @param state the emulator's state (clock, JWT issuer, executor)
   */
  public CommandRouterServer(TaskDirectory tasks, EmulatorState state) {
    this.tasks = tasks;
    this.state = state;
  }

  @Override
  public String url() {
    throw new UnsupportedOperationException("the command router is not written yet");
  }

  @Override
  public String jwt(String taskId) {
    throw new UnsupportedOperationException("the command router is not written yet");
  }

  /** Stops the server and every stream it serves. */
  @Override
  public void close() {}
}
