package dev.modal4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modal4j.testing.ModalEmulator;
import dev.modal4j.volumes.Volume;
import dev.modal4j.volumes.VolumeDeleteParams;
import dev.modal4j.volumes.VolumeEphemeralParams;
import dev.modal4j.volumes.VolumeFromNameParams;
import dev.modal4j.volumes.VolumeMountOptions;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class VolumesLifecycleTest {
  private static final List<String> removed = new CopyOnWriteArrayList<>();
  private static ModalEmulator emulator;
  private ModalClient modal;

  @BeforeAll
  static void startEmulator() {
    emulator = ModalEmulator.start();
    emulator.classes().volumes().onRemoved(removed::add);
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

  private static VolumeFromNameParams create(int version) {
    return VolumeFromNameParams.builder().createIfMissing(true).version(version).build();
  }

  @Test
  void v1AndV2VolumesAreCreatedFoundAndTheirVersionChecked() {
    Volume v1 = modal.volumes().fromName("vol-one", create(1));
    Volume v2 = modal.volumes().fromName("vol-two", create(2));
    Volume any = modal.volumes().fromName("vol-any", create(0));
    assertThat(v1.version()).contains(1);
    assertThat(v2.version()).contains(2);
    assertThat(any.version()).contains(1);
    assertThat(emulator.classes().volumes().version(v2.volumeId())).contains(2);
    assertThat(modal.volumes().fromName("vol-two").volumeId()).isEqualTo(v2.volumeId());
    assertThatThrownBy(
            () ->
                modal
                    .volumes()
                    .fromName("vol-two", VolumeFromNameParams.builder().version(1).build()))
        .isInstanceOf(InvalidException.class)
        .hasMessageContaining("version 2");
    assertThat(modal.volumes().list()).contains(v1, v2, any);
  }

  @Test
  void deleteRemovesTheVolumeAndTellsWhoKeepsItsFiles() {
    Volume v = modal.volumes().fromName("doomed", create(2));
    modal.volumes().delete("doomed");
    assertThat(removed).contains(v.volumeId());
    assertThat(emulator.classes().volumes().name(v.volumeId())).isEmpty();
    assertThatThrownBy(() -> modal.volumes().fromName("doomed"))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("Volume 'doomed' not found");
    assertThatThrownBy(() -> modal.volumes().delete("doomed"))
        .isInstanceOf(NotFoundException.class);
    modal.volumes().delete("doomed", VolumeDeleteParams.builder().allowMissing(true).build());
    assertThat(modal.volumes().list()).doesNotContain(v);
  }

  @Test
  void anEphemeralVolumeHeartbeatsAtOnce() throws InterruptedException {
    long before = emulator.stats().count("VolumeHeartbeat");
    Volume scratch = modal.volumes().ephemeral(VolumeEphemeralParams.builder().version(2).build());
    assertThat(scratch.isEphemeral()).isTrue();
    assertThat(scratch.name()).isEmpty();
    assertThat(scratch.version()).contains(2);
    Instant deadline = Instant.now().plusSeconds(10);
    while (emulator.stats().count("VolumeHeartbeat") == before
        && Instant.now().isBefore(deadline)) {
      Thread.sleep(20);
    }
    assertThat(emulator.stats().calls("VolumeHeartbeat")).isNotEmpty();
    assertThat(emulator.stats().count("VolumeHeartbeat")).isGreaterThan(before);
    assertThat(emulator.classes().volumes().name(scratch.volumeId())).contains("");
    Volume readOnly = scratch.withMountOptions(VolumeMountOptions.builder().readOnly(true).build());
    assertThat(readOnly.isEphemeral()).isTrue();
    scratch.close();
    scratch.close();
  }

  @Test
  void mountOptionsStackAndSlashMeansTheWholeVolume() {
    Volume v = modal.volumes().fromName("mounts", create(1));
    Volume nested =
        v.withMountOptions(VolumeMountOptions.builder().readOnly(true).subPath("/nested").build());
    assertThat(nested.volumeId()).isEqualTo(v.volumeId());
    assertThat(nested.isReadOnly()).isTrue();
    assertThat(nested.subPath()).contains("/nested");
    Volume other = nested.withMountOptions(VolumeMountOptions.builder().subPath("/other").build());
    assertThat(other.isReadOnly()).isTrue();
    assertThat(other.subPath()).contains("/other");
    Volume writable = nested.withMountOptions(VolumeMountOptions.builder().readOnly(false).build());
    assertThat(writable.isReadOnly()).isFalse();
    assertThat(writable.subPath()).contains("/nested");
    assertThat(nested.withMountOptions(VolumeMountOptions.builder().subPath("/").build()).subPath())
        .isEmpty();
    assertThat(v.isReadOnly()).isFalse();
    assertThat(v.subPath()).isEmpty();
  }

  @Test
  void badInputIsRefusedBeforeAnyRpc() {
    long before = emulator.stats().total();
    assertThatThrownBy(() -> VolumeFromNameParams.builder().version(3))
        .isInstanceOf(InvalidException.class)
        .hasMessageContaining("version");
    assertThatThrownBy(() -> VolumeMountOptions.builder().subPath("/a/../../b"))
        .isInstanceOf(InvalidException.class)
        .hasMessageContaining("subPath");
    assertThatThrownBy(() -> modal.volumes().delete(" ", VolumeDeleteParams.DEFAULT))
        .isInstanceOf(InvalidException.class);
    assertThatThrownBy(() -> modal.volumes().ephemeral(null)).isInstanceOf(InvalidException.class);
    assertThat(emulator.stats().total()).isEqualTo(before);
  }
}
