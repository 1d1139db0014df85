package dev.modal4j.sandboxes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modal4j.AlreadyExistsException;
import dev.modal4j.InvalidException;
import dev.modal4j.ModalClient;
import dev.modal4j.NotFoundException;
import dev.modal4j.apps.App;
import dev.modal4j.apps.AppFromNameParams;
import dev.modal4j.images.Image;
import dev.modal4j.secrets.Secret;
import dev.modal4j.testing.ModalEmulator;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Sidecar containers through the SDK against the emulator, on one of its backends (a subclass per
 * backend): create, list, get, exec, the shared network, wait, poll, terminate, names.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
abstract class SidecarContract {
  static ModalEmulator emulator;
  ModalClient modal;
  App app;
  Image built;

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
            .fromName("sidecar-tests", AppFromNameParams.builder().createIfMissing(true).build());
    built = modal.images().fromRegistry("alpine:3.21").build(app);
  }

  @AfterEach
  void disconnect() {
    modal.close();
  }

  Sandbox sandbox() {
    return modal
        .sandboxes()
        .create(
            app,
            modal.images().fromRegistry("alpine:3.21"),
            SandboxCreateParams.builder().command(List.of("sleep", "600")).build());
  }

  static SidecarCreateParams sleeping() {
    return SidecarCreateParams.builder().command(List.of("sleep", "100")).build();
  }

  @Test
  void createListAndGet() {
    try (Sandbox sb = sandbox()) {
      SidecarContainer worker = sb.experimentalSidecars().create("worker", built, sleeping());
      assertThat(worker.containerId()).startsWith("ctr-");
      assertThat(worker.containerName()).isEqualTo("worker");
      SidecarContainer other = sb.experimentalSidecars().create("other", built, sleeping());
      assertThat(other.containerId()).isNotEqualTo(worker.containerId());

      assertThat(sb.experimentalSidecars().list())
          .extracting(SidecarContainer::containerName)
          .containsExactly("worker", "other");
      SidecarContainer got = sb.experimentalSidecars().get("worker");
      assertThat(got.containerId()).isEqualTo(worker.containerId());
      assertThat(got.poll()).isEmpty();
      assertThatThrownBy(() -> sb.experimentalSidecars().get("nobody"))
          .isInstanceOf(NotFoundException.class)
          .hasMessageContaining("nobody");
    }
  }

  @Test
  void execRunsInTheSidecarWithItsEnvironmentAndSecrets() {
    Secret secret = modal.secrets().fromMap(Map.of("API_KEY", "secret-value", "FROM_SECRET", "s"));
    try (Sandbox sb = sandbox()) {
      SidecarContainer worker =
          sb.experimentalSidecars()
              .create(
                  "worker",
                  built,
                  sleeping().toBuilder()
                      .env(Map.of("API_KEY", "override", "PLAIN", "plain"))
                      .secrets(List.of(secret))
                      .workdir("/tmp")
                      .build());
      ContainerProcess p =
          worker.exec(
              List.of(
                  "sh", "-c", "printf '%s:%s:%s:' \"$API_KEY\" \"$PLAIN\" \"$FROM_SECRET\"; pwd"));
      assertThat(p.stdout().readText()).isEqualTo("override:plain:s:/tmp\n");
      assertThat(p.waitFor()).isZero();

      // A file the sidecar writes is its own: the main container does not see it.
      assertThat(worker.exec(List.of("sh", "-c", "echo x > /tmp/sidecar-only")).waitFor()).isZero();
      assertThat(sb.exec(List.of("test", "-e", "/tmp/sidecar-only")).waitFor()).isEqualTo(1);
    }
  }

  @Test
  void sidecarReachesTheMainContainerOnLocalhost() throws IOException {
    int port = freePort();
    try (Sandbox sb = sandbox()) {
      sb.exec(
          List.of(
              "sh",
              "-c",
              "mkdir -p /tmp/www && echo from-main > /tmp/www/hello.txt && cd /tmp/www && exec"
                  + " python3 -m http.server "
                  + port
                  + " --bind 127.0.0.1"));
      SidecarContainer client = sb.experimentalSidecars().create("client", built, sleeping());
      String fetch =
          "import time,urllib.request\n"
              + "end=time.time()+30\n"
              + "while True:\n"
              + "  try:\n"
              + "    print(urllib.request.urlopen('http://127.0.0.1:"
              + port
              + "/hello.txt',timeout=2).read().decode(),end='')\n"
              + "    break\n"
              + "  except Exception:\n"
              + "    if time.time()>end: raise\n"
              + "    time.sleep(0.1)\n";
      ContainerProcess p = client.exec(List.of("python3", "-c", fetch));
      assertThat(p.stdout().readText()).isEqualTo("from-main\n");
      assertThat(p.waitFor()).isZero();
      // The file is the main container's: the sidecar has none of its own at that path.
      assertThat(client.exec(List.of("test", "-e", "/tmp/www/hello.txt")).waitFor()).isEqualTo(1);
    }
  }

  @Test
  void terminateWaitAndPollReport137() {
    try (Sandbox sb = sandbox()) {
      SidecarContainer worker = sb.experimentalSidecars().create("worker", built, sleeping());
      assertThat(worker.poll()).isEmpty();
      assertThat(worker.terminate(true)).hasValue(137);
      assertThat(worker.waitFor()).isEqualTo(137);
      assertThat(worker.poll()).hasValue(137);
      // A fresh handle asks the router, not this handle's memory.
      assertThat(
              sb.experimentalSidecars()
                  .get("worker", SidecarGetParams.builder().includeTerminated(true).build())
                  .poll())
          .hasValue(137);
      assertThat(sb.experimentalSidecars().list()).isEmpty();
      assertThat(
              sb.experimentalSidecars()
                  .list(SidecarListParams.builder().includeTerminated(true).build()))
          .extracting(SidecarContainer::containerName)
          .containsExactly("worker");
      assertThatThrownBy(() -> worker.exec(List.of("true")))
          .isInstanceOf(dev.modal4j.ModalException.class);
    }
  }

  @Test
  void naturalExitCodeAndNameReuse() {
    try (Sandbox sb = sandbox()) {
      SidecarContainer oneshot =
          sb.experimentalSidecars()
              .create(
                  "oneshot",
                  built,
                  SidecarCreateParams.builder().command(List.of("sh", "-c", "exit 42")).build());
      assertThat(oneshot.waitFor()).isEqualTo(42);
      assertThat(oneshot.waitFor()).isEqualTo(42);
      assertThatThrownBy(() -> sb.experimentalSidecars().get("oneshot"))
          .isInstanceOf(NotFoundException.class);
      SidecarContainer ended =
          sb.experimentalSidecars()
              .get("oneshot", SidecarGetParams.builder().includeTerminated(true).build());
      assertThat(ended.containerId()).isEqualTo(oneshot.containerId());
      assertThat(ended.poll()).hasValue(42);

      SidecarContainer again = sb.experimentalSidecars().create("oneshot", built, sleeping());
      assertThat(again.containerId()).isNotEqualTo(oneshot.containerId());
      assertThat(
              sb.experimentalSidecars()
                  .list(SidecarListParams.builder().includeTerminated(true).build()))
          .extracting(SidecarContainer::containerId)
          .containsExactly(oneshot.containerId(), again.containerId());
    }
  }

  @Test
  void aRunningNameIsRefused() {
    try (Sandbox sb = sandbox()) {
      sb.experimentalSidecars().create("worker", built, sleeping());
      assertThatThrownBy(() -> sb.experimentalSidecars().create("worker", built, sleeping()))
          .isInstanceOf(AlreadyExistsException.class)
          .hasMessageContaining("worker");
    }
  }

  @Test
  void theSandboxsEndEndsItsSidecars() {
    try (Sandbox sb =
        modal
            .sandboxes()
            .create(
                app,
                modal.images().fromRegistry("alpine:3.21"),
                SandboxCreateParams.builder().command(List.of("sleep", "5")).build())) {
      SidecarContainer worker = sb.experimentalSidecars().create("worker", built, sleeping());
      assertThat(worker.poll()).isEmpty();
      // The main container's command exits after 5 s; the sidecar (sleeping 100 s) ends with it.
      assertThat(worker.waitFor()).isEqualTo(137);
      assertThat(sb.waitFor()).isZero();
    }
  }

  @Test
  void aVolumeWrittenByTheMainContainerIsSeenInTheSidecar() {
    dev.modal4j.volumes.Volume volume =
        modal
            .volumes()
            .fromName(
                "sidecar-vol-" + System.nanoTime(),
                dev.modal4j.volumes.VolumeFromNameParams.builder().createIfMissing(true).build());
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
      SidecarContainer worker =
          sb.experimentalSidecars()
              .create(
                  "worker",
                  built,
                  sleeping().toBuilder().volumes(Map.of("/mnt/own", volume)).build());
      assertThat(sb.exec(List.of("sh", "-c", "echo shared > /data/note")).waitFor()).isZero();
      // as on Modal, each container has its own view: the main container's write reaches the
      // volume when it commits (its reload), and the sidecar sees it after its own reload
      worker.reloadVolumes();
      ContainerProcess before = worker.exec(List.of("sh", "-c", "ls /mnt/own /data"));
      assertThat(before.stdout().readText()).doesNotContain("note");
      assertThat(before.waitFor()).isZero();
      sb.reloadVolumes();
      worker.reloadVolumes();
      ContainerProcess p = worker.exec(List.of("sh", "-c", "cat /mnt/own/note /data/note"));
      assertThat(p.stdout().readText()).isEqualTo("shared\nshared\n");
      assertThat(p.waitFor()).isZero();
    }
  }

  @Test
  void theSidecarsFilesystemIsItsOwn() {
    try (Sandbox sb = sandbox()) {
      SidecarContainer worker = sb.experimentalSidecars().create("worker", built, sleeping());
      worker.filesystem().writeText("/tmp/sidecar-hello", "hi from sidecar");
      assertThat(worker.filesystem().readText("/tmp/sidecar-hello")).isEqualTo("hi from sidecar");
      assertThat(worker.filesystem().stat("/tmp/sidecar-hello").size()).isEqualTo(15);
      assertThat(worker.filesystem()).isSameAs(worker.filesystem());
      assertThatThrownBy(() -> sb.filesystem().stat("/tmp/sidecar-hello"))
          .isInstanceOf(dev.modal4j.SandboxFilesystemNotFoundException.class);
      ContainerProcess cat = worker.exec(List.of("cat", "/tmp/sidecar-hello"));
      assertThat(cat.stdout().readText()).isEqualTo("hi from sidecar");
    }
  }

  @Test
  void allowlistsAreCheckedByTheEmulator() {
    try (Sandbox sb = sandbox()) {
      SidecarContainer limited =
          sb.experimentalSidecars()
              .create(
                  "limited",
                  built,
                  sleeping().toBuilder()
                      .outboundCidrAllowlist(List.of("10.0.0.0/8"))
                      .outboundDomainAllowlist(List.of("*.example.com"))
                      .build());
      assertThat(limited.poll()).isEmpty();
      assertThatThrownBy(
              () ->
                  sb.experimentalSidecars()
                      .create(
                          "bad",
                          built,
                          sleeping().toBuilder()
                              .outboundCidrAllowlist(List.of("not-a-cidr"))
                              .build()))
          .isInstanceOf(InvalidException.class)
          .hasMessageContaining("not-a-cidr");
    }
  }

  @Test
  void badInputIsRefusedBeforeAnyRpc() {
    try (Sandbox sb = sandbox()) {
      Sandbox fresh = modal.sandboxes().fromId(sb.sandboxId());
      SidecarService sidecars = fresh.experimentalSidecars();
      Image unbuilt = modal.images().fromRegistry("alpine:3.21");
      long before = emulator.stats().total();
      assertThatThrownBy(() -> sidecars.create("main", built, sleeping()))
          .isInstanceOf(InvalidException.class)
          .hasMessageContaining("main");
      assertThatThrownBy(() -> sidecars.create("", built, sleeping()))
          .isInstanceOf(InvalidException.class)
          .hasMessageContaining("name");
      assertThatThrownBy(() -> sidecars.create("worker", unbuilt, sleeping()))
          .isInstanceOf(InvalidException.class)
          .hasMessageContaining("built");
      assertThatThrownBy(() -> sidecars.get("main")).isInstanceOf(InvalidException.class);
      assertThatThrownBy(
              () ->
                  SidecarCreateParams.builder()
                      .volumes(
                          Map.of(
                              "/a",
                              dev.modal4j.volumes.Volume.fromId("vo-1"),
                              "/b",
                              dev.modal4j.volumes.Volume.fromId("vo-1"))))
          .isInstanceOf(InvalidException.class)
          .hasMessageContaining("/a, /b");
      assertThatThrownBy(() -> SidecarCreateParams.builder().workdir("relative"))
          .isInstanceOf(InvalidException.class)
          .hasMessageContaining("workdir");
      assertThat(emulator.stats().total()).isEqualTo(before);
      fresh.detach();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
