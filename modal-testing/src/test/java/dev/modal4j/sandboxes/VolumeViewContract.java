package dev.modal4j.sandboxes;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modal4j.BackendContract;
import dev.modal4j.images.Image;
import dev.modal4j.volumes.Volume;
import dev.modal4j.volumes.VolumeEntry;
import dev.modal4j.volumes.VolumeFromNameParams;
import dev.modal4j.volumes.VolumeMountOptions;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Each sandbox sees its own view of a mounted volume, as on Modal: the volume's committed state
 * when it was created, its own writes, and nobody else's until it reloads; its writes reach the
 * volume (other sandboxes' reloads, the files API) when it reloads or ends. Run on each backend.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
abstract class VolumeViewContract extends BackendContract {
  @Override
  protected String appName() {
    return "volume-views";
  }

  private Sandbox sandbox(Map<String, Volume> volumes) {
    return modal
        .sandboxes()
        .create(
            app,
            image,
            SandboxCreateParams.builder()
                .command(List.of("sleep", "300"))
                .volumes(volumes)
                .build());
  }

  private Volume named(String prefix) {
    return modal
        .volumes()
        .fromName(
            prefix + "-" + System.nanoTime(),
            VolumeFromNameParams.builder().createIfMissing(true).build());
  }

  private static String sh(Sandbox sb, String script) {
    ContainerProcess p = sb.exec(List.of("sh", "-c", script));
    String out = p.stdout().readText();
    assertThat(p.waitFor()).as("exit code of %s", script).isZero();
    return out;
  }

  private static List<String> ls(Sandbox sb, String dir) {
    return List.of(sh(sb, "ls -1 " + dir).split("\\s+")).stream()
        .filter(s -> !s.isEmpty())
        .sorted()
        .toList();
  }

  private static List<String> apiFiles(Volume v, String dir) {
    return v.listFiles(dir).map(VolumeEntry::path).sorted().toList();
  }

  private static String apiRead(Volume v, String path) throws Exception {
    try (InputStream in = v.readFile(path)) {
      return new String(in.readAllBytes(), UTF_8);
    }
  }

  /** Modal's own JS test SandboxReloadVolumes, through this SDK. */
  @Test
  void aWriteIsSeenByTheWriterAloneUntilItReloadsAndByAnotherAfterItsOwnReload() throws Exception {
    try (Volume volume = modal.volumes().ephemeral();
        Sandbox sb1 = sandbox(Map.of("/volume", volume));
        Sandbox sb2 = sandbox(Map.of("/volume", volume))) {
      assertThat(ls(sb1, "/volume")).isEmpty();
      assertThat(ls(sb2, "/volume")).isEmpty();

      sh(sb1, "touch /volume/test.txt");
      assertThat(ls(sb1, "/volume")).containsExactly("test.txt");
      assertThat(ls(sb2, "/volume")).isEmpty();
      assertThat(apiFiles(volume, "/")).isEmpty();

      sb1.reloadVolumes();
      // the commit is done when the reload returns
      assertThat(apiFiles(volume, "/")).containsExactly("test.txt");
      assertThat(ls(sb1, "/volume")).containsExactly("test.txt");
      assertThat(ls(sb2, "/volume")).isEmpty();

      sb2.reloadVolumes();
      assertThat(ls(sb2, "/volume")).containsExactly("test.txt");
    }
  }

  @Test
  void aDeletionInOneSandboxIsCommittedByItsReload() throws Exception {
    Volume volume = named("views-delete");
    volume
        .batchUpload()
        .putFile("doomed\n".getBytes(UTF_8), "/dir/doomed.txt")
        .putFile("kept\n".getBytes(UTF_8), "/kept.txt")
        .upload();
    try (Sandbox sb1 = sandbox(Map.of("/v", volume));
        Sandbox sb2 = sandbox(Map.of("/v", volume))) {
      sh(sb1, "rm -r /v/dir");
      assertThat(apiFiles(volume, "/")).contains("dir");
      sb1.reloadVolumes();
      assertThat(apiFiles(volume, "/")).containsExactly("kept.txt");
      assertThat(sh(sb2, "cat /v/dir/doomed.txt")).isEqualTo("doomed\n");
      sb2.reloadVolumes();
      assertThat(ls(sb2, "/v")).containsExactly("kept.txt");
      assertThat(sh(sb2, "cat /v/kept.txt")).isEqualTo("kept\n");
    } finally {
      modal.volumes().delete(volume.name().orElseThrow());
    }
  }

  @Test
  void aSandboxsWritesReachTheFilesApiWhenItEndsAndNotBefore() throws Exception {
    Volume volume = named("views-end");
    try {
      try (Sandbox sb = sandbox(Map.of("/v", volume))) {
        sh(sb, "mkdir -p /v/out && printf 'from the sandbox' > /v/out/s.txt");
        assertThat(apiFiles(volume, "/")).isEmpty();
        sb.terminate();
        assertThat(apiRead(volume, "/out/s.txt")).isEqualTo("from the sandbox");
      }
      // an entrypoint that exits: committed before its wait returns
      try (Sandbox exits =
          modal
              .sandboxes()
              .create(
                  app,
                  image,
                  SandboxCreateParams.builder()
                      .command(List.of("sh", "-c", "echo exited > /v/out/exit.txt"))
                      .volumes(Map.of("/v", volume))
                      .build())) {
        assertThat(exits.waitFor()).isZero();
        assertThat(apiRead(volume, "/out/exit.txt")).isEqualTo("exited\n");
      }
    } finally {
      modal.volumes().delete(volume.name().orElseThrow());
    }
  }

  @Test
  void aReadOnlyMountIsRefreshedByAReloadAndNeverCommitted() throws Exception {
    Volume volume = named("views-ro");
    try (Sandbox reader =
        sandbox(
            Map.of(
                "/ro",
                volume.withMountOptions(VolumeMountOptions.builder().readOnly(true).build()),
                "/rw",
                volume))) {
      volume.batchUpload().putFile("later\n".getBytes(UTF_8), "/later.txt").upload();
      assertThat(ls(reader, "/ro")).isEmpty();
      ContainerProcess refused = reader.exec(List.of("sh", "-c", "echo nope > /ro/refused.txt"));
      assertThat(refused.waitFor()).isNotZero();
      reader.reloadVolumes();
      assertThat(sh(reader, "cat /ro/later.txt")).isEqualTo("later\n");
      assertThat(sh(reader, "cat /rw/later.txt")).isEqualTo("later\n");
      reader.terminate();
      assertThat(apiFiles(volume, "/")).containsExactly("later.txt");
    } finally {
      modal.volumes().delete(volume.name().orElseThrow());
    }
  }

  @Test
  void twoViewsOfDifferentSubPathsCommitIntoTheirOwnDirectories() throws Exception {
    Volume volume = named("views-sub");
    volume
        .batchUpload()
        .putFile("a\n".getBytes(UTF_8), "/a/in-a.txt")
        .putFile("b\n".getBytes(UTF_8), "/b/in-b.txt")
        .upload();
    try (Sandbox both =
            sandbox(
                Map.of(
                    "/a",
                    volume.withMountOptions(VolumeMountOptions.builder().subPath("a").build()),
                    "/b",
                    volume.withMountOptions(VolumeMountOptions.builder().subPath("b").build())));
        Sandbox onlyA =
            sandbox(
                Map.of(
                    "/mnt",
                    volume.withMountOptions(VolumeMountOptions.builder().subPath("a").build())))) {
      assertThat(ls(both, "/a")).containsExactly("in-a.txt");
      assertThat(ls(both, "/b")).containsExactly("in-b.txt");
      sh(both, "echo new > /a/new.txt && rm /b/in-b.txt");
      both.reloadVolumes();
      assertThat(apiFiles(volume, "/a")).containsExactly("a/in-a.txt", "a/new.txt");
      assertThat(apiFiles(volume, "/b")).isEmpty();
      assertThat(ls(onlyA, "/mnt")).containsExactly("in-a.txt");
      onlyA.reloadVolumes();
      assertThat(ls(onlyA, "/mnt")).containsExactly("in-a.txt", "new.txt");
      assertThat(sh(onlyA, "cat /mnt/new.txt")).isEqualTo("new\n");
    } finally {
      modal.volumes().delete(volume.name().orElseThrow());
    }
  }

  @Test
  void aSidecarHasItsOwnViewCommittedWhenItExits() throws Exception {
    Volume volume = named("views-sidecar");
    try (Sandbox sb = sandbox(Map.of("/data", volume))) {
      Image built = image.build(app);
      SidecarContainer writer =
          sb.experimentalSidecars()
              .create(
                  "writer",
                  built,
                  SidecarCreateParams.builder()
                      .command(List.of("sh", "-c", "echo from-sidecar > /own/side.txt"))
                      .volumes(Map.of("/own", volume))
                      .build());
      assertThat(writer.waitFor()).isZero();
      // committed before its wait returned; the main container sees it after its reload
      assertThat(apiRead(volume, "/side.txt")).isEqualTo("from-sidecar\n");
      assertThat(ls(sb, "/data")).isEmpty();
      sb.reloadVolumes();
      assertThat(sh(sb, "cat /data/side.txt")).isEqualTo("from-sidecar\n");
    } finally {
      modal.volumes().delete(volume.name().orElseThrow());
    }
  }

  @Test
  void aVolumeDeletedWhileMountedDropsTheCommit() throws Exception {
    Volume volume = named("views-gone");
    String name = volume.name().orElseThrow();
    try (Sandbox sb = sandbox(Map.of("/v", volume))) {
      sh(sb, "echo lost > /v/lost.txt");
      modal.volumes().delete(name);
      sb.reloadVolumes();
      assertThat(sh(sb, "cat /v/lost.txt")).isEqualTo("lost\n");
      sb.terminate();
    }
    Volume again =
        modal
            .volumes()
            .fromName(name, VolumeFromNameParams.builder().createIfMissing(true).build());
    assertThat(again.volumeId()).isNotEqualTo(volume.volumeId());
    assertThat(apiFiles(again, "/")).isEmpty();
    modal.volumes().delete(name);
  }
}
