package dev.modal4j.testing.functions;

import static dev.modal4j.proto.FunctionCallInvocationType.FUNCTION_CALL_INVOCATION_TYPE_SYNC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modal4j.proto.DataFormat;
import dev.modal4j.proto.Function.FunctionType;
import dev.modal4j.proto.FunctionGetOutputsItem;
import dev.modal4j.proto.FunctionGetOutputsResponse;
import dev.modal4j.proto.FunctionGetRequest;
import dev.modal4j.proto.FunctionGetResponse;
import dev.modal4j.proto.FunctionMapResponse;
import dev.modal4j.proto.GenericResult.GenericStatus;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class RemoteCallTest {
  static FnFixture fx;

  @BeforeAll
  static void start() {
    fx = new FnFixture();
  }

  @AfterAll
  static void stop() throws InterruptedException {
    fx.close();
  }

  private static FunctionGetOutputsItem remote(
      String function, List<?> args, Map<String, ?> kwargs) {
    FunctionMapResponse map =
        fx.call(
            fx.functionId(function),
            FUNCTION_CALL_INVOCATION_TYPE_SYNC,
            FnFixture.cborInput(args, kwargs));
    FunctionGetOutputsResponse out = fx.poll(map.getFunctionCallId(), 10, true);
    assertThat(out.getOutputsList()).hasSize(1);
    return out.getOutputs(0);
  }

  @Test
  void squareLikeRemote() {
    FunctionGetResponse get =
        fx.stub.functionGet(
            FunctionGetRequest.newBuilder()
                .setAppName("modal4j-demo")
                .setObjectTag("square")
                .build());
    assertThat(get.getFunctionId()).startsWith("fu-");
    assertThat(get.getHandleMetadata().getFunctionType())
        .isEqualTo(FunctionType.FUNCTION_TYPE_FUNCTION);
    assertThat(get.getHandleMetadata().getSupportedInputFormatsList())
        .containsExactly(DataFormat.DATA_FORMAT_PICKLE, DataFormat.DATA_FORMAT_CBOR);
    assertThat(get.getHandleMetadata().getAppId()).startsWith("ap-");
    assertThat(get.getHandleMetadata().hasInputPlaneUrl()).isFalse();
    assertThat(get.getHandleMetadata().hasMaxObjectSizeBytes()).isFalse();

    FunctionMapResponse map =
        fx.call(
            get.getFunctionId(),
            FUNCTION_CALL_INVOCATION_TYPE_SYNC,
            FnFixture.cborInput(List.of(7), Map.of()));
    assertThat(map.getFunctionCallId()).startsWith("fc-");
    assertThat(map.getPipelinedInputsList()).hasSize(1);
    assertThat(map.getPipelinedInputs(0).getInputId()).startsWith("in-");
    assertThat(FnFixture.jwtPayload(map.getPipelinedInputs(0).getInputJwt())).contains("\"idx\":0");
    assertThat(map.getFunctionCallJwt().split("\\.")).hasSize(3);
    assertThat(map.getMaxInputsOutstanding()).isEqualTo(1000);
    assertThat(map.getSyncClientRetriesEnabled()).isTrue();

    FunctionGetOutputsResponse out = fx.poll(map.getFunctionCallId(), 10, true);
    FunctionGetOutputsItem item = out.getOutputs(0);
    assertThat(item.getResult().getStatus()).isEqualTo(GenericStatus.GENERIC_STATUS_SUCCESS);
    assertThat(item.getDataFormat()).isEqualTo(DataFormat.DATA_FORMAT_CBOR);
    assertThat(FnFixture.decode(item.getResult().getData())).isEqualTo(49L);
    assertThat(out.getLastEntryId()).matches("\\d+-0");
    assertThat(out.getNumUnfinishedInputs()).isZero();
    // clear_on_success dropped the output: a second read finds nothing.
    assertThat(fx.poll(map.getFunctionCallId(), 0, true).getOutputsList()).isEmpty();
  }

  @Test
  void kwargsBignumsAndTimestamps() {
    assertThat(
            FnFixture.decode(
                remote("add", List.of(), Map.of("a", 2, "b", 3)).getResult().getData()))
        .isEqualTo(5L);
    assertThat(
            FnFixture.decode(remote("add", List.of("ab"), Map.of("b", "cd")).getResult().getData()))
        .isEqualTo("abcd");
    BigInteger big = BigInteger.valueOf(Long.MAX_VALUE);
    assertThat(FnFixture.decode(remote("square", List.of(big), Map.of()).getResult().getData()))
        .isEqualTo(big.multiply(big));
    assertThat(FnFixture.decode(remote("square", List.of(1.5), Map.of()).getResult().getData()))
        .isEqualTo(2.25);
    Instant t = Instant.parse("2024-05-06T07:08:09.123456789Z");
    assertThat(FnFixture.decode(remote("echo", List.of(t), Map.of()).getResult().getData()))
        .isEqualTo(t);
    assertThat(
            FnFixture.decode(
                remote("echo", List.of(new byte[] {1, 2}), Map.of()).getResult().getData()))
        .isEqualTo(new byte[] {1, 2});
  }

  @Test
  void exceptionsBecomeFailuresWithPythonTracebacks() {
    FunctionGetOutputsItem item = remote("fail", List.of("boom"), Map.of());
    assertThat(item.getResult().getStatus()).isEqualTo(GenericStatus.GENERIC_STATUS_FAILURE);
    assertThat(item.getResult().getException()).isEqualTo("ValueError: boom");
    assertThat(item.getResult().getTraceback())
        .startsWith("Traceback (most recent call last):\n  File \"")
        .endsWith("ValueError: boom\n");
    FunctionGetOutputsItem missing = remote("square", List.of(), Map.of());
    assertThat(missing.getResult().getException())
        .isEqualTo("TypeError: square() missing 1 required positional argument: 'x'");
  }

  @Test
  void unknownFunctionsAndAppsAreNotFound() {
    assertThatThrownBy(
            () ->
                fx.stub.functionGet(
                    FunctionGetRequest.newBuilder()
                        .setAppName("modal4j-demo")
                        .setObjectTag("nope")
                        .build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
              assertThat(e.getStatus().getDescription())
                  .isEqualTo("Function 'nope' not found in app 'modal4j-demo'");
            });
    assertThatThrownBy(
            () ->
                fx.stub.functionGet(
                    FunctionGetRequest.newBuilder().setAppName("no-app").setObjectTag("f").build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
              assertThat(e.getStatus().getDescription())
                  .isEqualTo("App 'no-app' not found in environment 'main'");
            });
  }

  @Test
  void webEndpointsRefuseCborButAnswerHttp() throws Exception {
    FunctionGetResponse web =
        fx.stub.functionGet(
            FunctionGetRequest.newBuilder().setAppName("modal4j-demo").setObjectTag("web").build());
    String url = web.getHandleMetadata().getWebUrl();
    assertThat(url).matches("http://127\\.0\\.0\\.1:\\d+/web/modal4j-demo/web");
    assertThat(web.getHandleMetadata().getSupportedInputFormatsList())
        .containsExactly(DataFormat.DATA_FORMAT_ASGI);
    assertThatThrownBy(
            () ->
                fx.call(
                    web.getFunctionId(),
                    FUNCTION_CALL_INVOCATION_TYPE_SYNC,
                    FnFixture.cborInput(List.of(), Map.of())))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
    HttpURLConnection conn = (HttpURLConnection) new URL(url + "?name=Ada").openConnection();
    try (InputStream in = conn.getInputStream()) {
      assertThat(conn.getResponseCode()).isEqualTo(200);
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
          .isEqualTo("{\"hello\":\"Ada\"}");
    }
  }

  @Test
  void functionsWithoutCborRefuseCborInputs() {
    fx.backend
        .deploy("old-app")
        .function(
            "f",
            (args, kwargs) -> 1,
            FunctionSpec.builder().inputFormats(PayloadFormat.PICKLE).build());
    FunctionGetResponse get =
        fx.stub.functionGet(
            FunctionGetRequest.newBuilder().setAppName("old-app").setObjectTag("f").build());
    assertThat(get.getHandleMetadata().getSupportedInputFormatsList())
        .containsExactly(DataFormat.DATA_FORMAT_PICKLE);
    assertThatThrownBy(
            () ->
                fx.call(
                    get.getFunctionId(),
                    FUNCTION_CALL_INVOCATION_TYPE_SYNC,
                    FnFixture.cborInput(List.of(), Map.of())))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
              assertThat(e.getStatus().getDescription()).contains("DATA_FORMAT_CBOR");
            });
  }
}
