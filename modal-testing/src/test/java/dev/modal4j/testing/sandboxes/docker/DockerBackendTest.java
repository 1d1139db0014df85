package dev.modal4j.testing.sandboxes.docker;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import dev.modal4j.testing.sandboxes.backend.ExecSpec;
import dev.modal4j.testing.sandboxes.backend.ExitStatus;
import dev.modal4j.testing.sandboxes.backend.MountSpec;
import dev.modal4j.testing.sandboxes.backend.RunningProcess;
import dev.modal4j.testing.sandboxes.backend.SandboxRuntime;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;

/**
 * The container backend against a real Docker engine. Skipped, saying why, where no engine answers
 * or the base image has not been built ({@code modal-testing/docker/build-base-image.sh}).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DockerBackendTest {

  private static DockerBackend backend;
  private static DockerClient docker;

  @BeforeAll
  static void connect() throws IOException {
    assumeTrue(
        DockerBackend.engineAnswers(),
        "no Docker engine answers: the container backend tests are skipped"
            + " (.ci/run starts one; see the README's section on Docker)");
    docker = DockerClientFactory.instance().client();
    assumeTrue(
        !docker.listImagesCmd().withImageNameFilter(DockerBackend.BASE_IMAGE).exec().isEmpty(),
        "the base image "
            + DockerBackend.BASE_IMAGE
            + " is missing: the container backend tests are skipped"
            + " (run modal-testing/docker/build-base-image.sh)");
    backend = DockerBackend.connect();
  }

  @AfterAll
  static void close() {
    if (backend != null) {
      backend.close();
    }
  }

  @Test
  void entrypointExitCodeAndStdout() throws Exception {
    SandboxRuntime sandbox =
        backend.start(Specs.sandbox().entrypoint("sh", "-c", "echo hello; exit 3").build());
    try {
      RunningProcess main = sandbox.main().orElseThrow();
      assertThat(text(main.stdout())).isEqualTo("hello\n");
      assertThat(main.exit().get(20, TimeUnit.SECONDS)).isEqualTo(ExitStatus.exited(3));
    } finally {
      sandbox.terminate();
    }
  }

  @Test
  void noEntrypointIdlesAndExecEchoes() throws Exception {
    SandboxRuntime sandbox = backend.start(Specs.sandbox().build());
    try {
      assertThat(sandbox.main()).isEmpty();
      RunningProcess echo = sandbox.exec(Specs.exec("echo", "hi", "there"));
      assertThat(text(echo.stdout())).isEqualTo("hi there\n");
      assertThat(text(echo.stderr())).isEmpty();
      assertThat(echo.exit().get(20, TimeUnit.SECONDS)).isEqualTo(ExitStatus.exited(0));
    } finally {
      sandbox.terminate();
    }
  }

  @Test
  void execStdinToCatEndsWithEof() throws Exception {
    SandboxRuntime sandbox = backend.start(Specs.sandbox().build());
    try {
      RunningProcess cat = sandbox.exec(Specs.exec("cat"));
      CompletableFuture<String> out = readAsync(cat.stdout());
      try (OutputStream stdin = cat.stdin()) {
        stdin.write("line one\nline two".getBytes(UTF_8));
      }
      assertThat(out.get(20, TimeUnit.SECONDS)).isEqualTo("line one\nline two");
      assertThat(cat.exit().get(20, TimeUnit.SECONDS)).isEqualTo(ExitStatus.exited(0));
    } finally {
      sandbox.terminate();
    }
  }

  @Test
  void entrypointStdinToCatEndsWithEof() throws Exception {
    SandboxRuntime sandbox = backend.start(Specs.sandbox().entrypoint("cat").build());
    try {
      RunningProcess cat = sandbox.main().orElseThrow();
      CompletableFuture<String> out = readAsync(cat.stdout());
      try (OutputStream stdin = cat.stdin()) {
        stdin.write("to the entrypoint\n".getBytes(UTF_8));
      }
      assertThat(out.get(20, TimeUnit.SECONDS)).isEqualTo("to the entrypoint\n");
      assertThat(cat.exit().get(20, TimeUnit.SECONDS)).isEqualTo(ExitStatus.exited(0));
    } finally {
      sandbox.terminate();
    }
  }

  @Test
  void stderrIsSeparateFromStdout() throws Exception {
    SandboxRuntime sandbox = backend.start(Specs.sandbox().build());
    try {
      RunningProcess p =
          sandbox.exec(
              Specs.exec("sh", "-c", "echo out; echo err >&2; echo out2; echo err2 >&2; exit 5"));
      CompletableFuture<String> err = readAsync(p.stderr());
      assertThat(text(p.stdout())).isEqualTo("out\nout2\n");
      assertThat(err.get(20, TimeUnit.SECONDS)).isEqualTo("err\nerr2\n");
      assertThat(p.exit().get(20, TimeUnit.SECONDS)).isEqualTo(ExitStatus.exited(5));
    } finally {
      sandbox.terminate();
    }
  }

  @Test
  void envAndWorkdirOfTheSandboxAndOfAnExec() throws Exception {
    SandboxRuntime sandbox =
        backend.start(
            Specs.sandbox()
                .env(Map.of("GREETING", "hello", "SHARED", "sandbox"))
                .workdir("/srv/not/there/before")
                .build());
    try {
      RunningProcess first = sandbox.exec(Specs.exec("sh", "-c", "echo $GREETING $SHARED; pwd"));
      assertThat(text(first.stdout())).isEqualTo("hello sandbox\n/srv/not/there/before\n");

      RunningProcess second =
          sandbox.exec(
              new ExecSpec(
                  List.of("sh", "-c", "echo $GREETING $SHARED; pwd"),
                  Map.of("SHARED", "exec"),
                  Optional.of("/tmp"),
                  false));
      assertThat(text(second.stdout())).isEqualTo("hello exec\n/tmp\n");
      assertThat(second.exit().get(20, TimeUnit.SECONDS)).isEqualTo(ExitStatus.exited(0));
    } finally {
      sandbox.terminate();
    }
  }

  @Test
  void tenMegabytesOfBinaryStdoutArriveByteExact() throws Exception {
    SandboxRuntime sandbox = backend.start(Specs.sandbox().build());
    try {
      RunningProcess p =
          sandbox.exec(
              Specs.exec(
                  "sh",
                  "-c",
                  "head -c 10485760 /dev/urandom >/tmp/r && sha256sum /tmp/r >&2 && cat /tmp/r"));
      CompletableFuture<String> err = readAsync(p.stderr());
      byte[] out = p.stdout().readAllBytes();
      assertThat(out).hasSize(10 * 1024 * 1024);
      String expected = err.get(20, TimeUnit.SECONDS).split(" ")[0];
      assertThat(sha256(out)).isEqualTo(expected);
      assertThat(p.exit().get(20, TimeUnit.SECONDS)).isEqualTo(ExitStatus.exited(0));
    } finally {
      sandbox.terminate();
    }
  }

  @Test
  void ptyExecSeesATerminal() throws Exception {
    SandboxRuntime sandbox = backend.start(Specs.sandbox().build());
    try {
      RunningProcess p =
          sandbox.exec(
              new ExecSpec(
                  List.of("sh", "-c", "test -t 0 && test -t 1 && echo on-a-tty; echo err >&2"),
                  Map.of(),
                  Optional.empty(),
                  true));
      // On a terminal stderr goes to stdout, and lines end with CR LF.
      assertThat(text(p.stdout())).isEqualTo("on-a-tty\r\nerr\r\n");
      assertThat(text(p.stderr())).isEmpty();
      assertThat(p.exit().get(20, TimeUnit.SECONDS)).isEqualTo(ExitStatus.exited(0));

      RunningProcess plain = sandbox.exec(Specs.exec("sh", "-c", "test -t 1 || echo no-tty"));
      assertThat(text(plain.stdout())).isEqualTo("no-tty\n");
    } finally {
      sandbox.terminate();
    }
  }

  @Test
  void ptyEntrypoint() throws Exception {
    SandboxRuntime sandbox =
        backend.start(
            Specs.sandbox().entrypoint("sh", "-c", "test -t 1 && echo tty-main").pty().build());
    try {
      RunningProcess main = sandbox.main().orElseThrow();
      assertThat(text(main.stdout())).isEqualTo("tty-main\r\n");
      assertThat(main.exit().get(20, TimeUnit.SECONDS)).isEqualTo(ExitStatus.exited(0));
    } finally {
      sandbox.terminate();
    }
  }

  @Test
  void killAnExecWithASignal() throws Exception {
    SandboxRuntime sandbox = backend.start(Specs.sandbox().build());
    try {
      RunningProcess sleeper = sandbox.exec(Specs.exec("sleep", "300"));
      RunningProcess other = sandbox.exec(Specs.exec("sleep", "300"));
      sleeper.kill(15);
      ExitStatus status = sleeper.exit().get(20, TimeUnit.SECONDS);
      assertThat(status).isEqualTo(ExitStatus.killed(15));
      assertThat(status.shellCode()).isEqualTo(143);
      // Only that exec was signalled.
      assertThat(other.exit()).isNotDone();
      other.kill(9);
      assertThat(other.exit().get(20, TimeUnit.SECONDS)).isEqualTo(ExitStatus.killed(9));

      RunningProcess trapper =
          sandbox.exec(
              Specs.exec(
                  "sh",
                  "-c",
                  "trap 'echo got-usr1; exit 7' USR1; echo ready; "
                      + "while :; do sleep 0.05; done"));
      byte[] ready = trapper.stdout().readNBytes(6);
      assertThat(new String(ready, UTF_8)).isEqualTo("ready\n");
      trapper.kill(10);
      assertThat(text(trapper.stdout())).isEqualTo("got-usr1\n");
      assertThat(trapper.exit().get(20, TimeUnit.SECONDS)).isEqualTo(ExitStatus.exited(7));
    } finally {
      sandbox.terminate();
    }
  }

  @Test
  void killTheEntrypointWithASignal() throws Exception {
    SandboxRuntime sandbox = backend.start(Specs.sandbox().entrypoint("sleep", "300").build());
    try {
      RunningProcess main = sandbox.main().orElseThrow();
      main.kill(15);
      assertThat(main.exit().get(20, TimeUnit.SECONDS)).isEqualTo(ExitStatus.killed(15));
    } finally {
      sandbox.terminate();
    }
  }

  @Test
  void cpuAndMemoryLimitsReachTheContainer() throws Exception {
    SandboxRuntime sandbox = backend.start(Specs.sandbox().limits(250, 500, 128, 256).build());
    try {
      InspectContainerResponse inspect = docker.inspectContainerCmd(containerOf(sandbox)).exec();
      assertThat(inspect.getHostConfig().getNanoCPUs()).isEqualTo(500_000_000L);
      assertThat(inspect.getHostConfig().getMemory()).isEqualTo(256L << 20);
      assertThat(inspect.getHostConfig().getMemoryReservation()).isEqualTo(128L << 20);
      assertThat(inspect.getHostConfig().getCpuShares()).isEqualTo(256);

      // What the sandbox itself sees: cgroup v1 or v2 files.
      RunningProcess p =
          sandbox.exec(
              Specs.exec(
                  "sh",
                  "-c",
                  "if [ -f /sys/fs/cgroup/cpu.max ]; then cat /sys/fs/cgroup/cpu.max"
                      + " /sys/fs/cgroup/memory.max; else"
                      + " echo $(cat /sys/fs/cgroup/cpu/cpu.cfs_quota_us)"
                      + " $(cat /sys/fs/cgroup/cpu/cpu.cfs_period_us);"
                      + " cat /sys/fs/cgroup/memory/memory.limit_in_bytes; fi"));
      assertThat(text(p.stdout())).isEqualTo("50000 100000\n268435456\n");
    } finally {
      sandbox.terminate();
    }
  }

  @Test
  void bindMountsHonourReadOnly(@TempDir Path dir) throws Exception {
    Path readOnly = Files.createDirectories(dir.resolve("ro"));
    Path readWrite = Files.createDirectories(dir.resolve("rw"));
    Files.writeString(readOnly.resolve("note.txt"), "from the host\n");
    SandboxRuntime sandbox =
        backend.start(
            Specs.sandbox()
                .mount(new MountSpec(readOnly, "/data/ro", true))
                .mount(new MountSpec(readWrite, "/data/rw", false))
                .build());
    try {
      RunningProcess read = sandbox.exec(Specs.exec("cat", "/data/ro/note.txt"));
      assertThat(text(read.stdout())).isEqualTo("from the host\n");

      RunningProcess refused = sandbox.exec(Specs.exec("sh", "-c", "echo x > /data/ro/new"));
      CompletableFuture<String> err = readAsync(refused.stderr());
      assertThat(refused.exit().get(20, TimeUnit.SECONDS).code()).isNotZero();
      assertThat(err.get(20, TimeUnit.SECONDS)).contains("Read-only file system");
      assertThat(readOnly.resolve("new")).doesNotExist();

      RunningProcess written =
          sandbox.exec(Specs.exec("sh", "-c", "echo from the sandbox > /data/rw/out.txt"));
      assertThat(written.exit().get(20, TimeUnit.SECONDS)).isEqualTo(ExitStatus.exited(0));
      assertThat(readWrite.resolve("out.txt")).hasContent("from the sandbox");
    } finally {
      sandbox.terminate();
    }
  }

  @Test
  void blockNetworkLeavesOnlyLoopback() throws Exception {
    SandboxRuntime blocked = backend.start(Specs.sandbox().blockNetwork().build());
    SandboxRuntime open = backend.start(Specs.sandbox().build());
    try {
      RunningProcess none = blocked.exec(Specs.exec("ls", "/sys/class/net"));
      assertThat(text(none.stdout()).split("\\s+")).containsExactly("lo");
      RunningProcess some = open.exec(Specs.exec("ls", "/sys/class/net"));
      assertThat(text(some.stdout()).split("\\s+")).contains("lo", "eth0");
    } finally {
      blocked.terminate();
      open.terminate();
    }
  }

  @Test
  void anOpenPortIsReachableFromTheHostOnLoopback() throws Exception {
    SandboxRuntime sandbox =
        backend.start(
            Specs.sandbox()
                .entrypoint(
                    "sh",
                    "-c",
                    "mkdir -p /www && echo served > /www/index.html && httpd -f -p 8080 -h /www")
                .ports(8080)
                .build());
    try {
      int port = sandbox.hostPort(8080).orElseThrow();
      assertThat(sandbox.hostPort(9090)).isEmpty();
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
      HttpRequest get =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/index.html")).build();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      HttpResponse<String> response = null;
      while (response == null) {
        try {
          response = http.send(get, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
          // The server inside is still starting; the engine's proxy refuses or resets until then.
          assertThat(System.nanoTime()).isLessThan(deadline);
          Thread.sleep(50);
        }
      }
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).isEqualTo("served\n");
    } finally {
      sandbox.terminate();
    }
  }

  @Test
  void aLocalImageRunsAsItselfAnUnknownOneAsTheBaseImage() throws Exception {
    SandboxRuntime local = backend.start(Specs.sandbox().image("local/debian:bookworm").build());
    SandboxRuntime unknown = backend.start(Specs.sandbox().image("alpine:0.0-not-here").build());
    try {
      assertThat(local.describe()).contains("local/debian:bookworm");
      // Debian's minbase has no python3; the base image has.
      RunningProcess noPython = local.exec(Specs.exec("sh", "-c", "command -v python3 || echo no"));
      assertThat(text(noPython.stdout())).isEqualTo("no\n");
      assertThat(unknown.describe()).contains(DockerBackend.BASE_IMAGE);
      RunningProcess python =
          unknown.exec(Specs.exec("python3", "-c", "import sys; print(sys.version_info[0])"));
      assertThat(text(python.stdout())).isEqualTo("3\n");
    } finally {
      local.terminate();
      unknown.terminate();
    }
  }

  @Test
  void imageLayersAreBuiltForRealOnceAndTheirVariablesStayOutOfTheImage() throws Exception {
    String marker = UUID.randomUUID().toString();
    Specs spec =
        Specs.sandbox()
            .layer(Map.of(), "RUN echo " + marker + " > /layer-one", "ENV FROM_LAYER=one")
            .layer(
                Map.of("BUILD_TOKEN", "s3cret-" + marker),
                "RUN test \"$BUILD_TOKEN\" = s3cret-" + marker + " && echo seen > /layer-two");
    SandboxRuntime first = backend.start(spec.build());
    SandboxRuntime second = backend.start(spec.build());
    try {
      RunningProcess p =
          first.exec(
              Specs.exec(
                  "sh", "-c", "cat /layer-one /layer-two; echo $FROM_LAYER ${BUILD_TOKEN:-unset}"));
      assertThat(text(p.stdout())).isEqualTo(marker + "\nseen\none unset\n");
      assertThat(first.describe()).contains("modal4j/sandbox-layer:");
      // The second sandbox of the same image reuses the build.
      assertThat(second.describe().split("image ")[1])
          .isEqualTo(first.describe().split("image ")[1]);
    } finally {
      first.terminate();
      second.terminate();
    }
  }

  @Test
  void aLayerThatFailsOnARealLocalImageFailsTheStart() {
    Specs spec = Specs.sandbox().image("local/debian:bookworm").layer(Map.of(), "RUN exit 42");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> backend.start(spec.build()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(spec.sandboxId)
        .hasMessageContaining("returned a non-zero code: 42");
    // The failed build's intermediate container is gone too.
    assertThat(
            docker.listContainersCmd().withShowAll(true).exec().stream()
                .filter(
                    c -> c.getLabels() == null || !c.getLabels().containsKey(ContainerLabels.KIND))
                .filter(c -> c.getCommand() != null && c.getCommand().contains("exit 42")))
        .isEmpty();
  }

  @Test
  void layersWrittenForAnImageThatIsNotHereAreLeftOutOnTheStandIn() throws Exception {
    SandboxRuntime sandbox =
        backend.start(
            Specs.sandbox()
                .image("alpine:0.0-not-here")
                .layer(Map.of(), "RUN apk add --no-cache curl")
                .build());
    try {
      assertThat(sandbox.describe()).contains(DockerBackend.BASE_IMAGE);
      assertThat(text(sandbox.exec(Specs.exec("echo", "ok")).stdout())).isEqualTo("ok\n");
    } finally {
      sandbox.terminate();
    }
  }

  @Test
  void unreadStdoutFillsABoundedPipeAndStopsTheProcess() throws Exception {
    SandboxRuntime sandbox = backend.start(Specs.sandbox().build());
    try {
      RunningProcess p = sandbox.exec(Specs.exec("head", "-c", "67108864", "/dev/zero"));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (p.stdout().available() < DockerProcess.PIPE_CAPACITY) {
        assertThat(System.nanoTime()).isLessThan(deadline);
        Thread.sleep(10);
      }
      // 64 MiB cannot fit in a 1 MiB pipe and the sockets' buffers: the process is held.
      assertThat(p.stdout().available()).isEqualTo(DockerProcess.PIPE_CAPACITY);
      assertThat(p.exit()).isNotDone();
      long total = 0;
      byte[] buffer = new byte[1 << 16];
      int n;
      while ((n = p.stdout().read(buffer)) >= 0) {
        total += n;
      }
      assertThat(total).isEqualTo(64L << 20);
      assertThat(p.exit().get(20, TimeUnit.SECONDS)).isEqualTo(ExitStatus.exited(0));
    } finally {
      sandbox.terminate();
    }
  }

  @Test
  void terminateRemovesTheContainerAndEndsItsProcesses() throws Exception {
    SandboxRuntime sandbox = backend.start(Specs.sandbox().entrypoint("sleep", "300").build());
    String id = containerOf(sandbox);
    RunningProcess exec = sandbox.exec(Specs.exec("sleep", "300"));
    assertThat(containers(ContainerLabels.SANDBOX_ID)).extracting(Container::getId).contains(id);
    sandbox.terminate();
    sandbox.terminate();
    assertThat(sandbox.main().orElseThrow().exit().get(20, TimeUnit.SECONDS))
        .isEqualTo(ExitStatus.killed(9));
    assertThat(exec.exit().get(20, TimeUnit.SECONDS)).isEqualTo(ExitStatus.killed(9));
    assertThat(containers(ContainerLabels.SANDBOX_ID))
        .extracting(Container::getId)
        .doesNotContain(id);
    assertThat(docker.listContainersCmd().withShowAll(true).withIdFilter(List.of(id)).exec())
        .isEmpty();
  }

  @Test
  void terminateEndsAnExecWhoseOutputNobodyReads() throws Exception {
    SandboxRuntime sandbox = backend.start(Specs.sandbox().build());
    RunningProcess unread = sandbox.exec(Specs.exec("head", "-c", "67108864", "/dev/zero"));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (unread.stdout().available() < DockerProcess.PIPE_CAPACITY) {
      assertThat(System.nanoTime()).isLessThan(deadline);
      Thread.sleep(10);
    }
    long t0 = System.nanoTime();
    sandbox.terminate();
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
    assertThat(unread.exit().get(1, TimeUnit.SECONDS)).isEqualTo(ExitStatus.killed(9));
    // What was buffered is still there, then the stream ends.
    long total = 0;
    byte[] buffer = new byte[1 << 16];
    int n;
    while ((n = unread.stdout().read(buffer)) >= 0) {
      total += n;
    }
    assertThat(total).isBetween((long) DockerProcess.PIPE_CAPACITY, 64L << 20);
  }

  @Test
  void closeRemovesEveryContainerAndThread() throws Exception {
    DockerBackend own = DockerBackend.connect();
    Specs firstSpec = Specs.sandbox().entrypoint("sleep", "300");
    Specs secondSpec = Specs.sandbox();
    SandboxRuntime first = own.start(firstSpec.build());
    SandboxRuntime second = own.start(secondSpec.build());
    RunningProcess unread = second.exec(Specs.exec("head", "-c", "33554432", "/dev/zero"));
    String a = containerOf(first);
    String b = containerOf(second);
    own.close();
    assertThat(docker.listContainersCmd().withShowAll(true).withIdFilter(List.of(a, b)).exec())
        .isEmpty();
    assertThat(unread.exit().get(20, TimeUnit.SECONDS).signalled()).isTrue();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!pumpThreads(firstSpec.sandboxId, secondSpec.sandboxId).isEmpty()) {
      assertThat(System.nanoTime()).isLessThan(deadline);
      Thread.sleep(10);
    }
  }

  @Test
  void leftoversOfAnEmulatorThatDiedAreRemovedAndLiveOnesKept() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    String host = java.net.InetAddress.getLocalHost().getHostName();
    String dead = labelled(host + ":" + gone.pid());
    String live = labelled(host + ":" + ProcessHandle.current().pid());
    try {
      assertThat(backend.removeLeftovers()).isGreaterThanOrEqualTo(1);
      assertThat(docker.listContainersCmd().withShowAll(true).withIdFilter(List.of(dead)).exec())
          .isEmpty();
      assertThat(docker.listContainersCmd().withShowAll(true).withIdFilter(List.of(live)).exec())
          .hasSize(1);
    } finally {
      docker.removeContainerCmd(live).withForce(true).exec();
    }
  }

  private static String labelled(String owner) {
    return docker
        .createContainerCmd(DockerBackend.BASE_IMAGE)
        .withEntrypoint("tail", "-f", "/dev/null")
        .withLabels(
            Map.of(
                ContainerLabels.KIND,
                ContainerLabels.SANDBOX,
                ContainerLabels.SANDBOX_ID,
                "sb-leftover",
                ContainerLabels.BACKEND,
                "some-other-backend",
                ContainerLabels.OWNER,
                owner))
        .exec()
        .getId();
  }

  // --- helpers

  static String containerOf(SandboxRuntime sandbox) {
    // describe(): "container <12 hex> (image ...)"
    String shortId = sandbox.describe().split(" ")[1];
    return docker.inspectContainerCmd(shortId).exec().getId();
  }

  private static List<Container> containers(String label) {
    return docker.listContainersCmd().withShowAll(true).withLabelFilter(List.of(label)).exec();
  }

  private static List<Thread> pumpThreads(String... sandboxIds) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(
            t ->
                List.of(sandboxIds).stream()
                    .anyMatch(id -> t.getName().startsWith("modal4j-docker-" + id + "-")))
        .toList();
  }

  static String text(InputStream in) throws IOException {
    return new String(in.readAllBytes(), UTF_8);
  }

  static CompletableFuture<String> readAsync(InputStream in) {
    CompletableFuture<String> result = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try {
                result.complete(text(in));
              } catch (IOException | RuntimeException e) {
                result.completeExceptionally(e);
              }
            },
            "test-reader");
    reader.setDaemon(true);
    reader.start();
    return result;
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
