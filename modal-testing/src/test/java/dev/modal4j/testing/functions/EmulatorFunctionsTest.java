package dev.modal4j.testing.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modal4j.proto.AppGetOrCreateRequest;
import dev.modal4j.proto.AttemptAwaitRequest;
import dev.modal4j.proto.AttemptStartRequest;
import dev.modal4j.proto.FunctionCallInvocationType;
import dev.modal4j.proto.FunctionCallType;
import dev.modal4j.proto.FunctionGetOutputsRequest;
import dev.modal4j.proto.FunctionGetRequest;
import dev.modal4j.proto.FunctionGetResponse;
import dev.modal4j.proto.FunctionMapRequest;
import dev.modal4j.proto.FunctionMapResponse;
import dev.modal4j.proto.GenericResult.GenericStatus;
import dev.modal4j.proto.ModalClientGrpc;
import dev.modal4j.proto.ObjectCreationType;
import dev.modal4j.testing.ModalEmulator;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class EmulatorFunctionsTest {
  static ModalEmulator emulator;
  static ModalClientGrpc.ModalClientBlockingStub stub;

  @BeforeAll
  static void start() {
    emulator = ModalEmulator.start();
    DemoApp.deploy(emulator);
    stub = withCredentials(ModalClientGrpc.newBlockingStub(emulator.inProcessChannel()));
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  static ModalClientGrpc.ModalClientBlockingStub withCredentials(
      ModalClientGrpc.ModalClientBlockingStub s) {
    Metadata headers = new Metadata();
    headers.put(Metadata.Key.of("x-modal-token-id", Metadata.ASCII_STRING_MARSHALLER), "ak-test");
    headers.put(
        Metadata.Key.of("x-modal-token-secret", Metadata.ASCII_STRING_MARSHALLER), "as-test");
    return s.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
  }

  private static FunctionGetResponse get(String app, String name) {
    return stub.functionGet(
        FunctionGetRequest.newBuilder().setAppName(app).setObjectTag(name).build());
  }

  @Test
  void demoAppIsADeployedAppWithTheInputPlaneOnTheEmulatorsUrl() throws Exception {
    FunctionGetResponse ip = get(DemoApp.NAME, "square_ip");
    assertThat(ip.getHandleMetadata().getInputPlaneUrl()).isEqualTo(emulator.url());
    assertThat(emulator.state().apps().find("", DemoApp.NAME)).isPresent();
    assertThat(ip.getHandleMetadata().getAppId())
        .isEqualTo(emulator.state().apps().find("", DemoApp.NAME).get().appId());
    ManagedChannel loopback =
        ManagedChannelBuilder.forTarget("127.0.0.1:" + emulator.port()).usePlaintext().build();
    try {
      var ipStub = withCredentials(ModalClientGrpc.newBlockingStub(loopback));
      String token =
          ipStub
              .attemptStart(
                  AttemptStartRequest.newBuilder()
                      .setFunctionId(ip.getFunctionId())
                      .setInput(FnFixture.item(0, FnFixture.cborInput(List.of(11), Map.of())))
                      .build())
              .getAttemptToken();
      var out =
          ipStub.attemptAwait(
              AttemptAwaitRequest.newBuilder().setAttemptToken(token).setTimeoutSecs(10).build());
      assertThat(FnFixture.decode(out.getOutput().getResult().getData())).isEqualTo(121L);
    } finally {
      loopback.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void emulatorFaultsInjectInternalFailures() {
    emulator.faults().internalFailureRate(1.0);
    try {
      FunctionMapResponse map =
          stub.functionMap(
              FunctionMapRequest.newBuilder()
                  .setFunctionId(get(DemoApp.NAME, "square").getFunctionId())
                  .setFunctionCallType(FunctionCallType.FUNCTION_CALL_TYPE_UNARY)
                  .setFunctionCallInvocationType(
                      FunctionCallInvocationType.FUNCTION_CALL_INVOCATION_TYPE_SYNC)
                  .addPipelinedInputs(FnFixture.item(0, FnFixture.cborInput(List.of(2), Map.of())))
                  .build());
      var out =
          stub.functionGetOutputs(
              FunctionGetOutputsRequest.newBuilder()
                  .setFunctionCallId(map.getFunctionCallId())
                  .setLastEntryId("0-0")
                  .setTimeout(10)
                  .build());
      assertThat(out.getOutputs(0).getResult().getStatus())
          .isEqualTo(GenericStatus.GENERIC_STATUS_INTERNAL_FAILURE);
    } finally {
      emulator.faults().internalFailureRate(0);
    }
  }

  @Test
  void appsWithoutTheFunctionAndUnknownEnvironmentsAreNotFound() {
    stub.appGetOrCreate(
        AppGetOrCreateRequest.newBuilder()
            .setAppName("empty-app")
            .setObjectCreationType(ObjectCreationType.OBJECT_CREATION_TYPE_CREATE_IF_MISSING)
            .build());
    assertThatThrownBy(() -> get("empty-app", "f"))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
              assertThat(e.getStatus().getDescription())
                  .isEqualTo("Function 'f' not found in app 'empty-app'");
            });
    assertThatThrownBy(
            () ->
                stub.functionGet(
                    FunctionGetRequest.newBuilder()
                        .setAppName(DemoApp.NAME)
                        .setObjectTag("square")
                        .setEnvironmentName("nope")
                        .build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
  }
}
