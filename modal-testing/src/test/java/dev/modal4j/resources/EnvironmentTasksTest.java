package dev.modal4j.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modal4j.ModalClient;
import dev.modal4j.ModalException;
import dev.modal4j.apps.App;
import dev.modal4j.apps.AppFromNameParams;
import dev.modal4j.apps.AppListParams;
import dev.modal4j.apps.AppSummary;
import dev.modal4j.images.Image;
import dev.modal4j.sandboxes.Sandbox;
import dev.modal4j.testing.ModalEmulator;
import dev.modal4j.testing.sandboxes.SandboxBackendType;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An app's running sandboxes are its running tasks; stopping it or deleting its environment ends
 * them.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EnvironmentTasksTest {
  private static ModalEmulator emulator;
  private ModalClient modal;
  private Image image;

  @BeforeAll
  static void start() {
    emulator = ModalEmulator.builder().sandboxBackend(SandboxBackendType.PROCESS).start();
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  @BeforeEach
  void connect() {
    modal = emulator.newClient();
    image = modal.images().fromRegistry("alpine:3.21");
  }

  @AfterEach
  void disconnect() {
    modal.close();
  }

  private App app(String env, String name) {
    return modal
        .apps()
        .fromName(name, AppFromNameParams.builder().environment(env).createIfMissing(true).build());
  }

  private AppSummary listed(String env, App app) {
    return modal.apps().list(AppListParams.builder().environment(env).build()).stream()
        .filter(a -> a.appId().equals(app.appId()))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void stoppingAnAppEndsItsSandboxes() {
    modal.environments().create("tasks-stop");
    App app = app("tasks-stop", "runner");
    Sandbox sb = modal.sandboxes().create(app, image);
    assertThat(listed("tasks-stop", app).runningTasks()).isEqualTo(1);
    app.stop();
    assertThat(sb.waitFor()).isEqualTo(137);
    assertThat(listed("tasks-stop", app).runningTasks()).isZero();
  }

  @Test
  void deletingAnEnvironmentEndsItsSandboxesButMainCannotBeDeleted() {
    App inMain = app("", "main-runner");
    Sandbox survivor = modal.sandboxes().create(inMain, image);
    modal.environments().create("tasks-delete");
    Sandbox doomed = modal.sandboxes().create(app("tasks-delete", "runner"), image);
    assertThatThrownBy(() -> modal.environments().delete("main"))
        .isInstanceOf(ModalException.class);
    assertThat(survivor.poll()).isEmpty();
    modal.environments().delete("tasks-delete");
    assertThat(doomed.waitFor()).isEqualTo(137);
    assertThat(survivor.poll()).isEmpty();
    survivor.terminate();
  }
}
