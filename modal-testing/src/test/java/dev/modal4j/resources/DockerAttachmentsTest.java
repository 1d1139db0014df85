package dev.modal4j.resources;

import dev.modal4j.testing.sandboxes.SandboxBackendType;
import java.io.IOException;
import org.junit.jupiter.api.BeforeAll;

/**
 * Proxies and cloud bucket mounts on the emulator's container backend (bind mounts); skipped,
 * saying why, where no Docker engine answers.
 */
class DockerAttachmentsTest extends AttachmentsContract {
  @BeforeAll
  static void start() throws IOException {
    startWithFixtures(SandboxBackendType.DOCKER);
  }
}
