package dev.modal4j.testing.sandboxes;

import dev.modal4j.testing.sandboxes.backend.SandboxBackend;
import dev.modal4j.testing.sandboxes.process.ProcessBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
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
        return process();
      case AUTO:
      default:
        return process();
    }
  }

  private static SandboxBackend process() {
    try {
      return new ProcessBackend();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the process sandbox backend", e);
    }
  }
}
