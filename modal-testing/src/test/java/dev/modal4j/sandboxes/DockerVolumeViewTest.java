package dev.modal4j.sandboxes;

import dev.modal4j.testing.ModalEmulator;
import dev.modal4j.testing.sandboxes.SandboxBackendType;
import dev.modal4j.testing.sandboxes.SandboxBackends;
import dev.modal4j.testing.sandboxes.backend.SandboxBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

/**
 * Volume views on the emulator's container backend (the view is bind-mounted where the volume
 * mounts); skipped, saying why, where no Docker engine answers.
 */
class DockerVolumeViewTest extends VolumeViewContract {
  @BeforeAll
  static void start() throws Exception {
    Path dir = Files.createTempDirectory("docker-probe");
    try (SandboxBackend probe = SandboxBackends.create(SandboxBackendType.DOCKER, dir)) {
      // the engine answers
    } catch (RuntimeException e) {
      System.err.println("DockerVolumeViewTest: container backend skipped: " + e.getMessage());
      Assumptions.abort("container backend skipped: " + e.getMessage());
    } finally {
      Files.deleteIfExists(dir);
    }
    emulator = ModalEmulator.builder().sandboxBackend(SandboxBackendType.DOCKER).start();
  }

  @AfterAll
  static void stop() {
    stopEmulator();
  }
}
