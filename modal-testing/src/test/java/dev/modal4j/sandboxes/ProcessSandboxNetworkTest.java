package dev.modal4j.sandboxes;

import dev.modal4j.testing.sandboxes.SandboxBackendType;
import org.junit.jupiter.api.BeforeAll;

/**
 * Tunnels, tokens, network policy (recorded, not enforced) and usage on the process backend (runs
 * everywhere).
 */
class ProcessSandboxNetworkTest extends SandboxNetworkContract {
  @BeforeAll
  static void start() {
    startEmulator(SandboxBackendType.PROCESS);
  }
}
