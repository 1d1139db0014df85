package dev.modal4j.testing.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modal4j.proto.FunctionCallInvocationType;
import dev.modal4j.proto.FunctionCallType;
import dev.modal4j.proto.FunctionGetOutputsItem;
import dev.modal4j.proto.FunctionGetOutputsRequest;
import dev.modal4j.proto.FunctionGetOutputsResponse;
import dev.modal4j.proto.FunctionMapRequest;
import dev.modal4j.proto.FunctionMapResponse;
import dev.modal4j.proto.FunctionPutInputsItem;
import dev.modal4j.proto.FunctionPutInputsRequest;
import dev.modal4j.proto.GenericResult.GenericStatus;
import dev.modal4j.proto.MapAwaitRequest;
import dev.modal4j.proto.MapAwaitResponse;
import dev.modal4j.proto.MapCheckInputsRequest;
import dev.modal4j.proto.MapStartOrContinueItem;
import dev.modal4j.proto.MapStartOrContinueRequest;
import dev.modal4j.proto.MapStartOrContinueResponse;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class MapTest {
  FnFixture fx;

  @BeforeEach
  void start() {
    fx = new FnFixture();
  }

  @AfterEach
  void stop() throws InterruptedException {
    fx.close();
  }

  private FunctionMapResponse openMap(String functionId) {
    return fx.stub.functionMap(
        FunctionMapRequest.newBuilder()
            .setFunctionId(functionId)
            .setFunctionCallType(FunctionCallType.FUNCTION_CALL_TYPE_MAP)
            .setFunctionCallInvocationType(
                FunctionCallInvocationType.FUNCTION_CALL_INVOCATION_TYPE_SYNC)
            .build());
  }

  @Test
  void controlPlaneMapDeliversEveryOutputOnceThroughTheCursor() {
    String square = fx.functionId("square");
    FunctionMapResponse map = openMap(square);
    assertThat(map.getPipelinedInputsList()).isEmpty();
    int n = 5000;
    Map<Integer, Object> results = new HashMap<>();
    String cursor = "0-0";
    int sent = 0;
    long start = System.nanoTime();
    while (results.size() < n) {
      while (sent < n && sent - results.size() < 900) {
        FunctionPutInputsRequest.Builder put =
            FunctionPutInputsRequest.newBuilder()
                .setFunctionId(square)
                .setFunctionCallId(map.getFunctionCallId());
        for (int i = 0; i < 49 && sent < n; i++, sent++) {
          put.addInputs(FnFixture.item(sent, FnFixture.cborInput(List.of(sent), Map.of())));
        }
        assertThat(fx.stub.functionPutInputs(put.build()).getInputsCount())
            .isEqualTo(put.getInputsCount());
      }
      FunctionGetOutputsResponse out =
          fx.stub.functionGetOutputs(
              FunctionGetOutputsRequest.newBuilder()
                  .setFunctionCallId(map.getFunctionCallId())
                  .setLastEntryId(cursor)
                  .setTimeout(10)
                  .build());
      for (FunctionGetOutputsItem item : out.getOutputsList()) {
        assertThat(results.put(item.getIdx(), FnFixture.decode(item.getResult().getData())))
            .isNull();
      }
      cursor = out.getLastEntryId();
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    for (int i = 0; i < n; i++) {
      assertThat(results.get(i)).isEqualTo((long) i * i);
    }
    FunctionGetOutputsResponse ack =
        fx.stub.functionGetOutputs(
            FunctionGetOutputsRequest.newBuilder()
                .setFunctionCallId(map.getFunctionCallId())
                .setLastEntryId(cursor)
                .setTimeout(0)
                .setClearOnSuccess(true)
                .build());
    assertThat(ack.getOutputsList()).isEmpty();
    assertThat(ack.getNumUnfinishedInputs()).isZero();
    System.out.println("map of " + n + " inputs took " + millis + " ms");
  }

  @Test
  void putInputsBeyondMaxInputsOutstandingIsResourceExhausted() {
    fx.backend
        .deploy("slow-app")
        .function(
            "wait",
            (args, kwargs) -> {
              Thread.sleep(5_000);
              return null;
            },
            FunctionSpec.builder().maxInputsOutstanding(3).build());
    String id =
        fx.stub
            .functionGet(
                dev.modal4j.proto.FunctionGetRequest.newBuilder()
                    .setAppName("slow-app")
                    .setObjectTag("wait")
                    .build())
            .getFunctionId();
    FunctionMapResponse map = openMap(id);
    assertThat(map.getMaxInputsOutstanding()).isEqualTo(3);
    List<FunctionPutInputsItem> three = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      three.add(FnFixture.item(i, FnFixture.cborInput(List.of(), Map.of())));
    }
    fx.stub.functionPutInputs(
        FunctionPutInputsRequest.newBuilder()
            .setFunctionId(id)
            .setFunctionCallId(map.getFunctionCallId())
            .addAllInputs(three)
            .build());
    assertThatThrownBy(
            () ->
                fx.stub.functionPutInputs(
                    FunctionPutInputsRequest.newBuilder()
                        .setFunctionId(id)
                        .setFunctionCallId(map.getFunctionCallId())
                        .addInputs(FnFixture.item(3, FnFixture.cborInput(List.of(), Map.of())))
                        .build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED));
    fx.stub.functionCallCancel(
        dev.modal4j.proto.FunctionCallCancelRequest.newBuilder()
            .setFunctionCallId(map.getFunctionCallId())
            .build());
  }

  @Test
  void inputPlaneMapReportsLostInputsAndAcceptsTheirRetries() {
    fx.faults.lostInputs(0.5);
    String id = fx.functionId("square_ip");
    MapStartOrContinueRequest.Builder start =
        MapStartOrContinueRequest.newBuilder().setFunctionId(id).setMapToken("");
    int n = 20;
    for (int i = 1; i <= n; i++) {
      start.addItems(
          MapStartOrContinueItem.newBuilder()
              .setInput(FnFixture.item(i, FnFixture.cborInput(List.of(i), Map.of()))));
    }
    MapStartOrContinueResponse started = fx.stub.mapStartOrContinue(start.build());
    assertThat(started.getAttemptTokensList()).hasSize(n);
    assertThat(started.getMapToken()).isNotEmpty();
    List<Boolean> lost =
        fx.stub
            .mapCheckInputs(
                MapCheckInputsRequest.newBuilder()
                    .addAllAttemptTokens(started.getAttemptTokensList())
                    .build())
            .getLostList();
    assertThat(lost).contains(true);
    fx.faults.lostInputs(0);
    MapStartOrContinueRequest.Builder retry =
        MapStartOrContinueRequest.newBuilder().setFunctionId(id).setMapToken(started.getMapToken());
    for (int i = 0; i < n; i++) {
      if (lost.get(i)) {
        retry.addItems(
            MapStartOrContinueItem.newBuilder()
                .setInput(FnFixture.item(i + 1, FnFixture.cborInput(List.of(i + 1), Map.of())))
                .setAttemptToken(started.getAttemptTokens(i)));
      }
    }
    MapStartOrContinueResponse retried = fx.stub.mapStartOrContinue(retry.build());
    assertThat(retried.getFunctionCallId()).isEqualTo(started.getFunctionCallId());
    Map<Integer, Object> results = new HashMap<>();
    String cursor = "";
    while (results.size() < n) {
      MapAwaitResponse out =
          fx.stub.mapAwait(
              MapAwaitRequest.newBuilder()
                  .setMapToken(started.getMapToken())
                  .setLastEntryId(cursor)
                  .setTimeout(10)
                  .build());
      for (FunctionGetOutputsItem item : out.getOutputsList()) {
        assertThat(item.getResult().getStatus()).isEqualTo(GenericStatus.GENERIC_STATUS_SUCCESS);
        assertThat(results.put(item.getIdx(), FnFixture.decode(item.getResult().getData())))
            .isNull();
      }
      cursor = out.getLastEntryId();
    }
    for (int i = 1; i <= n; i++) {
      assertThat(results.get(i)).isEqualTo((long) i * i);
    }
  }
}
