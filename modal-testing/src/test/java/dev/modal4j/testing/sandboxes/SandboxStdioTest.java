package dev.modal4j.testing.sandboxes;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.modal4j.proto.FileDescriptor;
import dev.modal4j.proto.GenericResult.GenericStatus;
import dev.modal4j.proto.SandboxGetLogsRequest;
import dev.modal4j.proto.SandboxStdinWriteRequest;
import dev.modal4j.proto.SandboxWaitResponse;
import dev.modal4j.proto.TaskLogsBatch;
import io.grpc.Context;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SandboxStdioTest {
  private static SandboxFixture fx;

  @BeforeAll
  static void start() {
    fx = new SandboxFixture();
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  @Test
  void theEntrypointsStdoutAndStderrEndWithEofAndItsExitCode() {
    String id = fx.create(fx.definition("sh", "-c", "echo out; echo err >&2; exit 3"));
    List<TaskLogsBatch> out = fx.logs(id, FileDescriptor.FILE_DESCRIPTOR_STDOUT, "0-0");
    assertThat(SandboxFixture.text(out)).isEqualTo("out\n");
    assertThat(out.get(out.size() - 1).getEof()).isTrue();
    assertThat(out).allSatisfy(b -> assertThat(b.getEntryId()).isNotEmpty());
    List<TaskLogsBatch> err = fx.logs(id, FileDescriptor.FILE_DESCRIPTOR_STDERR, "");
    assertThat(SandboxFixture.text(err)).isEqualTo("err\n");
    SandboxWaitResponse done = fx.await(id, 10);
    assertThat(done.getResult().getStatus()).isEqualTo(GenericStatus.GENERIC_STATUS_FAILURE);
    assertThat(done.getResult().getExitcode()).isEqualTo(3);

    String last = out.get(out.size() - 1).getEntryId();
    List<TaskLogsBatch> resumed = fx.logs(id, FileDescriptor.FILE_DESCRIPTOR_STDOUT, last);
    assertThat(SandboxFixture.text(resumed)).isEmpty();
    assertThat(resumed).hasSize(1);
    assertThat(resumed.get(0).getEof()).isTrue();
    assertThat(SandboxFixture.text(fx.logs(id, FileDescriptor.FILE_DESCRIPTOR_STDOUT, "0-0")))
        .isEqualTo("out\n");
  }

  @Test
  void stdinReachesCatInIndexOrderIgnoringDuplicates() {
    String id = fx.create(fx.definition("cat"));
    write(id, 1, "hello ", false);
    write(id, 3, "!", false);
    write(id, 2, "world", false);
    write(id, 2, "XXXXX", false);
    write(id, 1, "YYYYY", false);
    write(id, 4, "", true);
    assertThat(SandboxFixture.text(fx.logs(id, FileDescriptor.FILE_DESCRIPTOR_STDOUT, "0-0")))
        .isEqualTo("hello world!");
    assertThat(fx.await(id, 10).getResult().getStatus())
        .isEqualTo(GenericStatus.GENERIC_STATUS_SUCCESS);
  }

  @Test
  void aReaderResumesAfterTheLastEntryItSaw() throws Exception {
    String id = fx.create(fx.definition("cat"));
    write(id, 1, "first\n", false);
    String seen;
    Context.CancellableContext call = Context.current().withCancellation();
    try {
      seen =
          call.call(
              () -> {
                Iterator<TaskLogsBatch> it =
                    fx.stub.sandboxGetLogs(
                        SandboxGetLogsRequest.newBuilder()
                            .setSandboxId(id)
                            .setFileDescriptor(FileDescriptor.FILE_DESCRIPTOR_STDOUT)
                            .setTimeout(55)
                            .setLastEntryId("0-0")
                            .build());
                TaskLogsBatch batch = it.next();
                assertThat(batch.getItems(0).getData()).isEqualTo("first\n");
                assertThat(batch.getEof()).isFalse();
                return batch.getEntryId();
              });
    } finally {
      call.cancel(null);
    }
    write(id, 2, "second\n", false);
    write(id, 3, "", true);
    List<TaskLogsBatch> rest = fx.logs(id, FileDescriptor.FILE_DESCRIPTOR_STDOUT, seen);
    assertThat(SandboxFixture.text(rest)).isEqualTo("second\n");
    assertThat(rest.get(rest.size() - 1).getEof()).isTrue();
  }

  @Test
  void aSandboxWithoutEntrypointHasNoOutputAndEndsItsLogsWhenItEnds() {
    String id = fx.create(fx.definition().setTimeoutSecs(1));
    List<TaskLogsBatch> out = fx.logs(id, FileDescriptor.FILE_DESCRIPTOR_STDOUT, "0-0");
    assertThat(SandboxFixture.text(out)).isEmpty();
    assertThat(out.get(out.size() - 1).getEof()).isTrue();
    assertThat(fx.await(id, 0).getResult().getStatus())
        .isEqualTo(GenericStatus.GENERIC_STATUS_TIMEOUT);
  }

  @Test
  void largeOutputArrivesWhole() {
    String id =
        fx.create(
            fx.definition(
                "sh", "-c", "i=0; while [ $i -lt 20000 ]; do echo line-$i; i=$((i+1)); done"));
    String text = SandboxFixture.text(fx.logs(id, FileDescriptor.FILE_DESCRIPTOR_STDOUT, "0-0"));
    String[] lines = text.split("\n");
    assertThat(lines).hasSize(20000);
    assertThat(lines[0]).isEqualTo("line-0");
    assertThat(lines[19999]).isEqualTo("line-19999");
  }

  private static void write(String id, int index, String text, boolean eof) {
    fx.stub.sandboxStdinWrite(
        SandboxStdinWriteRequest.newBuilder()
            .setSandboxId(id)
            .setIndex(index)
            .setInput(ByteString.copyFromUtf8(text))
            .setEof(eof)
            .build());
  }
}
