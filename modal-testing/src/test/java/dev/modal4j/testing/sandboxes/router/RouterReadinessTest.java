package dev.modal4j.testing.sandboxes.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modal4j.proto.Probe;
import dev.modal4j.proto.router.SandboxWaitUntilReadyTcrRequest;
import dev.modal4j.proto.router.SandboxWaitUntilReadyTcrResponse;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/** SandboxWaitUntilReady: TCP and exec probes, their timeout, and the cases without a probe. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RouterReadinessTest {
  private RouterFixture fx;

  @BeforeAll
  void start() throws Exception {
    fx = new RouterFixture();
  }

  @AfterAll
  void stop() throws Exception {
    fx.close();
  }

  private SandboxWaitUntilReadyTcrResponse waitReady(TestTasks.Task task, float seconds) {
    return fx.stub(task)
        .sandboxWaitUntilReady(
            SandboxWaitUntilReadyTcrRequest.newBuilder()
                .setTaskId(task.taskId())
                .setTimeout(seconds)
                .build());
  }

  private CompletableFuture<SandboxWaitUntilReadyTcrResponse> waitReadyAsync(
      TestTasks.Task task, float seconds) {
    return CompletableFuture.supplyAsync(() -> waitReady(task, seconds));
  }

  private double now() {
    java.time.Instant now = fx.clock.instant();
    return now.getEpochSecond() + now.getNano() / 1e9;
  }

  @Test
  void aTcpProbePassesOnceSomethingListensOnThePort() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    TestTasks.Task task =
        fx.tasks.start(
            Map.of(), Optional.of(Probe.newBuilder().setTcpPort(port).setIntervalMs(20).build()));
    CompletableFuture<SandboxWaitUntilReadyTcrResponse> ready = waitReadyAsync(task, 20);
    double listening;
    try (ServerSocket server = new ServerSocket()) {
      server.bind(new InetSocketAddress("127.0.0.1", port));
      listening = now();
      double readyAt = ready.get(20, TimeUnit.SECONDS).getReadyAt();
      assertThat(readyAt).isGreaterThanOrEqualTo(listening - 0.001).isLessThanOrEqualTo(now());
      // Once ready, always ready at the same time.
      assertThat(waitReady(task, 1).getReadyAt()).isEqualTo(readyAt);
    }
  }

  @Test
  void anExecProbeIsRepeatedEveryIntervalAndPassesWhenItsCommandExitsZero() throws Exception {
    TestTasks.Task task =
        fx.tasks.start(
            Map.of(),
            Optional.of(
                Probe.newBuilder()
                    .setExecCommand(
                        Probe.ExecCommand.newBuilder()
                            .addArgv("sh")
                            .addArgv("-c")
                            .addArgv("echo >> /tmp/attempts; test -f /tmp/ready-flag"))
                    .setIntervalMs(30)
                    .build()));
    CompletableFuture<SandboxWaitUntilReadyTcrResponse> ready = waitReadyAsync(task, 20);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (attempts(task) < 3) {
      assertThat(System.nanoTime()).as("three failed attempts in time").isLessThan(deadline);
      assertThat(ready).isNotDone();
    }
    assertThat(ready).isNotDone();
    double touched = now();
    String touch = fx.start(task, RouterFixture.exec(task, "touch", "/tmp/ready-flag").build());
    assertThat(fx.await(task, touch).getCode()).isZero();
    assertThat(ready.get(20, TimeUnit.SECONDS).getReadyAt()).isGreaterThanOrEqualTo(touched);
  }

  private int attempts(TestTasks.Task task) {
    String id =
        fx.start(
            task, RouterFixture.exec(task, "sh", "-c", "cat /tmp/attempts 2>/dev/null").build());
    return (int) new String(fx.stdout(task, id)).chars().filter(c -> c == '\n').count();
  }

  @Test
  void aProbeThatNeverPassesEndsWithDeadlineExceededAfterTheTimeout() throws Exception {
    TestTasks.Task task =
        fx.tasks.start(
            Map.of(),
            Optional.of(
                Probe.newBuilder()
                    .setExecCommand(Probe.ExecCommand.newBuilder().addArgv("false"))
                    .build()));
    long started = System.nanoTime();
    assertThatThrownBy(() -> waitReady(task, 0.6f))
        .extracting(e -> ((StatusRuntimeException) e).getStatus().getCode())
        .isEqualTo(Status.Code.DEADLINE_EXCEEDED);
    assertThat(System.nanoTime() - started).isGreaterThan(TimeUnit.MILLISECONDS.toNanos(450));
  }

  @Test
  void withoutAProbeASandboxIsReadyAtOnceAndAnEndedOneIsAConflict() throws Exception {
    TestTasks.Task plain = fx.tasks.start();
    assertThat(waitReady(plain, 5).getReadyAt()).isLessThanOrEqualTo(now());
    TestTasks.Task ended =
        fx.tasks.start(
            Map.of(), Optional.of(Probe.newBuilder().setTcpPort(1).setIntervalMs(10).build()));
    ended.finish();
    assertThatThrownBy(() -> waitReady(ended, 5))
        .extracting(e -> ((StatusRuntimeException) e).getStatus().getCode())
        .isEqualTo(Status.Code.FAILED_PRECONDITION);
    assertThatThrownBy(() -> waitReady(plain, 0))
        .extracting(e -> ((StatusRuntimeException) e).getStatus().getCode())
        .isEqualTo(Status.Code.INVALID_ARGUMENT);
  }
}
