package dev.modal4j.testing.sandboxes.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modal4j.ModalClient;
import dev.modal4j.apps.App;
import dev.modal4j.apps.AppFromNameParams;
import dev.modal4j.images.Image;
import dev.modal4j.sandboxes.ContainerProcess;
import dev.modal4j.sandboxes.ExecParams;
import dev.modal4j.sandboxes.Sandbox;
import dev.modal4j.sandboxes.SandboxCreateParams;
import dev.modal4j.testing.ModalEmulator;
import dev.modal4j.testing.sandboxes.SandboxBackendType;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Process sandboxes start with their image's ENV and WORKDIR layers applied (base layer first), the
 * sandbox's and an exec's own variables and workdir over them, through the SDK.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ProcessImageLayersTest {
  private static ModalEmulator emulator;
  private static ModalClient modal;
  private static App app;
  private static Image image;

  @BeforeAll
  static void start() {
    emulator = ModalEmulator.builder().sandboxBackend(SandboxBackendType.PROCESS).start();
    modal = emulator.newClient();
    app =
        modal
            .apps()
            .fromName("process-layers", AppFromNameParams.builder().createIfMissing(true).build());
    image =
        modal
            .images()
            .fromRegistry("alpine:3.21")
            .dockerfileCommands(
                List.of("ENV GREETING=hello WHO=base", "ENV PATH=$PATH:/opt/x", "WORKDIR /srv"))
            .dockerfileCommands(List.of("ENV WHO=top SHOWN=\"${GREETING} there\"", "WORKDIR app"));
  }

  @AfterAll
  static void stop() {
    modal.close();
    emulator.close();
  }

  private static String run(Sandbox sb, ExecParams params, String script) {
    ContainerProcess p = sb.exec(List.of("sh", "-c", script), params);
    String out = p.stdout().readText();
    assertThat(p.waitFor()).as("exit code of %s", script).isZero();
    return out;
  }

  @Test
  void execsSeeTheImagesVariablesAndStartInItsLastWorkdir() {
    try (Sandbox sb = modal.sandboxes().create(app, image)) {
      assertThat(
              run(
                  sb,
                  ExecParams.builder().build(),
                  "pwd; echo $GREETING $WHO; echo $SHOWN; case $PATH in *:/opt/x) echo ok;; esac"))
          .isEqualTo("/srv/app\nhello top\nhello there\nok\n");
      assertThat(
              run(
                  sb,
                  ExecParams.builder().env(Map.of("WHO", "exec")).workdir("/tmp").build(),
                  "pwd; echo $WHO"))
          .isEqualTo("/tmp\nexec\n");
    }
  }

  @Test
  void theSandboxsOwnVariablesAndWorkdirOverrideTheImages() {
    SandboxCreateParams params =
        SandboxCreateParams.builder().env(Map.of("WHO", "sandbox")).workdir("/work").build();
    try (Sandbox sb = modal.sandboxes().create(app, image, params)) {
      assertThat(run(sb, ExecParams.builder().build(), "pwd; echo $GREETING $WHO"))
          .isEqualTo("/work\nhello sandbox\n");
    }
  }

  @Test
  void theEntrypointStartsInTheImagesWorkdirWithItsVariables() {
    SandboxCreateParams params =
        SandboxCreateParams.builder()
            .command(List.of("sh", "-c", "echo \"$(pwd) $WHO\"; sleep 60"))
            .build();
    try (Sandbox sb = modal.sandboxes().create(app, image, params)) {
      assertThat(sb.stdout().lines().findFirst()).contains("/srv/app top");
    }
  }
}
