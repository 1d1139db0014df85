package dev.modal4j.resources;

import dev.modal4j.testing.sandboxes.SandboxBackendType;
import dev.modal4j.testing.sandboxes.SandboxBackends;
import dev.modal4j.testing.sandboxes.backend.SandboxBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

/**
 * Proxies and cloud bucket mounts on the emulator's container backend (bind mounts); skipped,
 * saying why, where no Docker engine answers.
 */
class DockerAttachmentsTest extends AttachmentsContract {
  @BeforeAll
  static void start() throws Exception {
    Path dir = Files.createTempDirectory("docker-probe");
    try (SandboxBackend probe = SandboxBackends.create(SandboxBackendType.DOCKER, dir)) {
      // the engine answers
    } catch (RuntimeException e) {
      System.err.println("DockerAttachmentsTest: container backend skipped: " + e.getMessage());
      Assumptions.abort("container backend skipped: " + e.getMessage());
    } finally {
      Files.deleteIfExists(dir);
    }
    startEmulator(SandboxBackendType.DOCKER);
  }
}
