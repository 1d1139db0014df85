package dev.modal4j.testing.volumes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modal4j.ModalClient;
import dev.modal4j.apps.App;
import dev.modal4j.apps.AppFromNameParams;
import dev.modal4j.proto.FileEntry;
import dev.modal4j.sandboxes.ContainerProcess;
import dev.modal4j.sandboxes.Sandbox;
import dev.modal4j.sandboxes.SandboxCreateParams;
import dev.modal4j.testing.ModalEmulator;
import dev.modal4j.testing.sandboxes.SandboxBackendType;
import dev.modal4j.volumes.Volume;
import dev.modal4j.volumes.VolumeFromNameParams;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A sandbox (process backend) mounting a volume reads the file uploaded through the files API, and
 * the file it writes is listed and read back through that API.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class VolumeSandboxTest {

  @Test
  void aSandboxSeesUploadedFilesAndItsWritesAreReadThroughTheApi() {
    try (ModalEmulator emulator =
            ModalEmulator.builder().sandboxBackend(SandboxBackendType.PROCESS).start();
        ModalClient modal = emulator.newClient()) {
      RawVolumes raw = new RawVolumes(emulator.inProcessChannel());
      Volume volume =
          modal
              .volumes()
              .fromName(
                  "sandbox-shared",
                  VolumeFromNameParams.builder().createIfMissing(true).version(2).build());
      byte[] uploaded = "uploaded through the API\n".getBytes(StandardCharsets.UTF_8);
      raw.putFiles2(
          volume.volumeId(), List.of(RawVolumes.Upload.of("in/api.txt", uploaded)), true, null);
      App app =
          modal
              .apps()
              .fromName("volume-files", AppFromNameParams.builder().createIfMissing(true).build());
      try (Sandbox sb =
          modal
              .sandboxes()
              .create(
                  app,
                  modal.images().fromRegistry("alpine:3.21"),
                  SandboxCreateParams.builder()
                      .command(List.of("sleep", "600"))
                      .volumes(Map.of("/data", volume))
                      .build())) {
        ContainerProcess cat = sb.exec(List.of("cat", "/data/in/api.txt"));
        assertThat(cat.stdout().readText()).isEqualTo("uploaded through the API\n");
        assertThat(cat.waitFor()).isZero();
        ContainerProcess write =
            sb.exec(
                List.of(
                    "sh",
                    "-c",
                    "mkdir -p /data/out && printf 'from the sandbox' > /data/out/sb.txt"));
        assertThat(write.waitFor()).isZero();
      }
      assertThat(raw.list2(volume.volumeId(), "out", false))
          .extracting(FileEntry::getPath)
          .containsExactly("out/sb.txt");
      assertThat(new String(raw.read(volume.volumeId(), "out/sb.txt"), StandardCharsets.UTF_8))
          .isEqualTo("from the sandbox");
    }
  }
}
