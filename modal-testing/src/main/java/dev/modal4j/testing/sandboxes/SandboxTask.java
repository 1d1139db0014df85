package dev.modal4j.testing.sandboxes;

import dev.modal4j.proto.NetworkAccess;
import dev.modal4j.proto.Probe;
import dev.modal4j.testing.sandboxes.backend.SandboxRuntime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One sandbox's task, as the command router needs it: where to exec and what it was made with. */
public interface SandboxTask {

  /** The task's {@code ta-} id. */
  String taskId();

  /** The sandbox's {@code sb-} id. */
  String sandboxId();

  /** The running sandbox; execs go here. */
  SandboxRuntime runtime();

  /** Whether the sandbox has ended (terminated, timed out, or its entrypoint exited). */
  boolean finished();

  /** The readiness probe the sandbox was created with, if any. */
  Optional<Probe> readinessProbe();

  /**
   * The environment variables of the secrets with these ids, later ids winning.
   *
   * @throws io.grpc.StatusRuntimeException NOT_FOUND naming an unknown secret id
   */
  Map<String, String> secretEnv(List<String> secretIds);

  /**
   * The outbound network policy in force: the definition's, until TaskSetNetworkAccess replaces it.
   */
  default NetworkAccess networkAccess() {
    return NetworkAccess.getDefaultInstance();
  }

  /** Records the policy TaskSetNetworkAccess set (the backend enforces it where it can). */
  default void networkAccess(NetworkAccess replacement) {}

  /** When the backend started the sandbox, once it has. */
  default Optional<java.time.Instant> startedAt() {
    return Optional.empty();
  }

  /** Records activity (an exec, stdin), which keeps a sandbox with an idle timeout alive. */
  void touch();

  /**
   * The entrypoint's stdio by byte offset, for a V2 sandbox (SandboxStdioReadV2,
   * SandboxStdinWriteV2); empty for a V1 sandbox, whose entrypoint stdio is on the control plane.
   */
  default Optional<EntrypointStdio> entrypoint() {
    return Optional.empty();
  }
}
