package dev.modal4j.resources;

import dev.modal4j.testing.sandboxes.SandboxBackendType;
import java.io.IOException;
import org.junit.jupiter.api.BeforeAll;

/** Proxies and cloud bucket mounts on the emulator's process backend (runs everywhere). */
class ProcessAttachmentsTest extends AttachmentsContract {
  @BeforeAll
  static void start() throws IOException {
    startWithFixtures(SandboxBackendType.PROCESS);
  }
}
