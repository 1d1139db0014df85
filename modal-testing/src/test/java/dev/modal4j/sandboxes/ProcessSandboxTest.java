package dev.modal4j.sandboxes;

import dev.modal4j.testing.sandboxes.SandboxBackendType;
import org.junit.jupiter.api.BeforeAll;

/** The SDK's sandboxes on the emulator's process backend (runs everywhere). */
class ProcessSandboxTest extends SandboxContract {
  @BeforeAll
  static void start() {
    startEmulator(SandboxBackendType.PROCESS);
  }
}
