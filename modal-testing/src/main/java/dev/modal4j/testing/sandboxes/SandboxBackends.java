package dev.modal4j.testing.sandboxes;

import dev.modal4j.testing.sandboxes.backend.SandboxBackend;
import java.nio.file.Path;

/** Makes the backend a {@link SandboxBackendType} names. */
public final class SandboxBackends {
  private SandboxBackends() {}

  /**
   * The backend of this type.
   *
   * @param type which backend
   * @param workDir a directory the backend may use for its sandboxes' files (deleted by the
   *     emulator when it closes)
   * @throws IllegalStateException if that backend cannot run here
   */
  public static SandboxBackend create(SandboxBackendType type, Path workDir) {
    switch (type) {
      case DOCKER:
        throw new IllegalStateException("the docker sandbox backend is not built in yet");
      case PROCESS:
        throw new IllegalStateException("the process sandbox backend is not built in yet");
      case AUTO:
      default:
        throw new IllegalStateException(
            "no sandbox backend is built in yet (auto: docker, else process)");
    }
  }
}
