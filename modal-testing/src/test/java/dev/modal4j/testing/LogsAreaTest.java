package dev.modal4j.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Timestamp;
import dev.modal4j.ModalClient;
import dev.modal4j.functions.FunctionCall;
import dev.modal4j.proto.AppCountLogsRequest;
import dev.modal4j.proto.AppCountLogsResponse;
import dev.modal4j.proto.AppFetchLogsRequest;
import dev.modal4j.proto.AppGetLogsRequest;
import dev.modal4j.proto.FileDescriptor;
import dev.modal4j.proto.FunctionCallGetInfoRequest;
import dev.modal4j.proto.FunctionCallInfo;
import dev.modal4j.proto.ModalClientGrpc;
import dev.modal4j.proto.TaskLogsBatch;
import dev.modal4j.testing.functions.FunctionOutput;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The log RPCs and FunctionCallGetInfo on the raw protocol, as Modal serves them. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LogsAreaTest {
  static ModalEmulator emulator;
  static ModalClient modal;
  static ModalClientGrpc.ModalClientBlockingStub stub;
  static String appId;

  @BeforeAll
  static void start() {
    emulator = ModalEmulator.start();
    emulator
        .deploy("raw-logs")
        .function(
            "talk",
            (args, kwargs) -> {
              FunctionOutput.stdout().println("a");
              FunctionOutput.stderr().println("b");
              FunctionOutput.stdout().println("c");
              return 0;
            })
        .function(
            "boom",
            (args, kwargs) -> {
              throw new IllegalStateException("boom");
            });
    modal = emulator.newClient();
    stub = Stubs.authenticated(emulator.inProcessChannel(), EmulatorAuthTest.token(emulator));
    appId =
        emulator.state().apps().list().stream()
            .filter(a -> a.name().equals("raw-logs"))
            .findFirst()
            .orElseThrow()
            .appId();
  }

  @AfterAll
  static void stop() {
    modal.close();
    emulator.close();
  }

  private static FunctionCallInfo info(FunctionCall<?> call) {
    return stub.functionCallGetInfo(
            FunctionCallGetInfoRequest.newBuilder()
                .setFunctionCallId(call.functionCallId())
                .build())
        .getInfo();
  }

  @Test
  void callInfoCountsInputsByOutcome() {
    double before = System.currentTimeMillis() / 1000.0;
    FunctionCall<Integer> ok = modal.functions().fromName("raw-logs", "talk").spawn(Integer.class);
    ok.get();
    FunctionCall<Object> bad = modal.functions().fromName("raw-logs", "boom").spawn(Object.class);
    assertThatThrownBy(bad::get).isInstanceOf(dev.modal4j.RemoteException.class);

    FunctionCallInfo okInfo = info(ok);
    assertThat(okInfo.getTotalInputs()).isEqualTo(1);
    assertThat(okInfo.getSucceededInputs().getTotal()).isEqualTo(1);
    assertThat(okInfo.getFailedInputs().getTotal()).isZero();
    assertThat(okInfo.getPendingInputs().getTotal()).isZero();
    assertThat(okInfo.getCreatedAt()).isBetween(before - 1, System.currentTimeMillis() / 1000.0);
    FunctionCallInfo badInfo = info(bad);
    assertThat(badInfo.getFailedInputs().getTotal()).isEqualTo(1);
    assertThat(badInfo.getSucceededInputs().getTotal()).isZero();
    assertThatThrownBy(
            () ->
                stub.functionCallGetInfo(
                    FunctionCallGetInfoRequest.newBuilder().setFunctionCallId("fc-nope").build()))
        .isInstanceOf(StatusRuntimeException.class)
        .extracting(e -> ((StatusRuntimeException) e).getStatus().getCode())
        .isEqualTo(Status.Code.NOT_FOUND);
  }

  @Test
  void countBucketsAreAlignedAndSplitBySource() {
    FunctionCall<Integer> call =
        modal.functions().fromName("raw-logs", "talk").spawn(Integer.class);
    call.get();
    Instant now = Instant.now();
    AppCountLogsResponse counts =
        stub.appCountLogs(
            AppCountLogsRequest.newBuilder()
                .setAppId(appId)
                .setFunctionCallId(call.functionCallId())
                .setSince(ts(now.minusSeconds(600)))
                .setUntil(ts(now.plusSeconds(1)))
                .setBucketSecs(60)
                .build());
    long stdout = 0;
    long stderr = 0;
    for (AppCountLogsResponse.LogBucket b : counts.getBucketsList()) {
      assertThat(b.getBucketStartAt().getSeconds() % 60).isZero();
      assertThat(b.getBucketStartAt().getNanos()).isZero();
      stdout += b.getStdoutLogs();
      stderr += b.getStderrLogs();
    }
    assertThat(stdout).isEqualTo(2);
    assertThat(stderr).isEqualTo(1);
    assertThatThrownBy(
            () ->
                stub.appCountLogs(
                    AppCountLogsRequest.newBuilder()
                        .setAppId(appId)
                        .setSince(ts(now.minusSeconds(60)))
                        .setUntil(ts(now))
                        .build()))
        .isInstanceOf(StatusRuntimeException.class)
        .hasMessageContaining("bucket_secs");
    assertThatThrownBy(
            () ->
                stub.appFetchLogs(AppFetchLogsRequest.newBuilder().setAppId("ap-unknown").build()))
        .isInstanceOf(StatusRuntimeException.class)
        .extracting(e -> ((StatusRuntimeException) e).getStatus().getCode())
        .isEqualTo(Status.Code.NOT_FOUND);
  }

  @Test
  void liveLogsResumeAfterTheLastEntryIdAndEndAtTheTimeout() {
    FunctionCall<Integer> call =
        modal.functions().fromName("raw-logs", "talk").spawn(Integer.class);
    call.get();
    AppGetLogsRequest.Builder request =
        AppGetLogsRequest.newBuilder()
            .setAppId(appId)
            .setFunctionCallId(call.functionCallId())
            .setTimeout(0.3f);
    List<TaskLogsBatch> first = drain(stub.appGetLogs(request.build()));
    List<String> data = new ArrayList<>();
    first.forEach(b -> b.getItemsList().forEach(i -> data.add(i.getData())));
    assertThat(data).containsExactly("a\n", "b\n", "c\n");
    TaskLogsBatch firstBatch = first.get(0);
    assertThat(firstBatch.getFunctionId()).startsWith("fu-");
    assertThat(firstBatch.getInputId()).startsWith("in-");
    assertThat(firstBatch.getItems(0).getTimestampNs()).isPositive();
    assertThat(firstBatch.getItems(0).getFileDescriptor())
        .isEqualTo(FileDescriptor.FILE_DESCRIPTOR_STDOUT);

    String last = first.get(first.size() - 1).getEntryId();
    long lastSeq = Long.parseLong(last.substring(0, last.indexOf('-')));
    List<String> rest = new ArrayList<>();
    drain(stub.appGetLogs(request.setLastEntryId((lastSeq - 1) + "-0").build()))
        .forEach(b -> b.getItemsList().forEach(i -> rest.add(i.getData())));
    assertThat(rest).containsExactly("c\n");

    last = first.get(first.size() - 1).getEntryId();
    assertThat(drain(stub.appGetLogs(request.setLastEntryId(last).build()))).isEmpty();
  }

  private static List<TaskLogsBatch> drain(Iterator<TaskLogsBatch> it) {
    List<TaskLogsBatch> out = new ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }

  private static Timestamp ts(Instant i) {
    return Timestamp.newBuilder().setSeconds(i.getEpochSecond()).setNanos(i.getNano()).build();
  }
}
