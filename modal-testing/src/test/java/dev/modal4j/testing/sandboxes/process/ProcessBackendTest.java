package dev.modal4j.testing.sandboxes.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.modal4j.testing.sandboxes.backend.ExecSpec;
import dev.modal4j.testing.sandboxes.backend.ExitStatus;
import dev.modal4j.testing.sandboxes.backend.MountSpec;
import dev.modal4j.testing.sandboxes.backend.RunningProcess;
import dev.modal4j.testing.sandboxes.backend.SandboxRuntime;
import dev.modal4j.testing.sandboxes.backend.SandboxSpec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The process backend, with bubblewrap (when it works on this machine) and without: entrypoints,
 * signals, environment, workdir, mounts, network, and cleanup of processes and directories.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ProcessBackendTest {
  private ProcessBackend backend;

  @AfterEach
  void close() {
    if (backend != null) {
      backend.close();
      assertThat(backend.root()).doesNotExist();
    }
  }

  private SandboxRuntime start(boolean isolate, SandboxSpec spec) throws IOException {
    backend = new ProcessBackend(isolate);
    if (!isolate) {
      assertThat(backend.isolated()).isFalse();
    }
    return backend.start(spec);
  }

  private static SandboxSpec spec(String id, List<String> entrypoint) {
    return spec(id, entrypoint, Map.of(), Optional.empty(), List.of(), false);
  }

  private static SandboxSpec spec(
      String id,
      List<String> entrypoint,
      Map<String, String> env,
      Optional<String> workdir,
      List<MountSpec> mounts,
      boolean blockNetwork) {
    return new SandboxSpec(
        id,
        "alpine:3.21",
        entrypoint,
        env,
        workdir,
        0,
        0,
        0,
        0,
        mounts,
        blockNetwork,
        List.of(),
        false);
  }

  private static String run(SandboxRuntime sandbox, String script) throws Exception {
    RunningProcess p =
        sandbox.exec(new ExecSpec(List.of("sh", "-c", script), Map.of(), Optional.empty(), false));
    p.stdin().close();
    String out = new String(p.stdout().readAllBytes(), StandardCharsets.UTF_8);
    p.exit().get(30, TimeUnit.SECONDS);
    return out;
  }

  @ParameterizedTest(name = "isolate={0}")
  @ValueSource(booleans = {true, false})
  void theEntrypointRunsWithItsStdoutAndExitCode(boolean isolate) throws Exception {
    SandboxRuntime sandbox =
        start(isolate, spec("sb-entry", List.of("sh", "-c", "echo main; echo err >&2; exit 7")));
    RunningProcess main = sandbox.main().orElseThrow();
    assertThat(new String(main.stdout().readAllBytes(), StandardCharsets.UTF_8))
        .isEqualTo("main\n");
    assertThat(new String(main.stderr().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("err\n");
    assertThat(main.exit().get(30, TimeUnit.SECONDS)).isEqualTo(ExitStatus.exited(7));
    assertThat(sandbox.describe()).contains("sb-entry");
  }

  @ParameterizedTest(name = "isolate={0}")
  @ValueSource(booleans = {true, false})
  void killSignalsTheWholeGroupAndTerminateLeavesNoProcessOrDirectory(boolean isolate)
      throws Exception {
    Set<Long> before = descendants();
    SandboxRuntime sandbox =
        start(isolate, spec("sb-kill", List.of("sh", "-c", "sleep 999 & sleep 999; wait")));
    RunningProcess main = sandbox.main().orElseThrow();
    RunningProcess exec =
        sandbox.exec(new ExecSpec(List.of("sleep", "999"), Map.of(), Optional.empty(), false));
    waitUntil(() -> descendants().size() >= before.size() + 4, "the sleeps to start");
    exec.kill(15);
    assertThat(exec.exit().get(10, TimeUnit.SECONDS)).isEqualTo(ExitStatus.killed(15));
    assertThat(main.exit()).isNotDone();
    Path dir = backend.root().resolve("sb-kill");
    assertThat(dir).isDirectory();
    sandbox.terminate();
    assertThat(main.exit().get(10, TimeUnit.SECONDS)).isEqualTo(ExitStatus.killed(9));
    assertThat(dir).doesNotExist();
    waitUntil(() -> before.containsAll(descendants()), "every sandbox process to be gone");
    sandbox.terminate(); // idempotent
  }

  private static Set<Long> descendants() {
    return ProcessHandle.current()
        .descendants()
        .filter(ProcessHandle::isAlive)
        .map(ProcessHandle::pid)
        .collect(Collectors.toSet());
  }

  private static void waitUntil(java.util.function.BooleanSupplier condition, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waiting for %s", what).isLessThan(deadline);
      Thread.sleep(10);
    }
  }

  @ParameterizedTest(name = "isolate={0}")
  @ValueSource(booleans = {true, false})
  void processesGetAMinimalEnvironmentNotTheEmulators(boolean isolate) throws Exception {
    SandboxRuntime sandbox =
        start(
            isolate,
            spec("sb-env", List.of(), Map.of("GIVEN", "yes"), Optional.empty(), List.of(), false));
    String env = run(sandbox, "env");
    Set<String> names =
        env.lines().map(l -> l.substring(0, l.indexOf('='))).collect(Collectors.toSet());
    Set<String> emulators = System.getenv().keySet();
    Set<String> allowed = Set.of("PATH", "HOME", "TMPDIR", "GIVEN", "PWD", "SHLVL", "_", "OLDPWD");
    assertThat(names).contains("PATH", "HOME", "GIVEN").isSubsetOf(allowed);
    assertThat(emulators.stream().filter(n -> !allowed.contains(n)).filter(names::contains))
        .isEmpty();
    String home = run(sandbox, "echo $HOME");
    assertThat(home.trim())
        .isEqualTo(backend.isolated() ? "/root" : backend.root().resolve("sb-env").toString());
  }

  @ParameterizedTest(name = "isolate={0}")
  @ValueSource(booleans = {true, false})
  void workdirsAreSandboxPaths(boolean isolate) throws Exception {
    SandboxRuntime sandbox =
        start(isolate, spec("sb-wd", List.of(), Map.of(), Optional.of("/app"), List.of(), false));
    Path dir = backend.root().resolve("sb-wd");
    String expected = backend.isolated() ? "/app" : dir.resolve("app").toString();
    assertThat(run(sandbox, "pwd").trim()).isEqualTo(expected);
    run(sandbox, "echo data > file");
    assertThat(dir.resolve("app/file")).hasContent("data");
    RunningProcess tmp =
        sandbox.exec(new ExecSpec(List.of("pwd"), Map.of(), Optional.of("/tmp"), false));
    assertThat(new String(tmp.stdout().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("/tmp\n");
  }

  @ParameterizedTest(name = "isolate={0}")
  @ValueSource(booleans = {true, false})
  void volumesAreMountedAtTheirPathsUnderBubblewrapElseLinkedInTheSandboxDirectory(
      boolean isolate, @TempDir Path volume) throws Exception {
    Files.writeString(volume.resolve("f"), "on the volume");
    SandboxRuntime sandbox =
        start(
            isolate,
            spec(
                "sb-vol",
                List.of(),
                Map.of(),
                Optional.empty(),
                List.of(new MountSpec(volume, "/data", false)),
                false));
    String path = backend.isolated() ? "/data" : backend.root().resolve("sb-vol/data").toString();
    assertThat(run(sandbox, "cat " + path + "/f")).isEqualTo("on the volume");
    run(sandbox, "echo written > " + path + "/g");
    assertThat(volume.resolve("g")).hasContent("written");
    sandbox.terminate();
    // Removing the sandbox directory leaves the volume's files alone.
    assertThat(volume.resolve("f")).hasContent("on the volume");
  }

  @ParameterizedTest(name = "isolate={0}")
  @ValueSource(booleans = {true})
  void bubblewrapIsolatesPidsTheSystemDirectoriesAndABlockedNetwork(boolean isolate)
      throws Exception {
    backend = new ProcessBackend(isolate);
    assumeThat(backend.isolated()).as("bubblewrap works on this machine").isTrue();
    try (ServerSocket host = new ServerSocket()) {
      host.bind(new InetSocketAddress("127.0.0.1", 0));
      String probe = "bash -c 'echo > /dev/tcp/127.0.0.1/" + host.getLocalPort() + "' && echo open";
      SandboxRuntime open =
          backend.start(spec("sb-net", List.of(), Map.of(), Optional.empty(), List.of(), false));
      assertThat(run(open, probe + " 2>/dev/null")).isEqualTo("open\n");
      SandboxRuntime blocked =
          backend.start(spec("sb-nonet", List.of(), Map.of(), Optional.empty(), List.of(), true));
      assertThat(run(blocked, probe + " 2>/dev/null || echo blocked")).isEqualTo("blocked\n");
      // A new pid namespace: the command is one of very few processes, not the host's.
      assertThat(Integer.parseInt(run(open, "ls /proc | grep -c '^[0-9]'").trim())).isLessThan(10);
      assertThat(run(open, "touch /usr/x 2>/dev/null && echo wrote || echo read-only"))
          .isEqualTo("read-only\n");
    }
  }
}
