package dev.modal4j.sandboxes;

import dev.modal4j.testing.sandboxes.SandboxBackendType;
import org.junit.jupiter.api.BeforeAll;

/**
 * The SDK's sandboxes on the emulator's container backend; skipped, saying why, where no Docker
 * engine answers (or the backend is not built in).
 */
class DockerSandboxTest extends SandboxContract {
  @BeforeAll
  static void start() {
    startEmulator(SandboxBackendType.DOCKER);
  }
}
