package dev.modal4j.sandboxes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modal4j.BackendContract;
import dev.modal4j.ExecTimeoutException;
import dev.modal4j.InvalidException;
import dev.modal4j.NotFoundException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The SDK's sandboxes against the emulator, on one of its backends (a subclass per backend): the
 * "done when" list of issue 9.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
abstract class SandboxContract extends BackendContract {
  @Override
  protected String appName() {
    return "sandbox-tests";
  }

  Sandbox create() {
    return create(SandboxCreateParams.DEFAULT);
  }

  /** Creates a sandbox of this contract's kind (V1 here; a subclass may create V2 ones). */
  Sandbox create(SandboxCreateParams params) {
    return modal.sandboxes().create(app, image, params);
  }

  /** Looks a sandbox of this contract's kind up by name. */
  Sandbox fromName(String appName, String name) {
    return modal.sandboxes().fromName(appName, name);
  }

  /** Lists sandboxes of this contract's kind. */
  java.util.stream.Stream<Sandbox> list(SandboxListParams params) {
    return modal.sandboxes().list(params);
  }

  /** The control-plane RPC that hands out command router access for this contract's kind. */
  String routerAccessRpc() {
    return "TaskGetCommandRouterAccess";
  }

  /** How often that RPC is called by a first exec whose router token is refused once. */
  long routerAccessCallsForARefusedFirstExec() {
    return 2;
  }

  @Test
  void execEcho() {
    try (Sandbox sb = create()) {
      ContainerProcess p = sb.exec(List.of("echo", "hello world"));
      assertThat(p.stdout().readText()).isEqualTo("hello world\n");
      assertThat(p.waitFor()).isZero();
    }
  }

  @Test
  void stdinToCat() throws Exception {
    try (Sandbox sb = create()) {
      ContainerProcess p = sb.exec(List.of("cat"));
      try (OutputStream in = p.stdin()) {
        in.write("line one\n".getBytes(StandardCharsets.UTF_8));
        in.write("line two\n".getBytes(StandardCharsets.UTF_8));
      }
      assertThat(p.stdout().lines()).containsExactly("line one", "line two");
      assertThat(p.waitFor()).isZero();
    }
  }

  @Test
  void stderrAndExitCode() {
    try (Sandbox sb = create()) {
      ContainerProcess p = sb.exec(List.of("sh", "-c", "echo oops >&2; exit 3"));
      assertThat(p.stderr().readText()).isEqualTo("oops\n");
      assertThat(p.stdout().readText()).isEmpty();
      assertThat(p.waitFor()).isEqualTo(3);
    }
  }

  @Test
  void envAndWorkdir() {
    try (Sandbox sb = create()) {
      ContainerProcess p =
          sb.exec(
              List.of("sh", "-c", "echo $GREETING; pwd"),
              ExecParams.builder().env(Map.of("GREETING", "hi there")).workdir("/tmp").build());
      assertThat(p.stdout().readText()).isEqualTo("hi there\n/tmp\n");
      assertThat(p.waitFor()).isZero();
    }
  }

  @Test
  void tenMegabytesOfBinaryStdout() throws Exception {
    try (Sandbox sb = create()) {
      ContainerProcess p =
          sb.exec(
              List.of("sh", "-c", "head -c 10485760 /dev/urandom | tee /tmp/out | cat"),
              ExecParams.builder().mode(StreamMode.BINARY).build());
      byte[] out = p.stdout().readBytes();
      assertThat(p.waitFor()).isZero();
      assertThat(out).hasSize(10 * 1024 * 1024);
      ContainerProcess sum = sb.exec(List.of("sha256sum", "/tmp/out"));
      String expected = sum.stdout().readText().split(" ")[0];
      assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(out)))
          .isEqualTo(expected);
    }
  }

  @Test
  void pty() {
    try (Sandbox sb = create()) {
      ContainerProcess p =
          sb.exec(
              List.of("sh", "-c", "test -t 1 && echo tty; echo err >&2"),
              ExecParams.builder().pty(true).build());
      String out = p.stdout().readText();
      assertThat(out).contains("tty").contains("err");
      assertThat(p.stderr().readText()).isEmpty();
      assertThat(p.waitFor()).isZero();
    }
  }

  @Test
  void execTimeout() {
    try (Sandbox sb = create()) {
      ContainerProcess p =
          sb.exec(
              List.of("sleep", "60"), ExecParams.builder().timeout(Duration.ofSeconds(1)).build());
      long t0 = System.nanoTime();
      int code;
      try {
        code = p.waitFor();
      } catch (ExecTimeoutException e) {
        code = -1;
      }
      assertThat(code)
          .as("SIGKILL (128 + 9) from the router, or the client's deadline")
          .isIn(137, -1);
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(20));
    }
  }

  @Test
  void secretsFromAMapAsEnv() {
    try (Sandbox sb =
        create(
            SandboxCreateParams.builder()
                .secrets(List.of(modal.secrets().fromMap(Map.of("SANDBOX_SECRET", "s1"))))
                .build())) {
      ContainerProcess p =
          sb.exec(
              List.of("sh", "-c", "echo $SANDBOX_SECRET $EXEC_SECRET"),
              ExecParams.builder()
                  .secrets(List.of(modal.secrets().fromMap(Map.of("EXEC_SECRET", "s2"))))
                  .build());
      assertThat(p.stdout().readText()).isEqualTo("s1 s2\n");
    }
  }

  @Test
  void entrypointCommandWithItsExitCodeAndStdout() {
    Sandbox sb =
        create(
            SandboxCreateParams.builder()
                .command(List.of("sh", "-c", "echo from-entrypoint; exit 7"))
                .build());
    assertThat(sb.stdout().readText()).isEqualTo("from-entrypoint\n");
    assertThat(sb.waitFor()).isEqualTo(7);
    assertThat(sb.poll()).hasValue(7);
    sb.detach();
  }

  @Test
  void entrypointStdin() throws Exception {
    Sandbox sb = create(SandboxCreateParams.builder().command(List.of("cat")).build());
    try (OutputStream in = sb.stdin()) {
      in.write("echoed\n".getBytes(StandardCharsets.UTF_8));
    }
    assertThat(sb.stdout().readText()).isEqualTo("echoed\n");
    assertThat(sb.waitFor()).isZero();
    sb.detach();
  }

  @Test
  void pollWhileRunningAndAfterExit() {
    try (Sandbox sb = create()) {
      ContainerProcess p = sb.exec(List.of("sh", "-c", "read line; exit 5"));
      assertThat(p.poll()).isEmpty();
      assertThat(sb.poll()).isEmpty();
      try (OutputStream in = p.stdin()) {
        in.write("go\n".getBytes(StandardCharsets.UTF_8));
      } catch (Exception e) {
        throw new AssertionError(e);
      }
      assertThat(p.waitFor()).isEqualTo(5);
      assertThat(p.poll()).hasValue(5);
    }
  }

  @Test
  void terminate() {
    Sandbox sb = create();
    assertThat(sb.poll()).isEmpty();
    OptionalInt code = sb.terminate(true);
    assertThat(code).hasValue(137);
    assertThat(modal.sandboxes().fromId(sb.sandboxId()).poll()).hasValue(137);
    assertThatThrownBy(() -> sb.exec(List.of("true")))
        .isInstanceOf(dev.modal4j.ClientClosedException.class);
  }

  @Test
  void fromIdAndFromName() {
    String name = "named-" + UUID.randomUUID().toString().substring(0, 8);
    try (Sandbox sb = create(SandboxCreateParams.builder().name(name).build())) {
      Sandbox byId = modal.sandboxes().fromId(sb.sandboxId());
      assertThat(byId.exec(List.of("echo", "by-id")).stdout().readText()).isEqualTo("by-id\n");
      byId.detach();
      Sandbox byName = fromName(app.name(), name);
      assertThat(byName.sandboxId()).isEqualTo(sb.sandboxId());
      byName.detach();
      assertThatThrownBy(() -> fromName(app.name(), name + "-missing"))
          .isInstanceOf(NotFoundException.class)
          .hasMessage(
              "Sandbox with name '" + name + "-missing' not found in App '" + app.name() + "'");
    }
  }

  @Test
  void tagsAndListByTag() {
    String tag = UUID.randomUUID().toString();
    try (Sandbox a = create(SandboxCreateParams.builder().tags(Map.of("run", tag)).build());
        Sandbox b = create()) {
      b.setTags(Map.of("run", tag, "role", "b"));
      assertThat(b.tags()).isEqualTo(Map.of("run", tag, "role", "b"));
      List<String> listed =
          list(SandboxListParams.builder().appId(app.appId()).tags(Map.of("run", tag)).build())
              .map(Sandbox::sandboxId)
              .collect(Collectors.toList());
      assertThat(listed).containsExactlyInAnyOrder(a.sandboxId(), b.sandboxId());
      assertThat(
              list(SandboxListParams.builder().tags(Map.of("run", tag, "role", "b")).build())
                  .map(Sandbox::sandboxId))
          .containsExactly(b.sandboxId());
    }
  }

  @Test
  void aGpuSandbox() {
    try (Sandbox sb = create(SandboxCreateParams.builder().gpu("A100-80G").build())) {
      assertThat(sb.exec(List.of("true")).waitFor()).isZero();
      var gpu =
          emulator
              .sandboxes()
              .get(sb.sandboxId())
              .orElseThrow()
              .definition()
              .getResources()
              .getGpuConfig();
      assertThat(gpu.getGpuType()).isEqualTo("A100-80GB");
      assertThat(gpu.getCount()).isEqualTo(1);
    }
  }

  @Test
  void anUnencryptedPortTunnelReachedByAnHttpClient() throws Exception {
    try (Sandbox sb =
        create(
            SandboxCreateParams.builder()
                .command(List.of("python3", "-m", "http.server", "8000"))
                .unencryptedPorts(List.of(8000))
                .readinessProbe(Probe.tcp(8000))
                .build())) {
      sb.waitUntilReady(Duration.ofSeconds(30));
      Tunnel t = sb.tunnels(Duration.ofSeconds(30)).get(8000);
      assertThat(t).isNotNull();
      var tcp = t.tcpSocket();
      HttpResponse<String> resp =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://" + tcp.getHostString() + ":" + tcp.getPort() + "/"))
                      .timeout(Duration.ofSeconds(10))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(resp.statusCode()).isEqualTo(200);
    }
  }

  @Test
  void aReadinessProbeWithWaitUntilReady() {
    try (Sandbox sb =
        create(
            SandboxCreateParams.builder()
                .command(List.of("sh", "-c", "sleep 1; touch /tmp/ready; sleep 600"))
                .readinessProbe(Probe.exec(List.of("test", "-f", "/tmp/ready")))
                .build())) {
      sb.waitUntilReady(Duration.ofSeconds(30));
      assertThat(sb.exec(List.of("test", "-f", "/tmp/ready")).waitFor()).isZero();
    }
  }

  @Test
  void aStdoutReadResumedAfterAnInjectedDropLosesAndRepeatsNothing() throws Exception {
    try (Sandbox sb = create()) {
      ContainerProcess seq = sb.exec(List.of("sh", "-c", "seq 1 200000"));
      String expected = seq.stdout().readText();
      emulator.faults().dropExecOutputAfter(100_000, 3);
      ContainerProcess p = sb.exec(List.of("sh", "-c", "seq 1 200000"));
      assertThat(p.stdout().readText()).isEqualTo(expected);
      assertThat(emulator.faults().takeExecOutputDrop()).as("all three drops happened").isFalse();
    }
  }

  @Test
  void aRefusedRouterTokenIsRefreshedOnceAndTheCallRetried() {
    try (Sandbox sb = create()) {
      long before = emulator.stats().count(routerAccessRpc());
      emulator.faults().failRouterAuth(1);
      ContainerProcess p = sb.exec(List.of("echo", "after refresh"));
      assertThat(p.stdout().readText()).isEqualTo("after refresh\n");
      assertThat(emulator.stats().count(routerAccessRpc()) - before)
          .isEqualTo(routerAccessCallsForARefusedFirstExec());
    }
  }

  @Test
  void badInputIsRefusedBeforeAnyRpc() {
    long before = emulator.stats().total();
    assertThatThrownBy(() -> SandboxCreateParams.builder().cpu(-1))
        .isInstanceOf(InvalidException.class);
    assertThatThrownBy(() -> SandboxCreateParams.builder().cpuLimit(2).build())
        .isInstanceOf(InvalidException.class);
    assertThatThrownBy(() -> SandboxCreateParams.builder().workdir("tmp"))
        .isInstanceOf(InvalidException.class);
    assertThatThrownBy(() -> SandboxCreateParams.builder().gpu("A100:zero"))
        .isInstanceOf(InvalidException.class);
    assertThatThrownBy(() -> modal.sandboxes().create(app, null))
        .isInstanceOf(InvalidException.class);
    Sandbox handle = modal.sandboxes().fromId("sb-unknown");
    assertThatThrownBy(() -> handle.exec(List.of("x".repeat(70_000))))
        .isInstanceOf(InvalidException.class)
        .hasMessageContaining("ARG_MAX");
    assertThatThrownBy(() -> handle.waitUntilReady(Duration.ZERO))
        .isInstanceOf(InvalidException.class);
    assertThatThrownBy(() -> handle.setTags(null)).isInstanceOf(InvalidException.class);
    assertThat(emulator.stats().total()).isEqualTo(before);
  }
}
