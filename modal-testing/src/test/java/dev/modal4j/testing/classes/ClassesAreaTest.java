package dev.modal4j.testing.classes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modal4j.proto.ClassGetRequest;
import dev.modal4j.proto.ClassGetResponse;
import dev.modal4j.proto.ClassParameterInfo.ParameterSerializationFormat;
import dev.modal4j.proto.ClassParameterSet;
import dev.modal4j.proto.ClassParameterValue;
import dev.modal4j.proto.FunctionBindParamsRequest;
import dev.modal4j.proto.FunctionBindParamsResponse;
import dev.modal4j.proto.FunctionGetRequest;
import dev.modal4j.proto.FunctionGetResponse;
import dev.modal4j.proto.FunctionOptions;
import dev.modal4j.proto.GPUConfig;
import dev.modal4j.proto.ModalClientGrpc;
import dev.modal4j.proto.ParameterType;
import dev.modal4j.proto.Resources;
import dev.modal4j.testing.ModalEmulator;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** ClassGet and FunctionBindParams with raw stubs, as Modal's own SDKs send them. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ClassesAreaTest {
  private static ModalEmulator emulator;
  private static ModalClientGrpc.ModalClientBlockingStub stub;

  @BeforeAll
  static void start() {
    emulator = ModalEmulator.start();
    DemoClasses.deploy(emulator.classes());
    Metadata headers = new Metadata();
    headers.put(Metadata.Key.of("x-modal-token-id", Metadata.ASCII_STRING_MARSHALLER), "ak-t");
    headers.put(Metadata.Key.of("x-modal-token-secret", Metadata.ASCII_STRING_MARSHALLER), "as-t");
    stub =
        ModalClientGrpc.newBlockingStub(emulator.inProcessChannel())
            .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  private static FunctionGetResponse serviceFunction() {
    return stub.functionGet(
        FunctionGetRequest.newBuilder()
            .setAppName("modal4j-demo")
            .setObjectTag("Greeter.*")
            .build());
  }

  private static FunctionBindParamsResponse bind(String greeting, FunctionOptions options) {
    ClassParameterSet params =
        ClassParameterSet.newBuilder()
            .addParameters(
                ClassParameterValue.newBuilder()
                    .setName("greeting")
                    .setType(ParameterType.PARAM_TYPE_STRING)
                    .setStringValue(greeting))
            .build();
    FunctionBindParamsRequest.Builder request =
        FunctionBindParamsRequest.newBuilder()
            .setFunctionId(serviceFunction().getFunctionId())
            .setSerializedParams(params.toByteString());
    if (options != null) {
      request.setFunctionOptions(options);
    }
    return stub.functionBindParams(request.build());
  }

  @Test
  void classGetNamesTheServiceFunction() {
    ClassGetResponse cls =
        stub.classGet(
            ClassGetRequest.newBuilder()
                .setAppName("modal4j-demo")
                .setObjectTag("Greeter")
                .setOnlyClassFunction(true)
                .build());
    FunctionGetResponse service = serviceFunction();
    assertThat(cls.getClassId()).startsWith("cs-");
    assertThat(cls.getHandleMetadata().getClassFunctionId()).isEqualTo(service.getFunctionId());
    var metadata = service.getHandleMetadata();
    assertThat(metadata.getClassParameterInfo().getFormat())
        .isEqualTo(ParameterSerializationFormat.PARAM_SERIALIZATION_FORMAT_PROTO);
    assertThat(metadata.getClassParameterInfo().getSchema(0).getStringDefault()).isEqualTo("Hello");
    assertThat(metadata.getMethodHandleMetadataMap()).containsOnlyKeys("greet", "resources");
    assertThat(metadata.getMethodHandleMetadataMap().get("greet").getUseMethodName())
        .isEqualTo("greet");
    assertThat(metadata.getMethodHandleMetadataMap().get("greet").getIsMethod()).isTrue();
    assertThatThrownBy(
            () ->
                stub.classGet(
                    ClassGetRequest.newBuilder()
                        .setAppName("modal4j-demo")
                        .setObjectTag("Nope")
                        .build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
  }

  @Test
  void bindingIsKeyedByParametersAndOptions() {
    FunctionOptions gpu =
        FunctionOptions.newBuilder()
            .setResources(
                Resources.newBuilder()
                    .setGpuConfig(GPUConfig.newBuilder().setGpuType("A100-80GB").setCount(1)))
            .build();
    String a = bind("A", null).getBoundFunctionId();
    assertThat(bind("A", null).getBoundFunctionId()).isEqualTo(a);
    assertThat(bind("B", null).getBoundFunctionId()).isNotEqualTo(a);
    String withGpu = bind("A", gpu).getBoundFunctionId();
    assertThat(withGpu).isNotEqualTo(a);
    assertThat(bind("A", gpu).getBoundFunctionId()).isEqualTo(withGpu);
    assertThat(bind("A", gpu).getHandleMetadata().getMethodHandleMetadataMap())
        .containsKeys("greet", "resources");
  }

  @Test
  void badParametersAndOptionsAreRefused() {
    ClassParameterSet wrongType =
        ClassParameterSet.newBuilder()
            .addParameters(
                ClassParameterValue.newBuilder()
                    .setName("greeting")
                    .setType(ParameterType.PARAM_TYPE_INT)
                    .setIntValue(3))
            .build();
    assertThatThrownBy(
            () ->
                stub.functionBindParams(
                    FunctionBindParamsRequest.newBuilder()
                        .setFunctionId(serviceFunction().getFunctionId())
                        .setSerializedParams(wrongType.toByteString())
                        .build()))
        .hasMessageContaining("INVALID_ARGUMENT")
        .hasMessageContaining("greeting");
    FunctionOptions badGpu =
        FunctionOptions.newBuilder()
            .setResources(
                Resources.newBuilder()
                    .setGpuConfig(GPUConfig.newBuilder().setGpuType("Z80").setCount(1)))
            .build();
    assertThatThrownBy(() -> bind("A", badGpu)).hasMessageContaining("Z80");
    FunctionOptions badSecret = FunctionOptions.newBuilder().addSecretIds("st-missing").build();
    assertThatThrownBy(() -> bind("A", badSecret)).hasMessageContaining("NOT_FOUND");
    assertThatThrownBy(
            () ->
                stub.functionBindParams(
                    FunctionBindParamsRequest.newBuilder().setFunctionId("fu-nope").build()))
        .hasMessageContaining("NOT_FOUND");
  }
}
