package dev.modal4j.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modal4j.InvalidException;
import dev.modal4j.ModalClient;
import dev.modal4j.NotFoundException;
import dev.modal4j.dicts.Dict;
import dev.modal4j.dicts.DictDeleteParams;
import dev.modal4j.dicts.DictFromNameParams;
import dev.modal4j.dicts.DictListParams;
import dev.modal4j.queues.Queue;
import dev.modal4j.queues.QueueDeleteParams;
import dev.modal4j.queues.QueueFromNameParams;
import dev.modal4j.queues.QueueListParams;
import dev.modal4j.secrets.Secret;
import dev.modal4j.secrets.SecretCreateParams;
import dev.modal4j.secrets.SecretDeleteParams;
import dev.modal4j.secrets.SecretListParams;
import dev.modal4j.testing.ModalEmulator;
import dev.modal4j.volumes.Volume;
import dev.modal4j.volumes.VolumeDeleteParams;
import dev.modal4j.volumes.VolumeFromNameParams;
import dev.modal4j.volumes.VolumeListParams;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Secrets, volumes, queues and dicts are created, listed and deleted within an environment. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class EnvironmentObjectsTest {
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

  @Test
  void everyKindIsScopedByItsEnvironmentAndGoesWithIt() {
    modal.environments().create("objects");
    Secret secret =
        modal
            .secrets()
            .create(
                "s", Map.of("K", "v"), SecretCreateParams.builder().environment("objects").build());
    Volume volume =
        modal
            .volumes()
            .fromName(
                "v",
                VolumeFromNameParams.builder()
                    .environment("objects")
                    .createIfMissing(true)
                    .build());
    Queue queue =
        modal
            .queues()
            .fromName(
                "q",
                QueueFromNameParams.builder().environment("objects").createIfMissing(true).build());
    queue.put("item");
    Dict dict =
        modal
            .dicts()
            .fromName(
                "d",
                DictFromNameParams.builder().environment("objects").createIfMissing(true).build());

    assertThat(modal.secrets().list(SecretListParams.builder().environment("objects").build()))
        .containsExactly(secret);
    assertThat(modal.volumes().list(VolumeListParams.builder().environment("objects").build()))
        .extracting(Volume::volumeId)
        .containsExactly(volume.volumeId());
    assertThat(modal.queues().list(QueueListParams.builder().environment("objects").build()))
        .extracting(Queue::queueId)
        .containsExactly(queue.queueId());
    assertThat(modal.dicts().list(DictListParams.builder().environment("objects").build()))
        .extracting(Dict::dictId, d -> d.name().orElse(""))
        .containsExactly(org.assertj.core.groups.Tuple.tuple(dict.dictId(), "d"));
    assertThat(modal.queues().list()).extracting(Queue::queueId).doesNotContain(queue.queueId());
    assertThat(modal.dicts().list()).extracting(Dict::dictId).doesNotContain(dict.dictId());

    modal.queues().delete("q", QueueDeleteParams.builder().environment("objects").build());
    modal.dicts().delete("d", DictDeleteParams.builder().environment("objects").build());
    assertThat(modal.queues().list(QueueListParams.builder().environment("objects").build()))
        .isEmpty();
    assertThat(modal.dicts().list(DictListParams.builder().environment("objects").build()))
        .isEmpty();
    modal.secrets().delete("s", SecretDeleteParams.builder().environment("objects").build());
    assertThat(modal.secrets().list(SecretListParams.builder().environment("objects").build()))
        .isEmpty();

    modal
        .queues()
        .fromName(
            "q2",
            QueueFromNameParams.builder().environment("objects").createIfMissing(true).build());
    modal.environments().delete("objects");
    assertThatThrownBy(
            () -> modal.queues().list(QueueListParams.builder().environment("objects").build()))
        .isInstanceOf(NotFoundException.class);
    modal.environments().create("objects");
    assertThat(modal.queues().list(QueueListParams.builder().environment("objects").build()))
        .isEmpty();
    assertThat(modal.volumes().list(VolumeListParams.builder().environment("objects").build()))
        .isEmpty();
    assertThatThrownBy(
            () ->
                modal
                    .volumes()
                    .delete("v", VolumeDeleteParams.builder().environment("objects").build()))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void listParamsAreCheckedBeforeAnyRpc() {
    long before = emulator.stats().total();
    assertThatThrownBy(() -> modal.queues().list(null)).isInstanceOf(InvalidException.class);
    assertThatThrownBy(() -> modal.dicts().list(null)).isInstanceOf(InvalidException.class);
    assertThatThrownBy(() -> QueueListParams.builder().environment(null))
        .isInstanceOf(InvalidException.class);
    assertThat(emulator.stats().total()).isEqualTo(before);
  }
}
