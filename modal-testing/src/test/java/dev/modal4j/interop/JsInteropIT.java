package dev.modal4j.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.modal4j.ModalClient;
import dev.modal4j.PyTuple;
import dev.modal4j.queues.Queue;
import dev.modal4j.queues.QueueFromNameParams;
import dev.modal4j.queues.QueueGetParams;
import dev.modal4j.queues.QueuePutParams;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Modal's official JS SDK (npm {@code modal} 0.11.1) against the standalone emulator jar: each
 * script in {@code src/test/js} prints one PASS or FAIL line per check. Run with {@code ./mvnw
 * verify -Pinterop}; needs Node 20+ and npm.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class JsInteropIT {
  private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(75);

  private static NodeRunner node;
  private static StandaloneEmulatorProcess emulator;
  @TempDir static Path configDir;

  @BeforeAll
  static void startEmulatorAndInstallSdk() throws Exception {
    Path jsDir = Path.of(requiredProperty("modal4j.interopJsDir"));
    node = new NodeRunner(jsDir);
    node.requireNodeAndNpm();
    node.installLockedPackages(Duration.ofMinutes(5));
    emulator =
        StandaloneEmulatorProcess.start(
            Path.of(requiredProperty("modal4j.emulatorJar")), Duration.ofSeconds(30));
  }

  @AfterAll
  static void stopEmulator() {
    if (emulator != null) {
      emulator.close();
    }
  }

  @Test
  void authTokenAndNotFound() throws Exception {
    runScript(
        "auth_notfound.mjs",
        List.of(
            "fromName resolves a deployed function",
            "unknown function: NotFoundError",
            "unknown function: gRPC NOT_FOUND naming it",
            "unknown app: NotFoundError, gRPC NOT_FOUND naming it",
            "unknown class: NotFoundError",
            "unknown function call id: gRPC NOT_FOUND",
            "auth token fetched once: a JWT with a future exp"));
  }

  @Test
  void observability() throws Exception {
    runScript(
        "observability.mjs",
        List.of(
            "functions.fromId calls the function fromName found",
            "app.info() lists square and a deployed lifecycle",
            "stats() counts the calls made here, with failures",
            "metrics schema and export",
            "environments.fromName(createIfMissing)"));
  }

  @Test
  void functions() throws Exception {
    runScript(
        "functions.mjs",
        List.of(
            "remote with positional args: square(7)",
            "remote with kwargs and mixed args: add",
            "remote echo keeps CBOR values intact",
            "integers beyond 64 bits, one way each (bignum tags 2 and 3)",
            "20 concurrent remote calls each get their own result",
            "spawn, FunctionCall.fromId, get",
            "spawn with a 64 KiB argument (uploaded as a blob) and get",
            "remote echo of a 64K-character text string",
            "get with timeoutMs on a running call, then cancel it",
            "5 MiB argument and result through blobs",
            "input plane: square_ip(9) over AttemptStart/AttemptAwait",
            "remote error: fail raises ValueError",
            "web endpoint: has a URL and refuses remote"));
  }

  @Test
  void classesWithParametersAndGpuOptions() throws Exception {
    runScript(
        "classes.mjs",
        List.of(
            "Greeter without parameters uses the default greeting",
            "Greeter(greeting=Bonjour), with args and kwargs",
            "two instances with different parameters stay apart",
            "default instance reports no GPU",
            "withOptions gpu A100-80GB:2, cpu 2, memory 4096 MiB: resources() reports them",
            "withOptions and a parameter together",
            "options do not leak into a later plain instance",
            "unknown method: NotFoundError"));
  }

  @Test
  void queuesSharedWithJava() throws Exception {
    try (ModalClient modal =
        ModalClient.builder()
            .serverUrl(emulator.serverUrl())
            .tokenId("ak-java-interop")
            .tokenSecret("as-java-interop")
            .environmentVariables(Map.of())
            .homeDirectory(configDir)
            .build()) {
      QueueFromNameParams create = QueueFromNameParams.builder().createIfMissing(true).build();
      Queue toJs = modal.queues().fromName("interop-java-to-js", create);
      Map<String, Object> inner = new LinkedHashMap<>();
      inner.put("b", null);
      Map<String, Object> dict = new LinkedHashMap<>();
      dict.put("a", List.of(1, inner));
      dict.put("\u00fc", true);
      dict.put("n", false);
      toJs.putMany(
          List.of(
              40000,
              -7,
              Integer.MAX_VALUE,
              1.5,
              -0.25,
              1e300,
              "h\u00e9llo w\u00f6rld \u2713 \u65e5\u672c \uD83D\uDE00",
              new byte[] {0, 1, (byte) 255},
              List.of(1, List.of(2, List.of(3, "four"))),
              dict),
          QueuePutParams.builder().partition("readable").build());
      toJs.putMany(
          List.of(1L << 40, BigInteger.TWO.pow(70), PyTuple.of(1, "x")),
          QueuePutParams.builder().partition("unreadable").build());

      runScript(
          "queues.mjs",
          List.of(
              "ephemeral queue: put, putMany, len, get, getMany",
              "empty get with timeoutMs rejects with QueueEmptyError",
              "named queue with partitions, len, clear and delete",
              "iterate reads without removing",
              "reads the values Java put, with the same meaning",
              "JS 0.11.1 cannot read Java's 2^40, 2^70 or tuples (no LONG1/TUPLE opcodes)",
              "puts values for Java to read"));

      List<Object> fromJs =
          modal
              .queues()
              .fromName("interop-js-to-java")
              .getMany(
                  10,
                  Object.class,
                  QueueGetParams.builder().timeout(Duration.ofSeconds(10)).build());
      Map<String, Object> nested = new LinkedHashMap<>();
      nested.put("z", null);
      Map<String, Object> jsDict = new LinkedHashMap<>();
      jsDict.put("k", List.of(1L, 2L));
      jsDict.put("nested", nested);
      assertThat(fromJs).hasSize(10);
      assertThat(fromJs.subList(0, 5))
          .containsExactly(
              40000L, -7L, 2147483647L, 1.5, "gr\u00fc\u00dfe \u4e16\u754c \uD83D\uDE80");
      assertThat((byte[]) fromJs.get(5)).containsExactly(9, 8, 7);
      assertThat(fromJs.get(6)).isEqualTo(List.of(1L, List.of(2L, List.of("x"))));
      assertThat(fromJs.get(7)).isEqualTo(jsDict);
      assertThat(fromJs.get(8)).isEqualTo(true);
      assertThat(fromJs.get(9)).isNull();
    }
  }

  @Test
  void logs() throws Exception {
    runScript(
        "logs.mjs",
        List.of(
            "log_lines(3) call: logs fetched from the call's creation",
            "tail of a call: the most recent entries in order",
            "function logs since a time, stdout only, context ids name the call",
            "call stream follows a slow call and ends when it finishes",
            "sandbox entrypoint logs fetched and tailed"));
  }

  /** The checks of sandboxes.mjs, run once per sandbox version. */
  private static final List<String> SANDBOX_CHECKS =
      List.of(
          "exec echo: stdout and exit code 0",
          "stdin to cat, closed for EOF",
          "stderr apart from stdout, and a non-zero exit code",
          "exec env and workdir",
          "10 MiB of binary stdout, byte-exact",
          "PTY exec: stdout is a terminal",
          "exec timeout ends a long command",
          "secrets from an object become the exec's env",
          "entrypoint command: its stdout, env from sandbox secrets, exit code",
          "entrypoint stdin to cat",
          "poll while running (null) and after exit (the code)",
          "terminate: wait gives 137",
          "fromId gives a handle that execs",
          "named sandbox: fromName finds it; an unknown name is NotFoundError",
          "tags: setTags, getTags, list by tag",
          "GPU A100-80GB sandbox is created and runs",
          "unencrypted port: a tunnel an HTTP client on this host reaches",
          "exec readiness probe: waitUntilReady returns once it passes",
          "bad input is refused before any RPC",
          "sandbox version as MODAL_SANDBOX_V2 asks (V2 unless false; a GPU one is V1)");

  /** Sandboxes as JS 0.11.1 makes them by default: V2 (SandboxCreateV2, the router's stdio). */
  @Test
  void sandboxesV2ByDefault() throws Exception {
    runScript("sandboxes.mjs", SANDBOX_CHECKS, Map.of());
  }

  /** The same checks with V1 sandboxes (SandboxCreate, SandboxGetLogs, SandboxStdinWrite). */
  @Test
  void sandboxesV1() throws Exception {
    runScript("sandboxes.mjs", SANDBOX_CHECKS, Map.of("MODAL_SANDBOX_V2", "false"));
  }

  /** The checks of sidecars.mjs, run once per sandbox version. */
  private static final List<String> SIDECAR_CHECKS =
      List.of(
          "create: a ctr- id and the name, through the create RPC of the sandbox's version",
          "exec in the sidecar: its env over its secrets",
          "the sidecar reaches a server of the main container on localhost",
          "the sidecar's filesystem is its own",
          "terminate with wait gives 137; wait and poll agree; listed only with includeTerminated",
          "natural exit 42; get finds it only with includeTerminated; the name is free again",
          "a running name is AlreadyExistsError",
          "bad input is refused before any RPC");

  /** Sidecars of a V2 sandbox: created on the control plane (SandboxContainerCreateV2). */
  @Test
  void sidecarsV2() throws Exception {
    runScript("sidecars.mjs", SIDECAR_CHECKS, Map.of());
  }

  /** Sidecars of a V1 sandbox: created on the command router (TaskContainerCreate). */
  @Test
  void sidecarsV1() throws Exception {
    runScript("sidecars.mjs", SIDECAR_CHECKS, Map.of("MODAL_SANDBOX_V2", "false"));
  }

  /** Issue 10: the sandbox filesystem as Modal's JS SDK uses it (the in-sandbox tool protocol). */
  @Test
  void sandboxFilesystem() throws Exception {
    runScript(
        "filesystem.mjs",
        List.of(
            "writeText then readText, and exec sees the file",
            "writeBytes then readBytes, byte-exact; a file exec wrote is read",
            "listFiles sorted, with types, sizes and symlink targets",
            "stat matches the shell's stat",
            "remove: a file, an empty directory, recursive; errors typed",
            "errors: not found, is a directory, not a directory, already exists",
            "copyFromLocal and copyToLocal of 8 MiB, byte-exact",
            "watch sees a file another exec creates"));
  }

  /** Tunnels and connect tokens (issue 10), trusting the emulator's tunnel CA. */
  @Test
  void tunnelsAndConnectTokens() throws Exception {
    runScript(
        "tunnels.mjs",
        List.of(
            "encrypted port: its https URL fetched trusting the emulator's CA",
            "h2 port: the TLS endpoint negotiates ALPN h2",
            "connect token: accepted, metadata forwarded; a bad or missing token refused"),
        Map.of("NODE_EXTRA_CA_CERTS", emulator.tunnelCaFile().orElse("")));
  }

  /** Snapshots and image mounts (issue 10) through JS 0.11.1. */
  @Test
  void snapshots() throws Exception {
    runScript(
        "snapshots.mjs",
        List.of(
            "filesystem snapshot: a new sandbox started from it reads the file",
            "directory snapshot mounted elsewhere in another sandbox; unmount removes it",
            "bad TTLs and an unbuilt image are refused"));
  }

  /** Issue 11: a volume shared by two sandboxes and deleted, and secrets not found. */
  @Test
  void volumesAndSecrets() throws Exception {
    runScript(
        "volumes_secrets.mjs",
        List.of(
            "a volume shared by two sandboxes: one writes, the other reads; read-only refuses writes",
            "the volume deleted: fromName fails, and a new one of the name starts empty",
            "a secret not found, and one missing a required key, are NotFoundError",
            "a secret made from an object reaches the sandbox without a lookup by name"));
  }

  /** Issue 11: images built for real on the emulator's container backend, through JS 0.11.1. */
  @Test
  void images() throws Exception {
    runScript(
        "images.mjs",
        List.of(
            "build and fromId: the built layer has an im- id that fromId finds",
            "dockerfile layers in a sandbox: files from RUN commands read by an exec",
            "a failing RUN rejects the build with its command and log",
            "publish then fromName finds the image; an unpublished name is not found",
            "delete: the layer is gone, the image it was built on stays"));
  }

  private static void runScript(String script, List<String> expectedChecks) throws Exception {
    runScript(script, expectedChecks, Map.of());
  }

  private static void runScript(
      String script, List<String> expectedChecks, Map<String, String> extraEnv) throws Exception {
    assertThat(emulator.isAlive())
        .as("emulator still running; its output:\n%s", emulator.recentOutput())
        .isTrue();
    Map<String, String> env = new LinkedHashMap<>(extraEnv);
    env.putAll(
        Map.of(
            "MODAL_SERVER_URL",
            emulator.serverUrl(),
            "MODAL_TOKEN_ID",
            "ak-js-interop",
            "MODAL_TOKEN_SECRET",
            "as-js-interop",
            "MODAL_CONFIG_PATH",
            configDir.resolve("absent.modal.toml").toString()));
    NodeRunner.Result run = node.run(List.of("node", script), env, SCRIPT_TIMEOUT);
    System.out.printf("--- %s (exit %d) ---%n%s%n", script, run.exitCode(), run.output());
    List<String> problems = problems(script, expectedChecks, run);
    if (!problems.isEmpty()) {
      fail(
          String.format(
              "%s%n--- full output of %s ---%n%s%n--- emulator output (last lines) ---%n%s",
              String.join("\n", problems), script, run.output(), emulator.recentOutput()));
    }
  }

  private static List<String> problems(
      String script, List<String> expectedChecks, NodeRunner.Result run) {
    List<String> lines = run.output().lines().toList();
    List<String> problems = new ArrayList<>();
    lines.stream().filter(line -> line.startsWith("FAIL")).forEach(problems::add);
    for (String check : expectedChecks) {
      if (lines.stream().noneMatch(line -> reports(line, "PASS ", check))
          && lines.stream().noneMatch(line -> reports(line, "FAIL ", check))) {
        problems.add("no PASS line for \"" + check + "\"");
      }
    }
    String summary =
        String.format(
            "%s: %d passed, 0 failed",
            script.substring(0, script.indexOf('.')), expectedChecks.size());
    if (!lines.contains(summary)) {
      problems.add("no summary line \"" + summary + "\"");
    }
    if (run.exitCode() != 0) {
      problems.add(script + " exited with " + run.exitCode());
    }
    return problems;
  }

  private static boolean reports(String line, String verdict, String check) {
    return line.startsWith(verdict + check + ":") || line.startsWith(verdict + check + " (");
  }

  private static String requiredProperty(String name) {
    String value = System.getProperty(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(
          "system property " + name + " is not set: run this test with `./mvnw verify -Pinterop`");
    }
    return value;
  }
}
