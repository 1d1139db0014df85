package dev.modal4j.sandboxes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modal4j.AlreadyExistsException;
import dev.modal4j.InvalidException;
import dev.modal4j.ModalClient;
import dev.modal4j.ModalException;
import dev.modal4j.NotFoundException;
import dev.modal4j.TimeoutException;
import dev.modal4j.apps.App;
import dev.modal4j.apps.AppFromNameParams;
import dev.modal4j.images.Image;
import dev.modal4j.testing.ModalEmulator;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Snapshots and image mounts (issue 10) through the SDK against the emulator, on one of its
 * backends (a subclass per backend).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
abstract class SnapshotContract {
  static ModalEmulator emulator;
  ModalClient modal;
  App app;
  Image image;

  static void stopEmulator() {
    if (emulator != null) {
      emulator.close();
      emulator = null;
    }
  }

  @BeforeEach
  void connect() {
    modal = emulator.newClient();
    app =
        modal
            .apps()
            .fromName("snapshot-tests", AppFromNameParams.builder().createIfMissing(true).build());
    image = modal.images().fromRegistry("debian:12-slim");
  }

  @AfterEach
  void disconnect() {
    modal.close();
  }

  static String run(Sandbox sb, String script) {
    ContainerProcess p = sb.exec(List.of("sh", "-c", script));
    String out = p.stdout().readText();
    String err = p.stderr().readText();
    assertThat(p.waitFor()).as("exit of %s (stderr %s)", script, err).isZero();
    return out;
  }

  static int exit(Sandbox sb, String script) {
    ContainerProcess p = sb.exec(List.of("sh", "-c", script));
    p.stdout().readText();
    p.stderr().readText();
    return p.waitFor();
  }

  @Test
  void filesystemSnapshotStartsANewSandboxWithItsFiles() {
    String content = "content " + UUID.randomUUID();
    Image snapshot;
    try (Sandbox sb = modal.sandboxes().create(app, image)) {
      run(sb, "mkdir -p /tmp/testdir && printf '" + content + "' > /tmp/test.txt");
      snapshot = sb.snapshotFilesystem();
    }
    assertThat(snapshot.imageId()).get().asString().startsWith("im-");
    assertThat(emulator.images().get(snapshot.imageId().get())).isPresent();
    assertThat(modal.images().fromId(snapshot.imageId().get()).imageId())
        .isEqualTo(snapshot.imageId());
    try (Sandbox sb2 = modal.sandboxes().create(app, snapshot)) {
      assertThat(run(sb2, "cat /tmp/test.txt")).isEqualTo(content);
      assertThat(exit(sb2, "test -d /tmp/testdir")).isZero();
    }
    try (Sandbox fresh = modal.sandboxes().create(app, image)) {
      assertThat(exit(fresh, "test -e /tmp/test.txt")).as("the base image is unchanged").isOne();
    }
  }

  @Test
  void directorySnapshotMountsElsewhere() {
    String content = "dir " + UUID.randomUUID();
    Image dir;
    try (Sandbox sb = modal.sandboxes().create(app, image)) {
      run(sb, "mkdir -p /srv/state/sub && printf '" + content + "' > /srv/state/sub/a.txt");
      run(sb, "printf outside > /srv/outside.txt");
      dir = sb.snapshotDirectory("/srv/state");
      assertThatThrownBy(() -> sb.snapshotDirectory("/srv/missing"))
          .isInstanceOf(NotFoundException.class);
    }
    try (Sandbox sb2 = modal.sandboxes().create(app, image)) {
      run(sb2, "mkdir -p /mnt/elsewhere");
      sb2.mountImage("/mnt/elsewhere", dir);
      assertThat(run(sb2, "cat /mnt/elsewhere/sub/a.txt")).isEqualTo(content);
      assertThat(run(sb2, "ls -A /mnt/elsewhere")).isEqualTo("sub\n");
    }
  }

  @Test
  void filesystemSnapshotMountsAtAPath() {
    Image snapshot;
    try (Sandbox sb = modal.sandboxes().create(app, image)) {
      run(sb, "printf mounted > /tmp/test.txt");
      snapshot = sb.snapshotFilesystem();
    }
    try (Sandbox sb2 = modal.sandboxes().create(app, image)) {
      sb2.mountImage("/mnt/data", snapshot);
      assertThat(run(sb2, "cat /mnt/data/tmp/test.txt")).isEqualTo("mounted");
    }
  }

  @Test
  void unmountRemovesTheMountAndBringsBackWhatItHid() {
    try (Sandbox sb = modal.sandboxes().create(app, image)) {
      run(sb, "mkdir -p /mnt/d && printf before > /mnt/d/keep.txt");
      sb.mountImage("/mnt/d");
      assertThat(exit(sb, "test ! -e /mnt/d/keep.txt")).as("hidden by the mount").isZero();
      run(sb, "printf data > /mnt/d/present.txt");
      sb.unmountImage("/mnt/d");
      assertThat(exit(sb, "test ! -e /mnt/d/present.txt")).isZero();
      assertThat(run(sb, "cat /mnt/d/keep.txt")).isEqualTo("before");
      assertThatThrownBy(() -> sb.unmountImage("/mnt/d")).isInstanceOf(ModalException.class);
    }
  }

  @Test
  void mountRefusesAnUnbuiltImageAndRelativePathsBeforeAnyRpc() {
    try (Sandbox sb = modal.sandboxes().create(app, image)) {
      Image unbuilt = modal.images().fromRegistry("alpine:3.21");
      assertThatThrownBy(() -> sb.mountImage("/mnt/data", unbuilt))
          .isInstanceOf(InvalidException.class)
          .hasMessageContaining("Image must be built before mounting");
      assertThatThrownBy(() -> sb.mountImage("mnt/data"))
          .isInstanceOf(InvalidException.class)
          .hasMessageContaining("path");
      assertThatThrownBy(() -> sb.snapshotDirectory("tmp"))
          .isInstanceOf(InvalidException.class)
          .hasMessageContaining("path");
    }
  }

  @Test
  void ttlAndTimeoutAreCheckedBeforeAnyRpc() {
    var b = SnapshotFilesystemParams.builder();
    assertThatThrownBy(() -> b.ttl(Duration.ofMillis(500)))
        .isInstanceOf(InvalidException.class)
        .hasMessageContaining("ttl must be at least 1 s");
    assertThatThrownBy(() -> b.ttl(Duration.ofSeconds(-1)))
        .isInstanceOf(InvalidException.class)
        .hasMessageContaining("ttl");
    assertThatThrownBy(() -> b.ttl(Duration.ofMillis(1500)))
        .isInstanceOf(InvalidException.class)
        .hasMessageContaining("whole number of seconds");
    assertThatThrownBy(() -> b.timeout(Duration.ZERO))
        .isInstanceOf(InvalidException.class)
        .hasMessageContaining("timeout");
    assertThatThrownBy(() -> SnapshotDirectoryParams.builder().ttl(Duration.ofMillis(999)))
        .isInstanceOf(InvalidException.class);
    assertThatThrownBy(
            () -> SnapshotDirectoryParams.builder().experimentalEncryptionKey(new byte[15]))
        .isInstanceOf(InvalidException.class)
        .hasMessageContaining("experimentalEncryptionKey");
    assertThat(SnapshotFilesystemParams.DEFAULT.ttl()).contains(Duration.ofDays(30));
    assertThat(SnapshotFilesystemParams.DEFAULT.timeout()).isEqualTo(Duration.ofSeconds(55));
    assertThat(SnapshotFilesystemParams.builder().noExpiry().build().ttl()).isEmpty();
    try (Sandbox sb = modal.sandboxes().create(app, image)) {
      Image a = sb.snapshotFilesystem(SnapshotFilesystemParams.builder().noExpiry().build());
      Image c =
          sb.snapshotDirectory(
              "/tmp", SnapshotDirectoryParams.builder().ttl(Duration.ofHours(1)).build());
      assertThat(a.imageId()).isNotEqualTo(c.imageId());
    }
  }

  @Test
  void encryptedDirectorySnapshotMountsOnlyWithItsKey() {
    byte[] key = "a customer-supplied key of 36 bytes".getBytes();
    Image dir;
    try (Sandbox sb = modal.sandboxes().create(app, image)) {
      run(sb, "mkdir -p /srv/k && printf secret > /srv/k/s.txt");
      dir =
          sb.snapshotDirectory(
              "/srv/k", SnapshotDirectoryParams.builder().experimentalEncryptionKey(key).build());
    }
    try (Sandbox sb2 = modal.sandboxes().create(app, image)) {
      assertThatThrownBy(() -> sb2.mountImage("/mnt/k", dir)).isInstanceOf(InvalidException.class);
      sb2.mountImage(
          "/mnt/k", dir, MountImageParams.builder().experimentalEncryptionKey(key).build());
      assertThat(run(sb2, "cat /mnt/k/s.txt")).isEqualTo("secret");
    }
  }

  @Test
  void memorySnapshotRestoresAsAFilesystemSnapshot() {
    SandboxCreateParams params =
        SandboxCreateParams.builder()
            .experimentalEnableSnapshot(true)
            .name("orig-" + UUID.randomUUID().toString().substring(0, 8))
            .build();
    try (Sandbox sb = modal.sandboxes().create(app, image, params)) {
      run(sb, "printf remembered > /root/state.txt");
      SandboxSnapshot snapshot = sb.experimentalSnapshot();
      assertThat(snapshot.snapshotId()).isNotBlank();
      assertThat(sb.poll()).as("a V1 sandbox runs on after its snapshot").isEmpty();
      assertThatThrownBy(() -> modal.sandboxes().experimentalFromSnapshot(snapshot))
          .as("the original, still running, has the name")
          .isInstanceOf(AlreadyExistsException.class);
      String renamed = "restored-" + UUID.randomUUID().toString().substring(0, 8);
      try (Sandbox restored =
          modal
              .sandboxes()
              .experimentalFromSnapshot(
                  modal.sandboxes().snapshotFromId(snapshot.snapshotId()),
                  SandboxFromSnapshotParams.builder().name(renamed).build())) {
        assertThat(run(restored, "cat /root/state.txt")).isEqualTo("remembered");
        assertThat(modal.sandboxes().fromName("snapshot-tests", renamed).sandboxId())
            .isEqualTo(restored.sandboxId());
      }
    }
  }

  @Test
  void memorySnapshotNeedsEnableSnapshot() {
    try (Sandbox sb = modal.sandboxes().create(app, image)) {
      assertThatThrownBy(sb::experimentalSnapshot).isInstanceOf(ModalException.class);
    }
  }

  @Test
  void v2MemorySnapshotEndsTheSandboxAndRestoresAsV2() {
    SandboxCreateParams params =
        SandboxCreateParams.builder().experimentalEnableSnapshot(true).build();
    Sandbox sb = modal.sandboxes().experimentalCreate(app, image, params);
    try {
      run(sb, "printf v2 > /root/v2.txt");
      SandboxSnapshot snapshot = sb.experimentalSnapshot();
      assertThat(sb.waitFor()).as("terminated by its snapshot").isEqualTo(137);
      try (Sandbox restored =
          modal
              .sandboxes()
              .experimentalFromSnapshot(modal.sandboxes().snapshotFromId(snapshot.snapshotId()))) {
        assertThat(SandboxVersion.isV2(restored.sandboxId())).isTrue();
        assertThat(run(restored, "cat /root/v2.txt")).isEqualTo("v2");
      }
    } finally {
      sb.terminate();
    }
  }

  @Test
  void exitSnapshotSavesTheFilesystemWhenTheSandboxEnds() {
    SandboxCreateParams params =
        SandboxCreateParams.builder()
            .experimentalOption("enable_exit_snapshot", true)
            .command(List.of("sh", "-c", "printf at-exit > /root/exit.txt; sleep 3600"))
            .build();
    Image exitImage;
    try (Sandbox sb = modal.sandboxes().create(app, image, params)) {
      // the file is written as the entrypoint starts; wait until an exec sees it
      assertThat(run(sb, "while [ ! -s /root/exit.txt ]; do sleep 0.05; done; cat /root/exit.txt"))
          .isEqualTo("at-exit");
      assertThatThrownBy(() -> sb.exitSnapshot(Duration.ZERO))
          .as("pending while it runs")
          .isInstanceOf(TimeoutException.class);
      sb.terminate();
      exitImage = sb.exitSnapshot(Duration.ofSeconds(60));
    }
    try (Sandbox sb2 = modal.sandboxes().create(app, exitImage)) {
      assertThat(run(sb2, "cat /root/exit.txt")).isEqualTo("at-exit");
    }
    try (Sandbox plain = modal.sandboxes().create(app, image)) {
      assertThatThrownBy(() -> plain.exitSnapshot(Duration.ZERO))
          .isInstanceOf(InvalidException.class)
          .hasMessageContaining("not enabled");
      assertThatThrownBy(() -> plain.exitSnapshot(Duration.ofSeconds(-1)))
          .isInstanceOf(InvalidException.class)
          .hasMessageContaining("timeout");
    }
  }
}
