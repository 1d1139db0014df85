package dev.modal4j.testing.sandboxes.backend;

import java.io.IOException;
import java.util.Optional;

/**
 * One running sandbox of a backend: a container or a process directory. {@link #terminate()} ends
 * it and everything running in it; it is idempotent.
 */
public interface SandboxRuntime {

  /**
   * The entrypoint, or empty when the sandbox was started without one (it then idles until
   * terminated).
   */
  Optional<RunningProcess> main();

  /**
   * Starts a command in the sandbox.
   *
   * @throws IOException if the command cannot be started (for example, no such program)
   */
  RunningProcess exec(ExecSpec spec) throws IOException;

  /**
   * The loopback port of the host where {@code containerPort} is reachable, if the port was opened.
   */
  Optional<Integer> hostPort(int containerPort);

  /**
   * Whether the sandbox's processes listen on the host's own network (a process backend without a
   * network namespace): a port they open is then reached on the host's loopback as it is. When
   * false, a port is reached from the host only through {@link #hostPort(int)}, and whether
   * something listens on it is known only from inside.
   */
  default boolean sharesHostNetwork() {
    return false;
  }

  /**
   * Snapshots and image mounts in this sandbox, when the backend can do them (see {@link
   * SandboxImages}).
   */
  default Optional<SandboxImages> images() {
    return Optional.empty();
  }

  /** A line for logs: the container id or the process directory, and the image really used. */
  String describe();

  /** Kills every process of the sandbox and releases its container or directory. */
  void terminate();
}
