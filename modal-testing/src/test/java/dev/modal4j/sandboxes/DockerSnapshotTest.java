package dev.modal4j.sandboxes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modal4j.ModalClient;
import dev.modal4j.apps.App;
import dev.modal4j.apps.AppFromNameParams;
import dev.modal4j.images.Image;
import dev.modal4j.testing.ModalEmulator;
import dev.modal4j.testing.sandboxes.SandboxBackendType;
import dev.modal4j.testing.sandboxes.SandboxBackends;
import dev.modal4j.testing.sandboxes.backend.SandboxBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Snapshots on the container backend (commits, imported trees, copied mounts); skipped, saying why,
 * where no Docker engine answers.
 */
class DockerSnapshotTest extends SnapshotContract {
  @BeforeAll
  static void start() throws Exception {
    Path dir = Files.createTempDirectory("docker-probe");
    try (SandboxBackend probe = SandboxBackends.create(SandboxBackendType.DOCKER, dir)) {
      // the engine answers
    } catch (RuntimeException e) {
      System.err.println("DockerSnapshotTest: container backend skipped: " + e.getMessage());
      Assumptions.abort("container backend skipped: " + e.getMessage());
    } finally {
      Files.deleteIfExists(dir);
    }
    emulator = ModalEmulator.builder().sandboxBackend(SandboxBackendType.DOCKER).start();
  }

  @AfterAll
  static void stop() {
    stopEmulator();
  }

  @Test
  void closingTheEmulatorRemovesItsSnapshotAndLayerImages() throws Exception {
    String snapshotTag;
    String layerTag;
    try (ModalEmulator own =
            ModalEmulator.builder().sandboxBackend(SandboxBackendType.DOCKER).start();
        ModalClient client = own.newClient()) {
      App a =
          client
              .apps()
              .fromName(
                  "snapshot-cleanup", AppFromNameParams.builder().createIfMissing(true).build());
      Image layered =
          client
              .images()
              .fromRegistry("debian:12-slim")
              .dockerfileCommands(List.of("RUN echo " + UUID.randomUUID() + " > /layer.txt"));
      try (Sandbox sb = client.sandboxes().create(a, layered)) {
        Image snapshot = sb.snapshotFilesystem();
        snapshotTag = own.images().get(snapshot.imageId().get()).get().registryTag();
        layerTag =
            own.sandboxes()
                .get(sb.sandboxId())
                .flatMap(v -> v.backend())
                .map(d -> d.replaceAll(".*\\(image (.*)\\)$", "$1"))
                .orElseThrow();
      }
      assertThat(snapshotTag).startsWith("modal4j/snapshot:");
      assertThat(layerTag).startsWith("modal4j/sandbox-layer:");
      assertThat(imageExists(snapshotTag)).isTrue();
      assertThat(imageExists(layerTag)).isTrue();
    }
    assertThat(imageExists(snapshotTag)).as("snapshot image removed").isFalse();
    assertThat(imageExists(layerTag)).as("layer image removed").isFalse();
  }

  private static boolean imageExists(String reference) throws Exception {
    Process p =
        new ProcessBuilder("docker", "image", "inspect", reference)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return p.exitValue() == 0;
  }
}
