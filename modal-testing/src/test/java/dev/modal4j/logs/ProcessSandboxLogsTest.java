package dev.modal4j.logs;

import dev.modal4j.testing.ModalEmulator;
import dev.modal4j.testing.sandboxes.SandboxBackendType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Sandbox entrypoint logs on the emulator's process backend (runs everywhere). */
class ProcessSandboxLogsTest extends SandboxLogsContract {
  @BeforeAll
  static void start() {
    emulator = ModalEmulator.builder().sandboxBackend(SandboxBackendType.PROCESS).start();
  }

  @AfterAll
  static void stop() {
    stopEmulator();
  }
}
