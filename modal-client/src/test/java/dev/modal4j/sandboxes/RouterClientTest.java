package dev.modal4j.sandboxes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modal4j.ClientClosedException;
import dev.modal4j.ExecTimeoutException;
import dev.modal4j.ModalClient;
import dev.modal4j.proto.router.TaskExecStdioFileDescriptor;
import dev.modal4j.proto.router.TaskExecWaitResponse;
import io.grpc.Metadata;
import io.grpc.Status;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The command router client against a scripted router: auth, resume, retries, deadlines. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RouterClientTest {
  private FakeRouter fake;
  private ModalClient modal;

  @BeforeEach
  void start() throws Exception {
    fake = new FakeRouter();
    modal =
        ModalClient.builder()
            .channel(fake.controlChannel())
            .serverUrl("http://127.0.0.1:1")
            .tokenId("ak-test")
            .tokenSecret("as-test")
            .environmentVariables(Map.of())
            .build();
  }

  @AfterEach
  void stop() throws Exception {
    modal.close();
    fake.close();
  }

  private static byte[] random(int n) {
    byte[] b = new byte[n];
    new Random(42).nextBytes(b);
    return b;
  }

  @Test
  void stdoutIsResumedFromTheByteOffsetAfterEachDropWithNoByteLostOrRepeated() {
    byte[] expected = random(3 * 1024 * 1024 + 123);
    fake.stdout = expected;
    fake.chunkSize = 100_000;
    fake.dropAfterBytes = 700_000;
    fake.dropsLeft.set(3);
    Sandbox sb = modal.sandboxes().fromId(FakeRouter.SANDBOX_ID);
    ContainerProcess p =
        sb.exec(List.of("cat", "big"), ExecParams.builder().mode(StreamMode.BINARY).build());
    assertThat(p.stdout().readBytes()).isEqualTo(expected);
    assertThat(fake.readOffsets).containsExactly(0L, 700_000L, 1_400_000L, 2_100_000L);
    sb.detach();
  }

  @Test
  void aV2EntrypointStdoutIsResumedFromTheByteOffsetThroughTheV2Rpcs() {
    byte[] expected = random(2 * 1024 * 1024 + 7);
    fake.stdout = expected;
    fake.chunkSize = 100_000;
    fake.dropAfterBytes = 600_000;
    fake.dropsLeft.set(2);
    Sandbox sb = modal.sandboxes().fromId(FakeRouter.V2_SANDBOX_ID);
    assertThat(sb.stdout().readBytes()).isEqualTo(expected);
    assertThat(fake.entrypointReadOffsets).containsExactly(0L, 600_000L, 1_200_000L);
    assertThat(fake.v2TaskIdCalls.get()).isEqualTo(1);
    assertThat(fake.v2AccessCalls.get()).isEqualTo(1);
    assertThat(fake.accessCalls.get()).as("the V1 access RPC").isZero();
    sb.detach();
  }

  @Test
  void aV2EntrypointStdinCarriesOffsetsAndCloseSendsEof() throws Exception {
    Sandbox sb = modal.sandboxes().fromId(FakeRouter.V2_SANDBOX_ID);
    try (OutputStream in = sb.stdin()) {
      in.write("abc".getBytes(StandardCharsets.UTF_8));
      in.write("defgh".getBytes(StandardCharsets.UTF_8));
    }
    assertThat(fake.entrypointStdinWrites)
        .extracting(w -> w.getOffset(), w -> w.getData().toStringUtf8(), w -> w.getEof())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(0L, "abc", false),
            org.assertj.core.groups.Tuple.tuple(3L, "defgh", false),
            org.assertj.core.groups.Tuple.tuple(8L, "", true));
    assertThat(fake.entrypointStdinWrites).allMatch(w -> w.getTaskId().equals(FakeRouter.TASK_ID));
    sb.detach();
  }

  @Test
  void routerCallsCarryOnlyTheBearerTokenAndAUuidExecId() {
    Sandbox sb = modal.sandboxes().fromId(FakeRouter.SANDBOX_ID);
    ContainerProcess p =
        sb.exec(
            List.of("echo", "hi"),
            ExecParams.builder()
                .workdir("/tmp")
                .env(Map.of("A", "1"))
                .timeout(Duration.ofSeconds(30))
                .pty(true)
                .stderr(StdioMode.IGNORE)
                .build());
    assertThat(p.waitFor()).isZero();
    var start = fake.starts.get(0);
    assertThat(start.getExecId()).matches("[0-9a-f-]{36}");
    assertThat(start.getTaskId()).isEqualTo(FakeRouter.TASK_ID);
    assertThat(start.getWorkdir()).isEqualTo("/tmp");
    assertThat(start.getEnvMap()).containsEntry("A", "1");
    assertThat(start.getTimeoutSecs()).isEqualTo(30);
    assertThat(start.getPtyInfo().getEnabled()).isTrue();
    assertThat(start.getStderrConfig().getNumber()).isZero();
    for (Metadata h : fake.routerHeaders) {
      assertThat(h.keys()).noneMatch(k -> k.startsWith("x-modal"));
      assertThat(h.get(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER)))
          .isEqualTo("Bearer " + fake.acceptedJwt);
    }
    sb.detach();
  }

  @Test
  void anUnauthenticatedCallRefreshesTheTokenOnceAndIsRetried() {
    String good = fake.acceptedJwt;
    fake.jwts.add(FakeRouter.jwtWithoutExp());
    fake.jwts.add(good);
    Sandbox sb = modal.sandboxes().fromId(FakeRouter.SANDBOX_ID);
    ContainerProcess p = sb.exec(List.of("true"));
    assertThat(p.waitFor()).isZero();
    assertThat(fake.accessCalls.get()).isEqualTo(2);
    sb.detach();
  }

  @Test
  void aTokenThatStaysRefusedFailsAfterOneRefresh() {
    fake.jwts.add(FakeRouter.jwtWithoutExp());
    fake.jwts.add(FakeRouter.jwtWithoutExp());
    fake.jwts.add(FakeRouter.jwtWithoutExp());
    Sandbox sb = modal.sandboxes().fromId(FakeRouter.SANDBOX_ID);
    assertThatThrownBy(() -> sb.exec(List.of("true")))
        .isInstanceOf(dev.modal4j.AuthException.class);
    assertThat(fake.accessCalls.get()).isEqualTo(2);
    sb.detach();
  }

  @Test
  void waitIsRetriedOnTransientErrorsAndASignalIs128PlusIt() {
    fake.waitFailures.add(Status.UNAVAILABLE);
    fake.waitFailures.add(Status.INTERNAL);
    fake.exit = TaskExecWaitResponse.newBuilder().setSignal(9).build();
    Sandbox sb = modal.sandboxes().fromId(FakeRouter.SANDBOX_ID);
    ContainerProcess p = sb.exec(List.of("sleep", "1"));
    assertThat(p.waitFor()).isEqualTo(137);
    assertThat(fake.waitCalls.get()).isEqualTo(3);
    assertThat(p.poll()).hasValue(137);
    sb.detach();
  }

  @Test
  void waitingPastTheExecTimeoutFailsWithExecTimeoutException() {
    fake.waitHangs = true;
    Sandbox sb = modal.sandboxes().fromId(FakeRouter.SANDBOX_ID);
    ContainerProcess p =
        sb.exec(
            List.of("sleep", "100"), ExecParams.builder().timeout(Duration.ofSeconds(1)).build());
    long t0 = System.nanoTime();
    assertThatThrownBy(p::waitFor)
        .isInstanceOf(ExecTimeoutException.class)
        .hasMessageContaining(FakeRouter.SANDBOX_ID)
        .hasMessageContaining("sleep");
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
    sb.detach();
  }

  @Test
  void stdinWritesCarryOffsetsAndCloseSendsEof() throws Exception {
    Sandbox sb = modal.sandboxes().fromId(FakeRouter.SANDBOX_ID);
    ContainerProcess p = sb.exec(List.of("cat"));
    try (OutputStream in = p.stdin()) {
      in.write("hello ".getBytes(StandardCharsets.UTF_8));
      in.write("world".getBytes(StandardCharsets.UTF_8));
    }
    assertThat(fake.stdinWrites).extracting(w -> w.getOffset()).containsExactly(0L, 6L, 11L);
    assertThat(fake.stdinWrites).extracting(w -> w.getEof()).containsExactly(false, false, true);
    assertThat(new String(fake.stdinBytes(), StandardCharsets.UTF_8)).isEqualTo("hello world");
    sb.detach();
  }

  @Test
  void textModeReadsLinesAndBinaryModeRefusesText() {
    fake.stdout = "a\nb\nc\n".getBytes(StandardCharsets.UTF_8);
    Sandbox sb = modal.sandboxes().fromId(FakeRouter.SANDBOX_ID);
    assertThat(sb.exec(List.of("x")).stdout().lines()).containsExactly("a", "b", "c");
    ContainerProcess bin =
        sb.exec(List.of("x"), ExecParams.builder().mode(StreamMode.BINARY).build());
    assertThatThrownBy(() -> bin.stdout().readText())
        .isInstanceOf(dev.modal4j.InvalidException.class);
    assertThat(fake.readOffsets).allMatch(o -> o == 0L);
    sb.detach();
  }

  @Test
  void anIgnoredStreamIsEmptyWithoutAnyRead() {
    fake.stdout = "data".getBytes(StandardCharsets.UTF_8);
    Sandbox sb = modal.sandboxes().fromId(FakeRouter.SANDBOX_ID);
    ContainerProcess p =
        sb.exec(List.of("x"), ExecParams.builder().stdout(StdioMode.IGNORE).build());
    assertThat(p.stdout().readBytes()).isEmpty();
    assertThat(fake.readOffsets).isEmpty();
    assertThat(fake.starts.get(0).getStdoutConfig().getNumber()).isZero();
    sb.detach();
  }

  @Test
  void afterDetachTheHandleRefusesExecAndTheChannelIsClosed() {
    Sandbox sb = modal.sandboxes().fromId(FakeRouter.SANDBOX_ID);
    ContainerProcess p = sb.exec(List.of("true"));
    assertThat(p.waitFor()).isZero();
    sb.detach();
    assertThatThrownBy(() -> sb.exec(List.of("true"))).isInstanceOf(ClientClosedException.class);
    assertThatThrownBy(p::waitFor).isInstanceOf(ClientClosedException.class);
    assertThat(TaskExecStdioFileDescriptor.values()).isNotEmpty();
  }

  @Test
  void closingTheClientWithARouterConnectionOpenLeavesNoModal4jThread() throws Exception {
    Sandbox sb = modal.sandboxes().fromId(FakeRouter.SANDBOX_ID);
    fake.stdout = new byte[1 << 20];
    ContainerProcess p = sb.exec(List.of("cat"));
    p.stdout().read();
    modal.close();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline && !modal4jThreads().isEmpty()) {
      Thread.sleep(20);
    }
    assertThat(modal4jThreads()).isEmpty();
  }

  private static List<String> modal4jThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(n -> n.startsWith("modal4j-"))
        .collect(java.util.stream.Collectors.toList());
  }
}
