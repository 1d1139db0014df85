package dev.modal4j.testing.functions;

import static dev.modal4j.proto.FunctionCallInvocationType.FUNCTION_CALL_INVOCATION_TYPE_SYNC;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modal4j.proto.AttemptAwaitRequest;
import dev.modal4j.proto.AttemptAwaitResponse;
import dev.modal4j.proto.AttemptRetryRequest;
import dev.modal4j.proto.AttemptStartRequest;
import dev.modal4j.proto.AttemptStartResponse;
import dev.modal4j.proto.FunctionGetOutputsItem;
import dev.modal4j.proto.FunctionGetRequest;
import dev.modal4j.proto.FunctionHandleMetadata;
import dev.modal4j.proto.FunctionInput;
import dev.modal4j.proto.FunctionMapResponse;
import dev.modal4j.proto.FunctionRetryInputsItem;
import dev.modal4j.proto.FunctionRetryInputsRequest;
import dev.modal4j.proto.FunctionRetryInputsResponse;
import dev.modal4j.proto.GenericResult.GenericStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class InputPlaneAndFaultsTest {
  FnFixture fx;

  @BeforeEach
  void start() {
    fx = new FnFixture();
  }

  @AfterEach
  void stop() throws InterruptedException {
    fx.close();
  }

  private AttemptAwaitResponse await(String token) {
    return fx.stub.attemptAwait(
        AttemptAwaitRequest.newBuilder().setAttemptToken(token).setTimeoutSecs(10).build());
  }

  @Test
  void inputPlaneAttemptReturnsTheResult() {
    var get =
        fx.stub.functionGet(
            FunctionGetRequest.newBuilder()
                .setAppName("modal4j-demo")
                .setObjectTag("square_ip")
                .build());
    FunctionHandleMetadata md = get.getHandleMetadata();
    assertThat(md.hasInputPlaneUrl()).isTrue();
    assertThat(md.getInputPlaneUrl()).isEqualTo(FnFixture.URL);
    assertThat(md.getInputPlaneRegion()).isNotEmpty();
    AttemptStartResponse start =
        fx.stub.attemptStart(
            AttemptStartRequest.newBuilder()
                .setFunctionId(get.getFunctionId())
                .setInput(FnFixture.item(0, FnFixture.cborInput(List.of(9), Map.of())))
                .build());
    assertThat(start.hasRetryPolicy()).isTrue();
    AttemptAwaitResponse out = await(start.getAttemptToken());
    assertThat(out.hasOutput()).isTrue();
    assertThat(FnFixture.decode(out.getOutput().getResult().getData())).isEqualTo(81L);
  }

  @Test
  void injectedInternalFailureIsRetriedOnTheInputPlane() {
    fx.faults.internalFailures(1.0, true);
    String id = fx.functionId("square_ip");
    var item = FnFixture.item(0, FnFixture.cborInput(List.of(4), Map.of()));
    AttemptStartResponse start =
        fx.stub.attemptStart(
            AttemptStartRequest.newBuilder().setFunctionId(id).setInput(item).build());
    AttemptAwaitResponse first = await(start.getAttemptToken());
    assertThat(first.getOutput().getResult().getStatus())
        .isEqualTo(GenericStatus.GENERIC_STATUS_INTERNAL_FAILURE);
    String token =
        fx.stub
            .attemptRetry(
                AttemptRetryRequest.newBuilder()
                    .setFunctionId(id)
                    .setInput(item)
                    .setAttemptToken(start.getAttemptToken())
                    .build())
            .getAttemptToken();
    assertThat(token).isNotEqualTo(start.getAttemptToken());
    AttemptAwaitResponse second = await(token);
    assertThat(second.getOutput().getResult().getStatus())
        .isEqualTo(GenericStatus.GENERIC_STATUS_SUCCESS);
    assertThat(second.getOutput().getRetryCount()).isEqualTo(1);
    assertThat(FnFixture.decode(second.getOutput().getResult().getData())).isEqualTo(16L);
  }

  @Test
  void injectedInternalFailureThenFunctionRetryInputs() {
    fx.faults.internalFailures(1.0, true);
    FunctionInput input = FnFixture.cborInput(List.of(6), Map.of());
    FunctionMapResponse map =
        fx.call(fx.functionId("square"), FUNCTION_CALL_INVOCATION_TYPE_SYNC, input);
    FunctionGetOutputsItem first = fx.poll(map.getFunctionCallId(), 10, true).getOutputs(0);
    assertThat(first.getResult().getStatus())
        .isEqualTo(GenericStatus.GENERIC_STATUS_INTERNAL_FAILURE);
    FunctionRetryInputsResponse retried =
        fx.stub.functionRetryInputs(
            FunctionRetryInputsRequest.newBuilder()
                .setFunctionCallJwt(map.getFunctionCallJwt())
                .addInputs(
                    FunctionRetryInputsItem.newBuilder()
                        .setInputJwt(map.getPipelinedInputs(0).getInputJwt())
                        .setInput(input)
                        .setRetryCount(1))
                .build());
    assertThat(retried.getInputJwtsList()).hasSize(1);
    assertThat(retried.getInputJwts(0)).isNotEqualTo(map.getPipelinedInputs(0).getInputJwt());
    assertThat(FnFixture.jwtPayload(retried.getInputJwts(0))).contains("\"idx\":0");
    FunctionGetOutputsItem second = fx.poll(map.getFunctionCallId(), 10, true).getOutputs(0);
    assertThat(second.getResult().getStatus()).isEqualTo(GenericStatus.GENERIC_STATUS_SUCCESS);
    assertThat(second.getRetryCount()).isEqualTo(1);
    assertThat(FnFixture.decode(second.getResult().getData())).isEqualTo(36L);
  }

  @Test
  void faultDecisionsRepeatForTheSameSeed() throws InterruptedException {
    List<GenericStatus> run1 = statuses();
    fx.close();
    fx = new FnFixture();
    List<GenericStatus> run2 = statuses();
    assertThat(run1).isEqualTo(run2);
    assertThat(run1).contains(GenericStatus.GENERIC_STATUS_INTERNAL_FAILURE);
    assertThat(run1).contains(GenericStatus.GENERIC_STATUS_SUCCESS);
  }

  private List<GenericStatus> statuses() {
    fx.faults.internalFailures(0.3, false);
    String id = fx.functionId("square");
    List<GenericStatus> out = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      FunctionMapResponse map =
          fx.call(
              id, FUNCTION_CALL_INVOCATION_TYPE_SYNC, FnFixture.cborInput(List.of(i), Map.of()));
      out.add(fx.poll(map.getFunctionCallId(), 10, true).getOutputs(0).getResult().getStatus());
    }
    return out;
  }
}
