package dev.modal4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modal4j.secrets.Secret;
import dev.modal4j.secrets.SecretFromNameParams;
import dev.modal4j.testing.ModalEmulator;
import dev.modal4j.testing.classes.SecretStore;
import dev.modal4j.testing.classes.VolumeStore;
import dev.modal4j.volumes.Volume;
import dev.modal4j.volumes.VolumeFromNameParams;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SecretsVolumesTest {
  private static final AtomicReference<SecretStore> secrets = new AtomicReference<>();
  private static final AtomicReference<VolumeStore> volumes = new AtomicReference<>();
  private static ModalEmulator emulator;
  private ModalClient modal;

  @BeforeAll
  static void startEmulator() {
    emulator = ModalEmulator.start();
    secrets.set(emulator.classes().secrets());
    volumes.set(emulator.classes().volumes());
  }

  @AfterAll
  static void stopEmulator() {
    emulator.close();
  }

  @BeforeEach
  void connect() {
    modal =
        ModalClient.builder()
            .channel(emulator.inProcessChannel())
            .tokenId(ModalEmulator.TOKEN_ID)
            .tokenSecret(ModalEmulator.TOKEN_SECRET)
            .environmentVariables(Map.of())
            .build();
  }

  @AfterEach
  void disconnect() {
    modal.close();
  }

  @Test
  void namedSecretIsFoundAndMissingOneIsNot() {
    String id = secrets.get().create("", "openai", Map.of("OPENAI_API_KEY", "sk-1"));
    Secret s = modal.secrets().fromName("openai");
    assertThat(s.secretId()).isEqualTo(id).startsWith("st-");
    assertThat(s.name()).contains("openai");
    assertThatThrownBy(() -> modal.secrets().fromName("nope"))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("Secret 'nope' not found");
    assertThatThrownBy(
            () ->
                modal
                    .secrets()
                    .fromName(
                        "openai", SecretFromNameParams.builder().requiredKeys("OTHER").build()))
        .isInstanceOf(NotFoundException.class);
    assertThat(
            modal
                .secrets()
                .fromName(
                    "openai", SecretFromNameParams.builder().requiredKeys("OPENAI_API_KEY").build())
                .secretId())
        .isEqualTo(id);
  }

  @Test
  void fromMapIsLazyAndNeverAServerSecretUntilUsed() {
    long before = emulator.stats().count("SecretGetOrCreate");
    Secret s = modal.secrets().fromMap(Map.of("A", "1", "B_2", "two"));
    assertThat(s.name()).isEmpty();
    assertThat(s.secretId()).isEmpty();
    assertThat(s).isNotEqualTo(modal.secrets().fromMap(Map.of("A", "1", "B_2", "two")));
    assertThat(emulator.stats().count("SecretGetOrCreate")).isEqualTo(before);
  }

  @Test
  void badEnvNamesAreRefusedBeforeAnyRpc() {
    long before = emulator.stats().count("SecretGetOrCreate");
    assertThatThrownBy(() -> modal.secrets().fromMap(Map.of("9LIVES", "x")))
        .isInstanceOf(InvalidException.class)
        .hasMessageContaining("'9LIVES'");
    assertThatThrownBy(() -> modal.secrets().fromMap(Map.of("A-B", "x")))
        .isInstanceOf(InvalidException.class);
    assertThatThrownBy(() -> modal.secrets().fromName(" ")).isInstanceOf(InvalidException.class);
    assertThat(emulator.stats().count("SecretGetOrCreate")).isEqualTo(before);
  }

  @Test
  void volumesAreFoundOrCreated() {
    assertThatThrownBy(() -> modal.volumes().fromName("data"))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("Volume 'data' not found");
    Volume created =
        modal
            .volumes()
            .fromName("data", VolumeFromNameParams.builder().createIfMissing(true).build());
    assertThat(created.volumeId()).startsWith("vo-");
    assertThat(created.name()).contains("data");
    assertThat(modal.volumes().fromName("data")).isEqualTo(created);
    assertThat(volumes.get().name(created.volumeId())).contains("data");
    assertThat(created.readOnly().isReadOnly()).isTrue();
    assertThat(created.readOnly()).isNotEqualTo(created);
  }
}
