package dev.modal4j.sandboxes;

import dev.modal4j.testing.ModalEmulator;
import dev.modal4j.testing.sandboxes.SandboxBackendType;
import org.junit.jupiter.api.BeforeAll;

/** {@link SandboxFilesystem} on the emulator's process backend. */
class ProcessFilesystemTest extends FilesystemContract {
  @BeforeAll
  static void start() {
    emulator = ModalEmulator.builder().sandboxBackend(SandboxBackendType.PROCESS).start();
  }
}
