package dev.modal4j.testing.sandboxes.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.modal4j.proto.PTYInfo;
import dev.modal4j.proto.router.TaskExecPollRequest;
import dev.modal4j.proto.router.TaskExecPollResponse;
import dev.modal4j.proto.router.TaskExecStartRequest;
import dev.modal4j.proto.router.TaskExecStderrConfig;
import dev.modal4j.proto.router.TaskExecStdinStatusRequest;
import dev.modal4j.proto.router.TaskExecStdinStatusResponse;
import dev.modal4j.proto.router.TaskExecStdinWriteRequest;
import dev.modal4j.proto.router.TaskExecStdinWriteStreamEnd;
import dev.modal4j.proto.router.TaskExecStdinWriteStreamRequest;
import dev.modal4j.proto.router.TaskExecStdinWriteStreamResponse;
import dev.modal4j.proto.router.TaskExecStdinWriteStreamStart;
import dev.modal4j.proto.router.TaskExecStdoutConfig;
import dev.modal4j.proto.router.TaskExecWaitResponse;
import dev.modal4j.proto.router.TaskReloadVolumesRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/** The router's exec RPCs with raw stubs, on the process backend. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RouterExecTest {
  private RouterFixture fx;
  private TestTasks.Task task;

  @BeforeAll
  void start() throws Exception {
    fx = new RouterFixture();
    task = fx.tasks.start(Map.of("SANDBOX_VAR", "from-sandbox"), Optional.empty());
  }

  @AfterAll
  void stop() throws Exception {
    fx.close();
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Test
  void echoWritesItsArgumentsToStdoutAndExitsZero() {
    String id = fx.start(task, RouterFixture.exec(task, "echo", "hello", "router").build());
    assertThat(text(fx.stdout(task, id))).isEqualTo("hello router\n");
    assertThat(fx.await(task, id).getCode()).isZero();
    assertThat(task.touches()).isPositive();
  }

  @Test
  void stderrAndExitCodeAreTheProcesses() {
    String id =
        fx.start(task, RouterFixture.exec(task, "sh", "-c", "echo oops >&2; exit 42").build());
    assertThat(text(fx.read(task, id, true, 0))).isEqualTo("oops\n");
    assertThat(fx.stdout(task, id)).isEmpty();
    TaskExecWaitResponse exit = fx.await(task, id);
    assertThat(exit.getExitStatusCase()).isEqualTo(TaskExecWaitResponse.ExitStatusCase.CODE);
    assertThat(exit.getCode()).isEqualTo(42);
  }

  @Test
  void stdinWrittenAtOffsetsReachesCatOnceAndEofEndsIt() {
    String id = fx.start(task, RouterFixture.exec(task, "cat").build());
    write(id, 0, "foo\n", false);
    write(id, 0, "foo\nbar\n", false); // a retry of the first bytes plus new ones
    write(id, 8, "", true);
    write(id, 8, "", true); // a second EOF is ignored
    assertThat(text(fx.stdout(task, id))).isEqualTo("foo\nbar\n");
    assertThat(fx.await(task, id).getCode()).isZero();
    TaskExecStdinStatusResponse status =
        fx.stub(task)
            .taskExecStdinStatus(
                TaskExecStdinStatusRequest.newBuilder()
                    .setTaskId(task.taskId())
                    .setExecId(id)
                    .build());
    assertThat(status.getNumBytesWritten()).isEqualTo(8);
    assertThat(status.getClosed()).isTrue();
    assertThatThrownBy(() -> write(id, 8, "more", false))
        .isInstanceOf(StatusRuntimeException.class)
        .extracting(e -> ((StatusRuntimeException) e).getStatus().getCode())
        .isEqualTo(Status.Code.FAILED_PRECONDITION);
    assertThatThrownBy(() -> write(id, 100, "gap", false))
        .extracting(e -> ((StatusRuntimeException) e).getStatus().getCode())
        .isEqualTo(Status.Code.INVALID_ARGUMENT);
  }

  private void write(String execId, long offset, String data, boolean eof) {
    fx.stub(task)
        .taskExecStdinWrite(
            TaskExecStdinWriteRequest.newBuilder()
                .setTaskId(task.taskId())
                .setExecId(execId)
                .setOffset(offset)
                .setData(ByteString.copyFromUtf8(data))
                .setEof(eof)
                .build());
  }

  @Test
  void stdinStreamedWithStartDataEndReachesCat() throws Exception {
    String id = fx.start(task, RouterFixture.exec(task, "cat").build());
    CompletableFuture<TaskExecStdinWriteStreamResponse> done = new CompletableFuture<>();
    StreamObserver<TaskExecStdinWriteStreamRequest> requests =
        fx.async(fx.router.jwt(task.taskId()))
            .taskExecStdinWriteStream(
                new StreamObserver<>() {
                  @Override
                  public void onNext(TaskExecStdinWriteStreamResponse value) {
                    done.complete(value);
                  }

                  @Override
                  public void onError(Throwable t) {
                    done.completeExceptionally(t);
                  }

                  @Override
                  public void onCompleted() {}
                });
    requests.onNext(
        TaskExecStdinWriteStreamRequest.newBuilder()
            .setStart(
                TaskExecStdinWriteStreamStart.newBuilder()
                    .setTaskId(task.taskId())
                    .setExecId(id)
                    .setOffset(0))
            .build());
    for (String chunk : new String[] {"one\n", "two\n", "three\n"}) {
      requests.onNext(
          TaskExecStdinWriteStreamRequest.newBuilder()
              .setData(ByteString.copyFromUtf8(chunk))
              .build());
    }
    requests.onNext(
        TaskExecStdinWriteStreamRequest.newBuilder()
            .setEnd(TaskExecStdinWriteStreamEnd.getDefaultInstance())
            .build());
    requests.onCompleted();
    done.get(30, TimeUnit.SECONDS);
    assertThat(text(fx.stdout(task, id))).isEqualTo("one\ntwo\nthree\n");
    assertThat(fx.await(task, id).getCode()).isZero();
  }

  @Test
  void envSecretsAndWorkdirAreTheExecs() {
    fx.tasks.secret("st-test-1", Map.of("FROM_SECRET", "s3cr3t", "BOTH", "secret"));
    String id =
        fx.start(
            task,
            RouterFixture.exec(
                    task,
                    "sh",
                    "-c",
                    "pwd; echo $SANDBOX_VAR $FROM_SECRET $BOTH $ONLY_ENV; echo ${JAVA_HOME:-none}")
                .setWorkdir("/tmp")
                .addSecretIds("st-test-1")
                .putEnv("BOTH", "env")
                .putEnv("ONLY_ENV", "e")
                .build());
    assertThat(text(fx.stdout(task, id))).isEqualTo("/tmp\nfrom-sandbox s3cr3t env e\nnone\n");
  }

  @Test
  void anUnknownSecretIsNotFoundAndStartsNothing() {
    TaskExecStartRequest request =
        RouterFixture.exec(task, "echo", "x").addSecretIds("st-missing").build();
    assertThatThrownBy(() -> fx.start(task, request))
        .extracting(e -> ((StatusRuntimeException) e).getStatus().getCode())
        .isEqualTo(Status.Code.NOT_FOUND);
  }

  @Test
  void tenMegabytesOfBinaryStdoutArriveExactly() throws Exception {
    int size = 10 * 1024 * 1024;
    // Deterministic binary bytes: every byte value, from a pseudo-random stream.
    String id =
        fx.start(
            task,
            RouterFixture.exec(
                    task, "sh", "-c", "head -c " + size + " /dev/urandom | tee /tmp/r.bin; sync")
                .setWorkdir("/tmp")
                .build());
    byte[] out = fx.stdout(task, id);
    assertThat(fx.await(task, id).getCode()).isZero();
    assertThat(out).hasSize(size);
    String check = fx.start(task, RouterFixture.exec(task, "sha256sum", "/tmp/r.bin").build());
    String expected = text(fx.stdout(task, check)).split(" ")[0];
    assertThat(hex(MessageDigest.getInstance("SHA-256").digest(out))).isEqualTo(expected);
  }

  static String hex(byte[] digest) {
    StringBuilder s = new StringBuilder();
    for (byte b : digest) {
      s.append(String.format("%02x", b));
    }
    return s.toString();
  }

  @Test
  void ignoredStdoutReadsEmptyAndDoesNotHoldTheProcess() {
    String id =
        fx.start(
            task,
            RouterFixture.exec(task, "head", "-c", "20000000", "/dev/zero")
                .setStdoutConfig(TaskExecStdoutConfig.TASK_EXEC_STDOUT_CONFIG_DEVNULL)
                .build());
    assertThat(fx.await(task, id).getCode()).isZero();
    assertThat(fx.stdout(task, id)).isEmpty();
  }

  @Test
  void stderrMergedIntoStdoutArrivesOnStdoutOnly() {
    String id =
        fx.start(
            task,
            RouterFixture.exec(task, "sh", "-c", "echo out; echo err >&2; echo out2")
                .setStderrConfig(TaskExecStderrConfig.TASK_EXEC_STDERR_CONFIG_STDOUT)
                .build());
    assertThat(text(fx.stdout(task, id)).lines()).containsExactlyInAnyOrder("out", "err", "out2");
    assertThat(fx.read(task, id, true, 0)).isEmpty();
  }

  @Test
  void aPtyExecRunsOnATerminal() {
    String id =
        fx.start(
            task,
            RouterFixture.exec(task, "sh", "-c", "test -t 1 && echo tty; echo err >&2")
                .setPtyInfo(PTYInfo.newBuilder().setEnabled(true).setEnvTerm("xterm"))
                .build());
    assertThat(text(fx.stdout(task, id))).isEqualTo("tty\r\nerr\r\n");
    assertThat(fx.read(task, id, true, 0)).isEmpty();
    assertThat(fx.await(task, id).getCode()).isZero();
  }

  @Test
  void anExecPastItsTimeoutIsKilledWithSigkill() {
    long started = System.nanoTime();
    String id =
        fx.start(
            task,
            RouterFixture.exec(task, "sh", "-c", "echo hi; sleep 999").setTimeoutSecs(1).build());
    assertThat(text(fx.stdout(task, id))).isEqualTo("hi\n");
    TaskExecWaitResponse exit = fx.await(task, id);
    assertThat(exit.getExitStatusCase()).isEqualTo(TaskExecWaitResponse.ExitStatusCase.SIGNAL);
    assertThat(exit.getSignal()).isEqualTo(9);
    assertThat(System.nanoTime() - started).isGreaterThan(TimeUnit.MILLISECONDS.toNanos(900));
  }

  @Test
  void aProcessKilledByASignalReportsTheSignal() {
    String id = fx.start(task, RouterFixture.exec(task, "sh", "-c", "kill -TERM $$").build());
    TaskExecWaitResponse exit = fx.await(task, id);
    assertThat(exit.getExitStatusCase()).isEqualTo(TaskExecWaitResponse.ExitStatusCase.SIGNAL);
    assertThat(exit.getSignal()).isEqualTo(15);
  }

  @Test
  void pollSaysNothingWhileRunningAndTheCodeAfter() {
    String id = fx.start(task, RouterFixture.exec(task, "sh", "-c", "read x; exit 3").build());
    TaskExecPollRequest poll =
        TaskExecPollRequest.newBuilder().setTaskId(task.taskId()).setExecId(id).build();
    assertThat(fx.stub(task).taskExecPoll(poll).getExitStatusCase())
        .isEqualTo(TaskExecPollResponse.ExitStatusCase.EXITSTATUS_NOT_SET);
    write(id, 0, "go\n", true);
    fx.await(task, id);
    assertThat(fx.stub(task).taskExecPoll(poll).getCode()).isEqualTo(3);
  }

  @Test
  void aRepeatedStartWithTheSameExecIdRunsTheCommandOnce() {
    String marker = "/tmp/idempotent-" + System.nanoTime();
    TaskExecStartRequest request =
        RouterFixture.exec(task, "sh", "-c", "echo run >> " + marker + "; cat " + marker).build();
    fx.start(task, request);
    fx.start(task, request);
    assertThat(text(fx.stdout(task, request.getExecId()))).isEqualTo("run\n");
    fx.await(task, request.getExecId());
    String again = fx.start(task, RouterFixture.exec(task, "cat", marker).build());
    assertThat(text(fx.stdout(task, again))).isEqualTo("run\n");
  }

  @Test
  void badStartsAreRefused() {
    assertCode(RouterFixture.exec(task).build(), Status.Code.INVALID_ARGUMENT);
    assertCode(
        RouterFixture.exec(task, "echo", "x".repeat(65537)).build(), Status.Code.INVALID_ARGUMENT);
    assertCode(
        RouterFixture.exec(task, "pwd").setWorkdir("relative").build(),
        Status.Code.INVALID_ARGUMENT);
    assertCode(RouterFixture.exec(task, "pwd").setExecId("").build(), Status.Code.INVALID_ARGUMENT);
    // Exactly at the limit is fine.
    fx.start(task, RouterFixture.exec(task, "true", "x".repeat(65536 - 4)).build());
  }

  private void assertCode(TaskExecStartRequest request, Status.Code code) {
    assertThatThrownBy(() -> fx.start(task, request))
        .extracting(e -> ((StatusRuntimeException) e).getStatus().getCode())
        .isEqualTo(code);
  }

  @Test
  void unknownTasksAndExecsAreNotFoundAndAnEndedTaskStartsNothing() throws Exception {
    TestTasks.Task ended = fx.tasks.start();
    String before = fx.start(ended, RouterFixture.exec(ended, "sleep", "999").build());
    ended.finish();
    assertThatThrownBy(() -> fx.start(ended, RouterFixture.exec(ended, "echo").build()))
        .extracting(e -> ((StatusRuntimeException) e).getStatus().getCode())
        .isEqualTo(Status.Code.FAILED_PRECONDITION);
    // The exec that was running when the sandbox ended reports how it ended.
    assertThat(fx.await(ended, before).getSignal()).isEqualTo(9);
    assertThatThrownBy(() -> fx.await(task, "no-such-exec"))
        .extracting(e -> ((StatusRuntimeException) e).getStatus().getCode())
        .isEqualTo(Status.Code.NOT_FOUND);
    String ghost = "ta-never-handed-out";
    assertThatThrownBy(
            () ->
                fx.blocking(fx.router.jwt(ghost))
                    .taskReloadVolumes(
                        TaskReloadVolumesRequest.newBuilder().setTaskId(ghost).build()))
        .extracting(e -> ((StatusRuntimeException) e).getStatus().getCode())
        .isEqualTo(Status.Code.NOT_FOUND);
    fx.stub(task)
        .taskReloadVolumes(TaskReloadVolumesRequest.newBuilder().setTaskId(task.taskId()).build());
  }
}
