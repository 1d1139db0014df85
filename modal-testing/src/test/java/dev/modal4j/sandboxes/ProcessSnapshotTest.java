package dev.modal4j.sandboxes;

import dev.modal4j.testing.ModalEmulator;
import dev.modal4j.testing.sandboxes.SandboxBackendType;
import dev.modal4j.testing.sandboxes.process.ProcessBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

/**
 * Snapshots on the process backend (directory trees); it needs bubblewrap, under which a sandbox
 * path is a path of the sandbox's own root (without it, processes see the host's paths).
 */
class ProcessSnapshotTest extends SnapshotContract {
  @BeforeAll
  static void start() throws Exception {
    try (ProcessBackend probe = new ProcessBackend()) {
      if (!probe.isolated()) {
        System.err.println("ProcessSnapshotTest skipped: bubblewrap is not available here");
        Assumptions.abort("bubblewrap is not available here");
      }
    }
    emulator = ModalEmulator.builder().sandboxBackend(SandboxBackendType.PROCESS).start();
  }

  @AfterAll
  static void stop() {
    stopEmulator();
  }
}
