package dev.modal4j.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modal4j.AlreadyExistsException;
import dev.modal4j.InvalidException;
import dev.modal4j.ModalClient;
import dev.modal4j.NotFoundException;
import dev.modal4j.apps.App;
import dev.modal4j.apps.AppFromNameParams;
import dev.modal4j.apps.AppListParams;
import dev.modal4j.apps.AppState;
import dev.modal4j.apps.AppSummary;
import dev.modal4j.environments.EnvironmentInfo;
import dev.modal4j.environments.EnvironmentUpdateParams;
import dev.modal4j.secrets.SecretCreateParams;
import dev.modal4j.secrets.SecretFromNameParams;
import dev.modal4j.secrets.SecretListParams;
import dev.modal4j.testing.ModalEmulator;
import dev.modal4j.volumes.VolumeFromNameParams;
import dev.modal4j.volumes.VolumeListParams;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Environments created, listed, renamed and deleted (with what they hold), and apps listed. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class EnvironmentsAppsTest {
  private static ModalEmulator emulator;
  private ModalClient modal;

  @BeforeAll
  static void start() {
    emulator = ModalEmulator.start();
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  @BeforeEach
  void connect() {
    modal = emulator.newClient();
  }

  @AfterEach
  void disconnect() {
    modal.close();
  }

  private EnvironmentInfo listed(String name) {
    return modal.environments().list().stream()
        .filter(e -> e.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError(name + " not listed"));
  }

  @Test
  void createListUpdateDelete() {
    modal.environments().create("staging");
    EnvironmentInfo staging = listed("staging");
    assertThat(staging.environmentId()).startsWith("en-");
    assertThat(staging.isDefault()).isFalse();
    assertThat(listed("main").isDefault()).isTrue();
    assertThat(modal.environments().fromName("staging").environmentId())
        .isEqualTo(staging.environmentId());
    assertThatThrownBy(() -> modal.environments().create("staging"))
        .isInstanceOf(AlreadyExistsException.class);

    EnvironmentInfo renamed =
        modal
            .environments()
            .update(
                "staging",
                EnvironmentUpdateParams.builder()
                    .newName("stage")
                    .webSuffix("stg")
                    .maxConcurrentTasks(10)
                    .build());
    assertThat(renamed.name()).isEqualTo("stage");
    assertThat(renamed.environmentId()).isEqualTo(staging.environmentId());
    assertThat(renamed.webhookSuffix()).isEqualTo("stg");
    assertThat(renamed.maxConcurrentTasks()).hasValue(10);
    assertThat(modal.environments().list())
        .extracting(EnvironmentInfo::name)
        .contains("stage")
        .doesNotContain("staging");

    modal.environments().delete("stage");
    assertThat(modal.environments().list())
        .extracting(EnvironmentInfo::name)
        .doesNotContain("stage");
    assertThatThrownBy(() -> modal.environments().fromName("stage"))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> modal.environments().delete("stage"))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void renamingKeepsAnEnvironmentsObjectsAndDeletingDropsThem() {
    modal.environments().create("team");
    modal
        .secrets()
        .create(
            "token", Map.of("T", "1"), SecretCreateParams.builder().environment("team").build());
    modal
        .volumes()
        .fromName(
            "vol",
            VolumeFromNameParams.builder().environment("team").createIfMissing(true).build());
    App app =
        modal
            .apps()
            .fromName(
                "team-app",
                AppFromNameParams.builder().environment("team").createIfMissing(true).build());

    modal.environments().update("team", EnvironmentUpdateParams.builder().newName("squad").build());
    assertThat(
            modal
                .secrets()
                .fromName("token", SecretFromNameParams.builder().environment("squad").build())
                .name())
        .contains("token");
    assertThat(modal.apps().list(AppListParams.builder().environment("squad").build()))
        .extracting(AppSummary::appId)
        .containsExactly(app.appId());

    modal.environments().delete("squad");
    modal.environments().create("squad");
    assertThat(modal.secrets().list(SecretListParams.builder().environment("squad").build()))
        .isEmpty();
    assertThat(modal.volumes().list(VolumeListParams.builder().environment("squad").build()))
        .isEmpty();
    assertThat(modal.apps().list(AppListParams.builder().environment("squad").build())).isEmpty();
    assertThatThrownBy(() -> modal.environments().delete("main"))
        .isInstanceOf(dev.modal4j.ModalException.class);
  }

  @Test
  void appsListShowsDeployedAndStoppedAppsOfTheEnvironment() {
    modal.environments().create("apps-env");
    AppFromNameParams inEnv =
        AppFromNameParams.builder().environment("apps-env").createIfMissing(true).build();
    App first = modal.apps().fromName("first", inEnv);
    App second = modal.apps().fromName("second", inEnv);
    List<AppSummary> apps =
        modal.apps().list(AppListParams.builder().environment("apps-env").build());
    assertThat(apps).extracting(AppSummary::name).containsExactly("first", "second");
    assertThat(apps).allSatisfy(a -> assertThat(a.state()).isEqualTo(AppState.DEPLOYED));
    assertThat(apps).allSatisfy(a -> assertThat(a.stoppedAt()).isEmpty());
    assertThat(modal.apps().list()).extracting(AppSummary::appId).doesNotContain(first.appId());

    second.stop();
    AppSummary stopped =
        modal.apps().list(AppListParams.builder().environment("apps-env").build()).stream()
            .filter(a -> a.appId().equals(second.appId()))
            .findFirst()
            .orElseThrow();
    assertThat(stopped.state()).isEqualTo(AppState.STOPPED);
    assertThat(stopped.stoppedAt()).isPresent();
    assertThatThrownBy(
            () ->
                modal
                    .apps()
                    .fromName(
                        "second", AppFromNameParams.builder().environment("apps-env").build()))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> modal.apps().list(AppListParams.builder().environment("nope").build()))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void badInputIsRefusedBeforeAnyRpc() {
    long before = emulator.stats().total();
    assertThatThrownBy(() -> modal.environments().create("en-reserved"))
        .isInstanceOf(InvalidException.class)
        .hasMessageContaining("name");
    assertThatThrownBy(() -> modal.environments().create(null))
        .isInstanceOf(InvalidException.class);
    assertThatThrownBy(() -> modal.environments().delete("bad name"))
        .isInstanceOf(InvalidException.class);
    assertThatThrownBy(() -> modal.environments().update("x", null))
        .isInstanceOf(InvalidException.class);
    assertThatThrownBy(() -> EnvironmentUpdateParams.builder().build())
        .isInstanceOf(InvalidException.class);
    assertThatThrownBy(() -> EnvironmentUpdateParams.builder().newName("-bad"))
        .isInstanceOf(InvalidException.class)
        .hasMessageContaining("newName");
    assertThatThrownBy(() -> modal.apps().list(null)).isInstanceOf(InvalidException.class);
    assertThat(emulator.stats().total()).isEqualTo(before);
  }
}
