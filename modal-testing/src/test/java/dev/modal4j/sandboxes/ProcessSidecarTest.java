package dev.modal4j.sandboxes;

import dev.modal4j.testing.ModalEmulator;
import dev.modal4j.testing.sandboxes.SandboxBackendType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Sidecars on the emulator's process backend (a second process sandbox with its own root, on the
 * host's network as the main one is).
 */
class ProcessSidecarTest extends SidecarContract {
  @BeforeAll
  static void start() {
    emulator = ModalEmulator.builder().sandboxBackend(SandboxBackendType.PROCESS).start();
  }

  @AfterAll
  static void stop() {
    stopEmulator();
  }
}
