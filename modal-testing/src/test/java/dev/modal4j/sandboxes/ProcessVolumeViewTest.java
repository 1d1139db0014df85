package dev.modal4j.sandboxes;

import dev.modal4j.testing.sandboxes.SandboxBackendType;
import org.junit.jupiter.api.BeforeAll;

/** Volume views on the emulator's process backend (the view is bound where the volume mounts). */
class ProcessVolumeViewTest extends VolumeViewContract {
  @BeforeAll
  static void start() {
    startEmulator(SandboxBackendType.PROCESS);
  }
}
