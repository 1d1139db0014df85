package dev.modal4j.sandboxes;

import dev.modal4j.testing.sandboxes.SandboxBackendType;
import org.junit.jupiter.api.BeforeAll;

/**
 * Volume views on the emulator's container backend (the view is bind-mounted where the volume
 * mounts); skipped, saying why, where no Docker engine answers.
 */
class DockerVolumeViewTest extends VolumeViewContract {
  @BeforeAll
  static void start() {
    startEmulator(SandboxBackendType.DOCKER);
  }
}
