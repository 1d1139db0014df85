package dev.modal4j.sandboxes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modal4j.testing.sandboxes.SandboxBackendType;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * The sandbox contract for V2 sandboxes (created by {@code experimentalCreate}) on the emulator's
 * process backend.
 */
class ProcessSandboxV2Test extends SandboxContract {
  @BeforeAll
  static void start() {
    startEmulator(SandboxBackendType.PROCESS);
  }

  @Override
  Sandbox create(SandboxCreateParams params) {
    Sandbox sb = modal.sandboxes().experimentalCreate(app, image, params);
    assertThat(SandboxVersion.isV2(sb.sandboxId())).as(sb.sandboxId()).isTrue();
    return sb;
  }

  @Override
  Sandbox fromName(String appName, String name) {
    return modal.sandboxes().experimentalFromName(appName, name, SandboxFromNameParams.DEFAULT);
  }

  @Override
  Stream<Sandbox> list(SandboxListParams params) {
    return modal.sandboxes().experimentalList(params);
  }

  @Override
  String routerAccessRpc() {
    return "SandboxGetCommandRouterAccess";
  }

  @Override
  long routerAccessCallsForARefusedFirstExec() {
    // The first access comes with SandboxCreateV2's answer; only the refresh asks for one.
    return 1;
  }

  @Override
  @Test
  @Disabled("V2 sandboxes have no GPUs: experimentalCreate refuses them (SandboxesV2Test)")
  void aGpuSandbox() {}
}
