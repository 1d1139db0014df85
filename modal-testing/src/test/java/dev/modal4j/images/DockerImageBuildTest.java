package dev.modal4j.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modal4j.ModalClient;
import dev.modal4j.NotFoundException;
import dev.modal4j.RemoteException;
import dev.modal4j.apps.App;
import dev.modal4j.apps.AppFromNameParams;
import dev.modal4j.sandboxes.ContainerProcess;
import dev.modal4j.sandboxes.Sandbox;
import dev.modal4j.testing.ModalEmulator;
import dev.modal4j.testing.images.ImageRecord;
import dev.modal4j.testing.sandboxes.SandboxBackendType;
import dev.modal4j.testing.sandboxes.SandboxBackends;
import dev.modal4j.testing.sandboxes.backend.SandboxBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Images built for real by the emulator on the container backend, through the SDK: layers are
 * docker builds at ImageGetOrCreate time whose log streams to a listener, sandboxes start from the
 * result, failures carry their log. Skipped, saying why, where no Docker engine answers.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DockerImageBuildTest {
  private static ModalEmulator emulator;
  private static ModalClient modal;
  private static App app;

  @BeforeAll
  static void start() throws Exception {
    Path dir = Files.createTempDirectory("docker-probe");
    try (SandboxBackend probe = SandboxBackends.create(SandboxBackendType.DOCKER, dir)) {
      // the engine answers
    } catch (RuntimeException e) {
      System.err.println("DockerImageBuildTest: container backend skipped: " + e.getMessage());
      Assumptions.abort("container backend skipped: " + e.getMessage());
    } finally {
      Files.deleteIfExists(dir);
    }
    emulator = ModalEmulator.builder().sandboxBackend(SandboxBackendType.DOCKER).start();
    modal = emulator.newClient();
    app =
        modal
            .apps()
            .fromName("docker-images", AppFromNameParams.builder().createIfMissing(true).build());
  }

  @AfterAll
  static void stop() {
    if (modal != null) {
      modal.close();
    }
    if (emulator != null) {
      emulator.close();
    }
  }

  private static String run(Sandbox sb, String script) {
    ContainerProcess p = sb.exec(List.of("sh", "-c", script));
    String out = p.stdout().readText();
    assertThat(p.waitFor()).as("exit code of %s", script).isZero();
    return out;
  }

  @Test
  void aRegistryImageWithRunAndEnvLayersIsBuiltOnceAndASandboxReadsTheFile() {
    String marker = UUID.randomUUID().toString();
    List<String> heard = new CopyOnWriteArrayList<>();
    Image image =
        modal
            .images()
            .fromRegistry("alpine:3.21")
            .dockerfileCommands(
                List.of("RUN echo " + marker + " > /root/hello.txt", "ENV GREETING=bonjour"));
    image.build(app, heard::add);
    String id = image.imageId().orElseThrow();
    assertThat(String.join("", heard)).contains("RUN echo " + marker);
    ImageRecord record = emulator.images().get(id).orElseThrow();
    assertThat(record.registryTag()).startsWith("modal4j/sandbox-layer:");
    assertThat(record.layers()).as("built: a sandbox has nothing left to build").isEmpty();
    assertThat(imageExists(record.registryTag())).isTrue();

    try (Sandbox sb = modal.sandboxes().create(app, image)) {
      assertThat(run(sb, "cat /root/hello.txt; echo $GREETING")).isEqualTo(marker + "\nbonjour\n");
    }
    Image again = modal.images().fromId(id);
    assertThat(again.imageId()).contains(id);
    try (Sandbox sb = modal.sandboxes().create(app, again)) {
      assertThat(run(sb, "cat /root/hello.txt")).isEqualTo(marker + "\n");
    }
  }

  @Test
  void aLayersSecretsReachItsRunCommandsOnly() {
    String secretValue = "s3cret-" + UUID.randomUUID();
    Image image =
        modal
            .images()
            .fromRegistry("alpine:3.21")
            .dockerfileCommands(List.of("RUN echo ${SECRET:-unset} > /root/one.txt"))
            .dockerfileCommands(
                List.of("RUN echo ${SECRET:-unset} > /root/two.txt"),
                DockerfileParams.builder().env(Map.of("SECRET", secretValue)).build())
            .dockerfileCommands(List.of("RUN echo ${SECRET:-unset} > /root/three.txt"));
    try (Sandbox sb = modal.sandboxes().create(app, image)) {
      assertThat(run(sb, "cat /root/one.txt /root/two.txt /root/three.txt"))
          .isEqualTo("unset\n" + secretValue + "\nunset\n");
    }
  }

  @Test
  void aFailingRunEndsTheBuildWithItsCommandAndLog() {
    String marker = "about-to-fail-" + UUID.randomUUID();
    List<String> heard = new CopyOnWriteArrayList<>();
    Image image =
        modal
            .images()
            .fromRegistry("alpine:3.21")
            .dockerfileCommands(List.of("RUN echo " + marker + " && exit 42"));
    assertThatThrownBy(() -> image.build(app, heard::add))
        .isInstanceOf(RemoteException.class)
        .hasMessageContaining("failed with the exception")
        .hasMessageContaining("RUN echo " + marker + " && exit 42")
        .hasMessageContaining("returned a non-zero code: 42")
        .hasMessageContaining(marker + "\n");
    assertThat(String.join("", heard)).contains(marker + "\n");
    assertThat(image.imageId()).isEmpty();
  }

  @Test
  void aRunThatNeedsTheNetworkFailsWithItsLog() {
    Image image =
        modal
            .images()
            .fromRegistry("alpine:3.21")
            .dockerfileCommands(
                List.of(
                    "RUN python3 -c \"import socket; socket.create_connection(('1.1.1.1', 80), 3)\""));
    assertThatThrownBy(() -> image.build(app))
        .isInstanceOf(RemoteException.class)
        .hasMessageContaining("socket.create_connection")
        .hasMessageMatching("(?s).*(unreachable|OSError|timed out).*");
  }

  @Test
  void forceBuildBuildsAgainAndTheCacheOtherwiseAnswersTheSameImage() {
    String command = "RUN cat /proc/sys/kernel/random/uuid > /root/id.txt";
    Image first = modal.images().fromRegistry("alpine:3.21").dockerfileCommands(List.of(command));
    first.build(app);
    List<String> heard = new CopyOnWriteArrayList<>();
    Image cached = modal.images().fromRegistry("alpine:3.21").dockerfileCommands(List.of(command));
    cached.build(app, heard::add);
    assertThat(cached.imageId()).isEqualTo(first.imageId());
    assertThat(heard).as("a cached layer is not built again").isEmpty();

    Image forced =
        modal
            .images()
            .fromRegistry("alpine:3.21")
            .dockerfileCommands(
                List.of(command), DockerfileParams.builder().forceBuild(true).build());
    forced.build(app, heard::add);
    assertThat(forced.imageId()).isNotEqualTo(first.imageId());
    assertThat(String.join("", heard)).contains(command);
    String one;
    String two;
    try (Sandbox sb = modal.sandboxes().create(app, first)) {
      one = run(sb, "cat /root/id.txt");
    }
    try (Sandbox sb = modal.sandboxes().create(app, forced)) {
      two = run(sb, "cat /root/id.txt");
    }
    assertThat(one).hasSize(37);
    assertThat(two).hasSize(37).isNotEqualTo(one);
  }

  @Test
  void theListenerHearsTheFirstLineWhileTheBuildIsStillRunning() throws Exception {
    String marker = UUID.randomUUID().toString();
    CompletableFuture<Long> firstLine = new CompletableFuture<>();
    Image image =
        modal
            .images()
            .fromRegistry("alpine:3.21")
            .dockerfileCommands(
                List.of("RUN echo first-" + marker + " && sleep 4 && echo last-" + marker));
    CompletableFuture<Image> build =
        image.buildAsync(
            app,
            data -> {
              if (data.contains("first-" + marker) && !data.contains("RUN")) {
                firstLine.complete(System.nanoTime());
              }
            });
    long heardAt = firstLine.get(120, TimeUnit.SECONDS);
    build.get(120, TimeUnit.SECONDS);
    long doneAt = System.nanoTime();
    assertThat(TimeUnit.NANOSECONDS.toMillis(doneAt - heardAt))
        .as("ms between the first line and the end of the build")
        .isGreaterThan(2500);
  }

  @Test
  void deleteRemovesThatLayersDockerImageOnly() throws Exception {
    Image base =
        modal
            .images()
            .fromRegistry("alpine:3.21")
            .dockerfileCommands(List.of("RUN echo base-" + UUID.randomUUID() + " > /b"));
    base.build(app);
    Image top = base.dockerfileCommands(List.of("RUN touch /dummy-" + UUID.randomUUID()));
    top.build(app);
    String baseTag = emulator.images().get(base.imageId().get()).get().registryTag();
    String topTag = emulator.images().get(top.imageId().get()).get().registryTag();
    assertThat(imageExists(topTag)).isTrue();

    modal.images().delete(top.imageId().get());
    assertThat(imageExists(topTag)).as("the deleted layer's image").isFalse();
    assertThat(imageExists(baseTag)).as("the base layer's image").isTrue();
    assertThat(modal.images().fromId(base.imageId().get()).imageId()).isEqualTo(base.imageId());
    assertThatThrownBy(() -> modal.images().fromId(top.imageId().get()))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> modal.images().delete(top.imageId().get()))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("No Image with ID");
  }

  private static boolean imageExists(String reference) {
    try {
      Process p =
          new ProcessBuilder("docker", "image", "inspect", reference)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
      return p.exitValue() == 0;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
