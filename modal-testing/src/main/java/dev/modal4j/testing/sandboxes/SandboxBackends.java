package dev.modal4j.testing.sandboxes;

import dev.modal4j.testing.sandboxes.backend.SandboxBackend;
import dev.modal4j.testing.sandboxes.docker.DockerBackend;
import dev.modal4j.testing.sandboxes.process.ProcessBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Makes the backend a {@link SandboxBackendType} names. */
public final class SandboxBackends {
  private static final Logger log = LoggerFactory.getLogger(SandboxBackends.class);

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
        try {
          return DockerBackend.connect();
        } catch (IOException e) {
          throw new IllegalStateException(
              "the docker sandbox backend cannot run here: " + e.getMessage(), e);
        }
      case PROCESS:
        return process();
      case AUTO:
      default:
        return auto();
    }
  }

  /** Containers when a Docker engine answers and has the base image, else local processes. */
  private static SandboxBackend auto() {
    if (DockerBackend.engineAnswers()) {
      try {
        return DockerBackend.connect();
      } catch (IOException e) {
        log.warn("sandboxes run as local processes: {}", e.getMessage());
      }
    }
    return process();
  }

  private static SandboxBackend process() {
    try {
      return new ProcessBackend();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the process sandbox backend", e);
    }
  }
}
