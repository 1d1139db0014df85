package dev.modal4j.testing.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modal4j.proto.AppGetOrCreateRequest;
import dev.modal4j.proto.AuthTokenGetRequest;
import dev.modal4j.proto.BaseImage;
import dev.modal4j.proto.EnvironmentGetOrCreateRequest;
import dev.modal4j.proto.EnvironmentGetOrCreateResponse;
import dev.modal4j.proto.GenericResult.GenericStatus;
import dev.modal4j.proto.Image;
import dev.modal4j.proto.ImageFromIdRequest;
import dev.modal4j.proto.ImageGetOrCreateRequest;
import dev.modal4j.proto.ImageGetOrCreateResponse;
import dev.modal4j.proto.ImageJoinStreamingRequest;
import dev.modal4j.proto.ImageJoinStreamingResponse;
import dev.modal4j.proto.ModalClientGrpc;
import dev.modal4j.proto.ModalClientGrpc.ModalClientBlockingStub;
import dev.modal4j.proto.ObjectCreationType;
import dev.modal4j.testing.ModalEmulator;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ImagesAreaTest {
  private static ModalEmulator emulator;
  private static ModalClientBlockingStub stub;
  private static String appId;

  @BeforeAll
  static void start() {
    emulator = ModalEmulator.start();
    Metadata credentials = new Metadata();
    credentials.put(Metadata.Key.of("x-modal-token-id", Metadata.ASCII_STRING_MARSHALLER), "ak-t");
    credentials.put(
        Metadata.Key.of("x-modal-token-secret", Metadata.ASCII_STRING_MARSHALLER), "as-t");
    ModalClientBlockingStub plain =
        ModalClientGrpc.newBlockingStub(emulator.inProcessChannel())
            .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(credentials));
    String token = plain.authTokenGet(AuthTokenGetRequest.getDefaultInstance()).getToken();
    credentials.put(Metadata.Key.of("x-modal-auth-token", Metadata.ASCII_STRING_MARSHALLER), token);
    stub =
        ModalClientGrpc.newBlockingStub(emulator.inProcessChannel())
            .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(credentials));
    appId = app("images-app");
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  private static String app(String name) {
    return stub.appGetOrCreate(
            AppGetOrCreateRequest.newBuilder()
                .setAppName(name)
                .setObjectCreationType(ObjectCreationType.OBJECT_CREATION_TYPE_CREATE_IF_MISSING)
                .build())
        .getAppId();
  }

  private static ImageGetOrCreateResponse build(String app, Image.Builder image) {
    return stub.imageGetOrCreate(
        ImageGetOrCreateRequest.newBuilder()
            .setAppId(app)
            .setImage(image)
            .setBuilderVersion("2025.06")
            .build());
  }

  private static Image.Builder layer0(String... commands) {
    return Image.newBuilder().addAllDockerfileCommands(List.of(commands));
  }

  @Test
  void environmentsReportTheBuilderVersionAndUnknownOnesAreNotFound() {
    EnvironmentGetOrCreateResponse main =
        stub.environmentGetOrCreate(EnvironmentGetOrCreateRequest.getDefaultInstance());
    assertThat(main.getMetadata().getName()).isEqualTo("main");
    assertThat(main.getMetadata().getSettings().getImageBuilderVersion()).isEqualTo("2025.06");
    assertThat(main.getEnvironmentId()).startsWith("en-");
    assertThat(
            stub.environmentGetOrCreate(
                    EnvironmentGetOrCreateRequest.newBuilder().setDeploymentName("main").build())
                .getEnvironmentId())
        .isEqualTo(main.getEnvironmentId());

    EnvironmentGetOrCreateResponse libmodal =
        stub.environmentGetOrCreate(
            EnvironmentGetOrCreateRequest.newBuilder().setDeploymentName("libmodal").build());
    assertThat(libmodal.getMetadata().getName()).isEqualTo("libmodal");
    assertThat(libmodal.getEnvironmentId()).isNotEqualTo(main.getEnvironmentId());

    assertThatThrownBy(
            () ->
                stub.environmentGetOrCreate(
                    EnvironmentGetOrCreateRequest.newBuilder().setDeploymentName("nope").build()))
        .isInstanceOf(StatusRuntimeException.class)
        .extracting(e -> Status.fromThrowable(e).getCode())
        .isEqualTo(Status.Code.NOT_FOUND);
    assertThat(
            stub.environmentGetOrCreate(
                    EnvironmentGetOrCreateRequest.newBuilder()
                        .setDeploymentName("nope")
                        .setObjectCreationType(
                            ObjectCreationType.OBJECT_CREATION_TYPE_CREATE_IF_MISSING)
                        .build())
                .getMetadata()
                .getName())
        .isEqualTo("nope");
  }

  @Test
  void aLayerBuildsAtOnceAndTheSameDefinitionInTheSameAppKeepsItsId() {
    ImageGetOrCreateResponse first = build(appId, layer0("FROM alpine:3.21", "RUN echo hi"));
    assertThat(first.getImageId()).matches("im-[0-9A-Za-z]{22}");
    assertThat(first.getResult().getStatus()).isEqualTo(GenericStatus.GENERIC_STATUS_SUCCESS);
    assertThat(first.getMetadata().getImageBuilderVersion()).isEqualTo("2025.06");
    assertThat(build(appId, layer0("FROM alpine:3.21", "RUN echo hi")).getImageId())
        .isEqualTo(first.getImageId());
    assertThat(build(appId, layer0("FROM alpine:3.21", "RUN echo other")).getImageId())
        .isNotEqualTo(first.getImageId());
    assertThat(
            build(app("other-images-app"), layer0("FROM alpine:3.21", "RUN echo hi")).getImageId())
        .isNotEqualTo(first.getImageId());
  }

  @Test
  void laterLayersDescendFromTheirBaseAndTheStoreKnowsTagAndCommands() {
    String base = build(appId, layer0("FROM python:3.13-slim", "RUN pip --version")).getImageId();
    String top =
        build(
                appId,
                Image.newBuilder()
                    .addDockerfileCommands("FROM base")
                    .addDockerfileCommands("ENV A=1")
                    .addDockerfileCommands("RUN echo $A")
                    .addBaseImages(BaseImage.newBuilder().setDockerTag("base").setImageId(base)))
            .getImageId();
    ImageRecord record = emulator.images().get(top).orElseThrow();
    assertThat(record.registryTag()).isEqualTo("python:3.13-slim");
    assertThat(record.commands()).containsExactly("RUN pip --version", "ENV A=1", "RUN echo $A");
    assertThat(record.layers()).hasSize(2);
    assertThat(record.layers().get(1).commands()).containsExactly("ENV A=1", "RUN echo $A");

    assertCode(
        () ->
            build(
                appId,
                Image.newBuilder()
                    .addDockerfileCommands("FROM base")
                    .addBaseImages(
                        BaseImage.newBuilder().setDockerTag("base").setImageId("im-missing"))),
        Status.Code.NOT_FOUND);
  }

  @Test
  void aLayersSecretsAreItsBuildEnvironmentOnly() {
    String secret =
        stub.secretGetOrCreate(
                dev.modal4j.proto.SecretGetOrCreateRequest.newBuilder()
                    .setObjectCreationType(ObjectCreationType.OBJECT_CREATION_TYPE_EPHEMERAL)
                    .putEnvDict("SECRET", "hello")
                    .build())
            .getSecretId();
    String l1 = build(appId, layer0("FROM alpine:3.21", "RUN echo 1")).getImageId();
    String l2 =
        build(
                appId,
                Image.newBuilder()
                    .addDockerfileCommands("FROM base")
                    .addDockerfileCommands("RUN echo ${SECRET:-unset}")
                    .addSecretIds(secret)
                    .addBaseImages(BaseImage.newBuilder().setDockerTag("base").setImageId(l1)))
            .getImageId();
    String l3 =
        build(
                appId,
                Image.newBuilder()
                    .addDockerfileCommands("FROM base")
                    .addDockerfileCommands("RUN echo 3")
                    .addBaseImages(BaseImage.newBuilder().setDockerTag("base").setImageId(l2)))
            .getImageId();
    var layers = emulator.images().get(l3).orElseThrow().layers();
    assertThat(layers).hasSize(3);
    assertThat(layers.get(0).buildEnv()).isEmpty();
    assertThat(layers.get(1).buildEnv())
        .containsExactlyEntriesOf(java.util.Map.of("SECRET", "hello"));
    assertThat(layers.get(2).buildEnv()).isEmpty();
    assertThat(layers.get(1).toString()).doesNotContain("hello");
  }

  @Test
  void deleteForgetsAnImageButNotItsBase() {
    String base = build(appId, layer0("FROM alpine:3.13")).getImageId();
    String top =
        build(
                appId,
                Image.newBuilder()
                    .addDockerfileCommands("FROM base")
                    .addDockerfileCommands("RUN touch dummy.txt")
                    .addBaseImages(BaseImage.newBuilder().setDockerTag("base").setImageId(base)))
            .getImageId();
    stub.imageDelete(dev.modal4j.proto.ImageDeleteRequest.newBuilder().setImageId(top).build());
    assertThat(
            stub.imageFromId(ImageFromIdRequest.newBuilder().setImageId(base).build()).getImageId())
        .isEqualTo(base);
    assertThatThrownBy(
            () -> stub.imageFromId(ImageFromIdRequest.newBuilder().setImageId(top).build()))
        .hasMessageContaining("NOT_FOUND")
        .hasMessageContaining("Could not find image with ID");
    assertThatThrownBy(
            () ->
                stub.imageDelete(
                    dev.modal4j.proto.ImageDeleteRequest.newBuilder()
                        .setImageId("im-nonexistent")
                        .build()))
        .hasMessageContaining("NOT_FOUND")
        .hasMessageContaining("No Image with ID");
  }

  @Test
  void malformedDefinitionsAreRefused() {
    assertCode(() -> build(appId, layer0()), Status.Code.INVALID_ARGUMENT);
    assertCode(() -> build(appId, layer0("RUN echo no from")), Status.Code.INVALID_ARGUMENT);
    assertCode(
        () -> build(appId, layer0("FROM alpine:3.21", "COPY . /app")),
        Status.Code.INVALID_ARGUMENT);
    assertCode(
        () ->
            stub.imageGetOrCreate(
                ImageGetOrCreateRequest.newBuilder()
                    .setAppId(appId)
                    .setImage(layer0("FROM alpine:3.21"))
                    .setBuilderVersion("1999.01")
                    .build()),
        Status.Code.INVALID_ARGUMENT);
    assertCode(() -> build("ap-missing", layer0("FROM alpine:3.21")), Status.Code.NOT_FOUND);
    assertCode(
        () -> build(appId, layer0("FROM alpine:3.21").addSecretIds("st-missing")),
        Status.Code.NOT_FOUND);
  }

  @Test
  void joinStreamingGivesTheResultThenEofAndResumesAfterTheLastEntry() {
    String id = build(appId, layer0("FROM alpine:3.21", "RUN true")).getImageId();
    List<ImageJoinStreamingResponse> items = join(id, "");
    assertThat(items).hasSize(1);
    assertThat(items.get(0).getResult().getStatus())
        .isEqualTo(GenericStatus.GENERIC_STATUS_SUCCESS);
    assertThat(items.get(0).getEof()).isTrue();
    String entry = items.get(0).getEntryId();
    assertThat(entry).isNotEmpty();

    List<ImageJoinStreamingResponse> resumed = join(id, entry);
    assertThat(resumed).hasSize(1);
    assertThat(resumed.get(0).hasResult()).isFalse();
    assertThat(resumed.get(0).getEof()).isTrue();

    assertCode(() -> join("im-unknown", ""), Status.Code.NOT_FOUND);
  }

  @Test
  void fromIdFindsBuiltImagesOnly() {
    String id = build(appId, layer0("FROM alpine:3.21", "RUN echo fromid")).getImageId();
    assertThat(
            stub.imageFromId(ImageFromIdRequest.newBuilder().setImageId(id).build()).getImageId())
        .isEqualTo(id);
    assertThatThrownBy(
            () -> stub.imageFromId(ImageFromIdRequest.newBuilder().setImageId("im-nope").build()))
        .isInstanceOf(StatusRuntimeException.class)
        .hasMessageContaining("NOT_FOUND")
        .hasMessageContaining("Image 'im-nope' not found");
  }

  private static List<ImageJoinStreamingResponse> join(String id, String lastEntryId) {
    List<ImageJoinStreamingResponse> out = new ArrayList<>();
    stub.imageJoinStreaming(
            ImageJoinStreamingRequest.newBuilder()
                .setImageId(id)
                .setTimeout(55)
                .setLastEntryId(lastEntryId)
                .build())
        .forEachRemaining(out::add);
    return out;
  }

  private static void assertCode(Runnable call, Status.Code code) {
    assertThatThrownBy(call::run)
        .isInstanceOf(StatusRuntimeException.class)
        .extracting(e -> Status.fromThrowable(e).getCode())
        .isEqualTo(code);
  }
}
