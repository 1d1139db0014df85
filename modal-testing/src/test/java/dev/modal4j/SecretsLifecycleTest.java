package dev.modal4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modal4j.secrets.Secret;
import dev.modal4j.secrets.SecretCreateParams;
import dev.modal4j.secrets.SecretDeleteParams;
import dev.modal4j.secrets.SecretFromNameParams;
import dev.modal4j.secrets.SecretListParams;
import dev.modal4j.testing.ModalEmulator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SecretsLifecycleTest {
  private static ModalEmulator emulator;
  private ModalClient modal;

  @BeforeAll
  static void startEmulator() {
    emulator = ModalEmulator.start();
    emulator.state().environments().create("dev");
  }

  @AfterAll
  static void stopEmulator() {
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

  @Test
  void requiredKeysPresentPassAndMissingOnesAreNamed() {
    String id =
        emulator.classes().secrets().create("", "keys", Map.of("a", "1", "b", "2", "c", "3"));
    assertThat(
            modal
                .secrets()
                .fromName("keys", SecretFromNameParams.builder().requiredKeys("a", "c").build())
                .secretId())
        .isEqualTo(id);
    assertThatThrownBy(
            () ->
                modal
                    .secrets()
                    .fromName(
                        "keys",
                        SecretFromNameParams.builder()
                            .requiredKeys("a", "missing-key", "other")
                            .build()))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("Secret is missing key(s): missing-key, other");
  }

  @Test
  void createFailsIfItExistsKeepsOrOverwritesAsAsked() {
    Secret made = modal.secrets().create("svc", Map.of("TOKEN", "one"));
    assertThat(made.name()).contains("svc");
    assertThat(emulator.classes().secrets().values(made.secretId()))
        .contains(Map.of("TOKEN", "one"));
    assertThatThrownBy(() -> modal.secrets().create("svc", Map.of("TOKEN", "two")))
        .isInstanceOf(AlreadyExistsException.class)
        .hasMessageContaining("svc");

    Secret kept =
        modal
            .secrets()
            .create(
                "svc",
                Map.of("TOKEN", "two"),
                SecretCreateParams.builder().allowExisting(true).build());
    assertThat(kept.secretId()).isEqualTo(made.secretId());
    assertThat(emulator.classes().secrets().values(made.secretId()))
        .contains(Map.of("TOKEN", "one"));

    Secret updated =
        modal
            .secrets()
            .create(
                "svc",
                Map.of("TOKEN", "three", "EXTRA", "x"),
                SecretCreateParams.builder().overwrite(true).build());
    assertThat(updated.secretId()).isEqualTo(made.secretId());
    assertThat(emulator.classes().secrets().values(made.secretId()))
        .contains(Map.of("TOKEN", "three", "EXTRA", "x"));
  }

  @Test
  void listShowsTheNamedSecretsOfOneEnvironmentAndDeleteRemovesThem() {
    Secret a =
        modal
            .secrets()
            .create(
                "list-a",
                Map.of("K", "v"),
                SecretCreateParams.builder().environment("dev").build());
    Secret b =
        modal
            .secrets()
            .create(
                "list-b",
                Map.of("K", "v"),
                SecretCreateParams.builder().environment("dev").build());
    modal.secrets().fromMap(Map.of("EPHEMERAL", "1"));
    SecretListParams dev = SecretListParams.builder().environment("dev").build();
    assertThat(modal.secrets().list(dev)).containsExactlyInAnyOrder(a, b);
    assertThat(modal.secrets().list()).doesNotContain(a, b);

    modal.secrets().delete("list-a", SecretDeleteParams.builder().environment("dev").build());
    assertThat(modal.secrets().list(dev)).containsExactly(b);
    assertThat(emulator.classes().secrets().values(a.secretId())).isEmpty();
    assertThatThrownBy(
            () ->
                modal
                    .secrets()
                    .delete("list-a", SecretDeleteParams.builder().environment("dev").build()))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("Secret 'list-a' not found");
    modal
        .secrets()
        .delete(
            "list-a", SecretDeleteParams.builder().environment("dev").allowMissing(true).build());
    assertThat(emulator.stats().count("SecretDelete")).isEqualTo(1);
  }

  @Test
  void anUnknownEnvironmentIsNotFound() {
    assertThatThrownBy(
            () -> modal.secrets().list(SecretListParams.builder().environment("nowhere").build()))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("nowhere");
  }

  @Test
  void badInputIsRefusedBeforeAnyRpc() {
    long before = emulator.stats().total();
    assertThatThrownBy(() -> modal.secrets().create(" ", Map.of("A", "1")))
        .isInstanceOf(InvalidException.class)
        .hasMessageContaining("name");
    assertThatThrownBy(() -> modal.secrets().create("x", Map.of("1BAD", "1")))
        .isInstanceOf(InvalidException.class)
        .hasMessageContaining("1BAD");
    assertThatThrownBy(() -> modal.secrets().delete("", SecretDeleteParams.DEFAULT))
        .isInstanceOf(InvalidException.class);
    assertThatThrownBy(() -> modal.secrets().list(null)).isInstanceOf(InvalidException.class);
    assertThat(emulator.stats().total()).isEqualTo(before);
  }
}
