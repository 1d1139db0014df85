package dev.modal4j.testing.sandboxes.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modal4j.proto.router.TaskCommandRouterGrpc;
import dev.modal4j.proto.router.TaskExecPollRequest;
import dev.modal4j.proto.router.TaskExecStdioFileDescriptor;
import dev.modal4j.proto.router.TaskExecStdioReadRequest;
import dev.modal4j.proto.router.TaskExecStdioReadResponse;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/** Stdout resumed from the offset after injected drops; the router's token checks. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RouterResumeAndAuthTest {
  private RouterFixture fx;
  private TestTasks.Task task;

  @BeforeAll
  void start() throws Exception {
    fx = new RouterFixture();
    task = fx.tasks.start();
  }

  @AfterEach
  void clearFaults() {
    fx.emulator.faults().clear();
  }

  @AfterAll
  void stop() throws Exception {
    fx.close();
  }

  @Test
  void droppedStdoutStreamsResumeFromTheOffsetWithNoByteLostOrRepeated() throws Exception {
    int size = 5 * 1024 * 1024;
    String id =
        fx.start(
            task,
            RouterFixture.exec(
                    task, "sh", "-c", "head -c " + size + " /dev/urandom | tee /tmp/resume.bin")
                .build());
    long dropAfter = 1_000_003; // not a multiple of any chunk size
    fx.emulator.faults().dropExecOutputAfter(dropAfter, 3);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<Long> reconnects = new ArrayList<>();
    while (true) {
      reconnects.add((long) out.size());
      Iterator<TaskExecStdioReadResponse> it =
          fx.stub(task).taskExecStdioRead(read(id, out.size()));
      try {
        while (it.hasNext()) {
          it.next().getData().writeTo(out);
        }
        break;
      } catch (StatusRuntimeException e) {
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
      }
    }
    assertThat(reconnects).containsExactly(0L, dropAfter, 2 * dropAfter, 3 * dropAfter);
    assertThat(out.size()).isEqualTo(size);
    assertThat(fx.await(task, id).getCode()).isZero();
    String check = fx.start(task, RouterFixture.exec(task, "sha256sum", "/tmp/resume.bin").build());
    String expected = new String(fx.stdout(task, check)).split(" ")[0];
    assertThat(RouterExecTest.hex(MessageDigest.getInstance("SHA-256").digest(out.toByteArray())))
        .isEqualTo(expected);
  }

  @Test
  void aReaderAskingForBytesNoLongerKeptIsOutOfRange() {
    int size = 3 * (int) Exec.BUFFER_BYTES;
    String id =
        fx.start(task, RouterFixture.exec(task, "head", "-c", "" + size, "/dev/zero").build());
    assertThat(fx.stdout(task, id)).hasSize(size);
    // Everything was read to the end, so nothing need be kept.
    assertThatThrownBy(() -> fx.read(task, id, false, 0))
        .extracting(e -> ((StatusRuntimeException) e).getStatus().getCode())
        .isEqualTo(Status.Code.OUT_OF_RANGE);
    // From the end there is nothing more: EOF at once.
    assertThat(fx.read(task, id, false, size)).isEmpty();
  }

  private TaskExecStdioReadRequest read(String execId, long offset) {
    return TaskExecStdioReadRequest.newBuilder()
        .setTaskId(task.taskId())
        .setExecId(execId)
        .setOffset(offset)
        .setFileDescriptor(TaskExecStdioFileDescriptor.TASK_EXEC_STDIO_FILE_DESCRIPTOR_STDOUT)
        .build();
  }

  private TaskExecPollRequest poll(String execId) {
    return TaskExecPollRequest.newBuilder().setTaskId(task.taskId()).setExecId(execId).build();
  }

  private static Status.Code codeOf(Runnable call) {
    try {
      call.run();
      return Status.Code.OK;
    } catch (StatusRuntimeException e) {
      return e.getStatus().getCode();
    }
  }

  @Test
  void onlyAnUnexpiredRouterTokenForTheRequestsTaskIsAccepted() throws Exception {
    String id = fx.start(task, RouterFixture.exec(task, "true").build());
    TestTasks.Task other = fx.tasks.start();
    String forOther = fx.router.jwt(other.taskId());
    String valid = fx.router.jwt(task.taskId());
    assertThat(codeOf(() -> fx.blocking(valid).taskExecPoll(poll(id)))).isEqualTo(Status.Code.OK);
    assertThat(codeOf(() -> fx.blocking(null).taskExecPoll(poll(id))))
        .isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(codeOf(() -> fx.blocking("not-a-jwt").taskExecPoll(poll(id))))
        .isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(codeOf(() -> fx.blocking(forOther).taskExecPoll(poll(id))))
        .isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(codeOf(() -> fx.blocking(tampered(valid)).taskExecPoll(poll(id))))
        .isEqualTo(Status.Code.UNAUTHENTICATED);
    // A control-plane auth token of the same emulator is no router token.
    String authToken =
        fx.emulator
            .state()
            .jwts()
            .issue(Duration.ofHours(1), java.util.Map.of("task_id", task.taskId()));
    assertThat(codeOf(() -> fx.blocking(authToken).taskExecPoll(poll(id))))
        .isEqualTo(Status.Code.UNAUTHENTICATED);
    // Past the emulator's token lifetime (one hour by default) the token has expired.
    fx.clock.advance(Duration.ofHours(1).plusSeconds(1));
    assertThat(codeOf(() -> fx.blocking(valid).taskExecPoll(poll(id))))
        .isEqualTo(Status.Code.UNAUTHENTICATED);
    String fresh = fx.router.jwt(task.taskId());
    assertThat(codeOf(() -> fx.blocking(fresh).taskExecPoll(poll(id)))).isEqualTo(Status.Code.OK);
  }

  private static String tampered(String jwt) {
    String[] parts = jwt.split("\\.");
    String payload =
        new String(java.util.Base64.getUrlDecoder().decode(parts[1]))
            .replace("\"exp\":", "\"exp\":9");
    return parts[0]
        + "."
        + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes())
        + "."
        + parts[2];
  }

  @Test
  void failRouterAuthRefusesExactlyTheNextCalls() {
    String id = fx.start(task, RouterFixture.exec(task, "true").build());
    TaskCommandRouterGrpc.TaskCommandRouterBlockingStub stub = fx.stub(task);
    fx.emulator.faults().failRouterAuth(2);
    assertThat(codeOf(() -> stub.taskExecPoll(poll(id)))).isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(codeOf(() -> stub.taskExecStdioRead(read(id, 0)).hasNext()))
        .isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(codeOf(() -> stub.taskExecPoll(poll(id)))).isEqualTo(Status.Code.OK);
  }
}
