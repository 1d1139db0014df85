package dev.modal4j.testing.functions;

import static dev.modal4j.proto.FunctionCallInvocationType.FUNCTION_CALL_INVOCATION_TYPE_ASYNC;
import static dev.modal4j.proto.FunctionCallInvocationType.FUNCTION_CALL_INVOCATION_TYPE_SYNC;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modal4j.Await;
import dev.modal4j.proto.FunctionCallCancelRequest;
import dev.modal4j.proto.FunctionGetCurrentStatsRequest;
import dev.modal4j.proto.FunctionGetOutputsRequest;
import dev.modal4j.proto.FunctionGetOutputsResponse;
import dev.modal4j.proto.FunctionMapResponse;
import dev.modal4j.proto.GenericResult.GenericStatus;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class LongPollAndCancelTest {
  static FnFixture fx;

  @BeforeAll
  static void start() {
    fx = new FnFixture(2);
  }

  @AfterAll
  static void stop() throws InterruptedException {
    fx.close();
  }

  private static FunctionMapResponse spawnSleep(double seconds) {
    return fx.call(
        fx.functionId("sleep"),
        FUNCTION_CALL_INVOCATION_TYPE_ASYNC,
        FnFixture.cborInput(List.of(seconds), Map.of()));
  }

  @Test
  void pollReturnsAsSoonAsTheOutputArrives() {
    FunctionMapResponse map = spawnSleep(0.4);
    long start = System.nanoTime();
    FunctionGetOutputsResponse out = fx.poll(map.getFunctionCallId(), 20, false);
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertThat(out.getOutputsList()).hasSize(1);
    assertThat(FnFixture.decode(out.getOutputs(0).getResult().getData())).isEqualTo(0.4);
    assertThat(millis).isBetween(250L, 5_000L);
  }

  @Test
  void pollWithoutOutputReturnsEmptyAfterItsTimeout() {
    FunctionMapResponse map = spawnSleep(5);
    long start = System.nanoTime();
    FunctionGetOutputsResponse out = fx.poll(map.getFunctionCallId(), 0.5f, false);
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertThat(out.getOutputsList()).isEmpty();
    assertThat(out.getNumUnfinishedInputs()).isEqualTo(1);
    assertThat(out.getLastEntryId()).isEqualTo("0-0");
    assertThat(millis).isBetween(450L, 5_000L);
    fx.stub.functionCallCancel(
        FunctionCallCancelRequest.newBuilder().setFunctionCallId(map.getFunctionCallId()).build());
  }

  @Test
  void parkedPollsDoNotHoldServerThreads() throws Exception {
    FunctionMapResponse map = spawnSleep(30);
    List<CompletableFuture<FunctionGetOutputsResponse>> parked = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      CompletableFuture<FunctionGetOutputsResponse> f = new CompletableFuture<>();
      fx.async.functionGetOutputs(
          FunctionGetOutputsRequest.newBuilder()
              .setFunctionCallId(map.getFunctionCallId())
              .setLastEntryId("0-0")
              .setTimeout(20)
              .build(),
          observer(f));
      parked.add(f);
    }
    // Only 2 server threads exist; a plain call still gets served while 20 polls are parked.
    FunctionMapResponse quick =
        fx.call(
            fx.functionId("square"),
            FUNCTION_CALL_INVOCATION_TYPE_SYNC,
            FnFixture.cborInput(List.of(3), Map.of()));
    assertThat(
            FnFixture.decode(
                fx.poll(quick.getFunctionCallId(), 10, true).getOutputs(0).getResult().getData()))
        .isEqualTo(9L);
    assertThat(parked).noneMatch(CompletableFuture::isDone);
    fx.stub.functionCallCancel(
        FunctionCallCancelRequest.newBuilder().setFunctionCallId(map.getFunctionCallId()).build());
    for (CompletableFuture<FunctionGetOutputsResponse> f : parked) {
      FunctionGetOutputsResponse r = f.get(5, TimeUnit.SECONDS);
      assertThat(r.getOutputs(0).getResult().getStatus())
          .isEqualTo(GenericStatus.GENERIC_STATUS_TERMINATED);
    }
  }

  @Test
  void cancelTerminatesTheRunningHandler() throws Exception {
    String sleepId = fx.functionId("sleep");
    FunctionMapResponse map = spawnSleep(30);
    FunctionGetCurrentStatsRequest stats =
        FunctionGetCurrentStatsRequest.newBuilder().setFunctionId(sleepId).build();
    Await.until(
        Duration.ofSeconds(5),
        "the handler is running",
        () -> fx.stub.functionGetCurrentStats(stats).getNumRunningInputs() > 0);
    fx.stub.functionCallCancel(
        FunctionCallCancelRequest.newBuilder().setFunctionCallId(map.getFunctionCallId()).build());
    FunctionGetOutputsResponse out = fx.poll(map.getFunctionCallId(), 5, false);
    assertThat(out.getOutputs(0).getResult().getStatus())
        .isEqualTo(GenericStatus.GENERIC_STATUS_TERMINATED);
    assertThat(out.getNumUnfinishedInputs()).isZero();
    Await.until(
        Duration.ofSeconds(5),
        "the cancelled handler stopped running",
        () -> fx.stub.functionGetCurrentStats(stats).getNumRunningInputs() == 0);
  }

  static <T> StreamObserver<T> observer(CompletableFuture<T> f) {
    return new StreamObserver<>() {
      @Override
      public void onNext(T value) {
        f.complete(value);
      }

      @Override
      public void onError(Throwable t) {
        f.completeExceptionally(t);
      }

      @Override
      public void onCompleted() {}
    };
  }
}
