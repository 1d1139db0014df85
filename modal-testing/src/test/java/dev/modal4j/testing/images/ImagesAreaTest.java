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

/**
 * The images area's definitions, cache, joins and failures on the process backend, which builds
 * nothing (real builds: DockerImageBuildTest).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ImagesAreaTest {
  private static ModalEmulator emulator;
  private static ModalClientBlockingStub stub;
  private static String appId;

  @BeforeAll
  static void start() {
    emulator =
        ModalEmulator.builder()
            .sandboxBackend(dev.modal4j.testing.sandboxes.SandboxBackendType.PROCESS)
            .start();
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
  void aLayerWithNothingToRunIsRecordedAtOnceAndTheSameDefinitionKeepsItsIdInAnyApp() {
    ImageGetOrCreateResponse first = build(appId, layer0("FROM alpine:3.21", "ENV HI=hi"));
    assertThat(first.getImageId()).matches("im-[0-9A-Za-z]{22}");
    assertThat(first.getResult().getStatus()).isEqualTo(GenericStatus.GENERIC_STATUS_SUCCESS);
    assertThat(first.getMetadata().getImageBuilderVersion()).isEqualTo("2025.06");
    assertThat(build(appId, layer0("FROM alpine:3.21", "ENV HI=hi")).getImageId())
        .isEqualTo(first.getImageId());
    assertThat(build(appId, layer0("FROM alpine:3.21", "ENV HI=other")).getImageId())
        .isNotEqualTo(first.getImageId());
    assertThat(build(app("other-images-app"), layer0("FROM alpine:3.21", "ENV HI=hi")).getImageId())
        .isEqualTo(first.getImageId());
    ImageGetOrCreateResponse forced =
        stub.imageGetOrCreate(
            ImageGetOrCreateRequest.newBuilder()
                .setAppId(appId)
                .setImage(layer0("FROM alpine:3.21", "ENV HI=hi"))
                .setBuilderVersion("2025.06")
                .setForceBuild(true)
                .build());
    assertThat(forced.getImageId()).isNotEqualTo(first.getImageId());
    assertThat(build(appId, layer0("FROM alpine:3.21", "ENV HI=hi")).getImageId())
        .isEqualTo(forced.getImageId());
    assertThat(
            stub.imageGetOrCreate(
                    ImageGetOrCreateRequest.newBuilder()
                        .setAppId(appId)
                        .setImage(layer0("FROM alpine:3.21", "ENV HI=hi"))
                        .setBuilderVersion("2024.10")
                        .build())
                .getImageId())
        .isNotEqualTo(forced.getImageId());
  }

  @Test
  void laterLayersDescendFromTheirBaseAndTheStoreKnowsTagAndCommands() {
    String base = build(appId, layer0("FROM python:3.13-slim", "WORKDIR /srv")).getImageId();
    String top =
        build(
                appId,
                Image.newBuilder()
                    .addDockerfileCommands("FROM base")
                    .addDockerfileCommands("ENV A=1")
                    .addDockerfileCommands("LABEL a=$A")
                    .addBaseImages(BaseImage.newBuilder().setDockerTag("base").setImageId(base)))
            .getImageId();
    ImageRecord record = emulator.images().get(top).orElseThrow();
    assertThat(record.registryTag()).isEqualTo("python:3.13-slim");
    assertThat(record.commands()).containsExactly("WORKDIR /srv", "ENV A=1", "LABEL a=$A");
    assertThat(record.layers()).hasSize(2);
    assertThat(record.layers().get(1).commands()).containsExactly("ENV A=1", "LABEL a=$A");

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
    String l1 = build(appId, layer0("FROM alpine:3.21", "ENV ONE=1")).getImageId();
    String l2 =
        build(
                appId,
                Image.newBuilder()
                    .addDockerfileCommands("FROM base")
                    .addDockerfileCommands("LABEL secret=${SECRET:-unset}")
                    .addSecretIds(secret)
                    .addBaseImages(BaseImage.newBuilder().setDockerTag("base").setImageId(l1)))
            .getImageId();
    String l3 =
        build(
                appId,
                Image.newBuilder()
                    .addDockerfileCommands("FROM base")
                    .addDockerfileCommands("ENV THREE=3")
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
                    .addDockerfileCommands("WORKDIR /dummy")
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
    String id = build(appId, layer0("FROM alpine:3.21", "ENV JOIN=1")).getImageId();
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
    String id = build(appId, layer0("FROM alpine:3.21", "LABEL fromid=1")).getImageId();
    assertThat(
            stub.imageFromId(ImageFromIdRequest.newBuilder().setImageId(id).build()).getImageId())
        .isEqualTo(id);
    assertThatThrownBy(
            () -> stub.imageFromId(ImageFromIdRequest.newBuilder().setImageId("im-nope").build()))
        .isInstanceOf(StatusRuntimeException.class)
        .hasMessageContaining("NOT_FOUND")
        .hasMessageContaining("Image 'im-nope' not found");
  }

  @Test
  void aRunLayerFailsClearlyOnABackendThatCannotBuild() {
    ImageGetOrCreateResponse r =
        build(appId, layer0("FROM alpine:3.21", "ENV X=1", "RUN echo cannot > /f"));
    assertThat(r.getResult().getStatus()).isEqualTo(GenericStatus.GENERIC_STATUS_FAILURE);
    assertThat(r.getResult().getException())
        .contains("cannot run an image's RUN commands")
        .contains("RUN echo cannot > /f");
    assertThat(emulator.images().get(r.getImageId())).isEmpty();
    List<ImageJoinStreamingResponse> items = join(r.getImageId(), "");
    assertThat(items.stream().filter(i -> i.hasResult()).findFirst().orElseThrow().getResult())
        .isEqualTo(r.getResult());
  }

  @Test
  void modalsPythonClientSetUpCommandsAreSatisfiedByTheBaseImage() {
    ImageGetOrCreateResponse slim =
        build(
            appId,
            layer0(
                    "FROM python:3.11.13-slim-bookworm",
                    "COPY /modal_requirements.txt /modal_requirements.txt",
                    "RUN apt-get update",
                    "RUN apt-get install -y gcc gfortran build-essential",
                    "RUN pip install --upgrade pip wheel uv",
                    "RUN uv pip install --system --compile-bytecode --no-cache --no-deps -r"
                        + " /modal_requirements.txt",
                    "RUN echo 'debconf debconf/frontend select Noninteractive' |"
                        + " debconf-set-selections",
                    "RUN rm /modal_requirements.txt",
                    "CMD [\"sleep\", \"172800\"]")
                .addContextFiles(
                    dev.modal4j.proto.ImageContextFile.newBuilder()
                        .setFilename("/modal_requirements.txt")
                        .setData(com.google.protobuf.ByteString.copyFromUtf8("grpclib==0.4.8\n"))));
    assertThat(slim.getResult().getStatus()).isEqualTo(GenericStatus.GENERIC_STATUS_SUCCESS);
    assertThat(emulator.images().get(slim.getImageId()).orElseThrow().commands())
        .containsExactly("CMD [\"sleep\", \"172800\"]");
    ImageGetOrCreateResponse pip =
        build(
            appId,
            Image.newBuilder()
                .addDockerfileCommands("FROM base")
                .addDockerfileCommands("RUN python -m pip install 'grpclib==0.4.8' protobuf")
                .addBaseImages(
                    BaseImage.newBuilder().setDockerTag("base").setImageId(slim.getImageId())));
    assertThat(pip.getResult().getStatus()).isEqualTo(GenericStatus.GENERIC_STATUS_SUCCESS);
    ImageGetOrCreateResponse other =
        build(
            appId,
            Image.newBuilder()
                .addDockerfileCommands("FROM base")
                .addDockerfileCommands("RUN python -m pip install requests")
                .addBaseImages(
                    BaseImage.newBuilder().setDockerTag("base").setImageId(slim.getImageId())));
    assertThat(other.getResult().getStatus()).isEqualTo(GenericStatus.GENERIC_STATUS_FAILURE);
    ImageGetOrCreateResponse noFile =
        build(
            appId,
            layer0(
                "FROM python:3.11-slim", "COPY /modal_requirements.txt /modal_requirements.txt"));
    assertThat(noFile.getResult().getStatus()).isEqualTo(GenericStatus.GENERIC_STATUS_FAILURE);
    assertThat(noFile.getResult().getException())
        .contains("COPY /modal_requirements.txt /modal_requirements.txt");
  }

  @Test
  void aCopyFromTheBuildContextFailsClearlyOnABackendThatCannotBuild() {
    ImageGetOrCreateResponse r =
        build(
            appId,
            layer0("FROM alpine:3.21", "COPY /data.txt /data.txt")
                .addContextFiles(contextFile("/data.txt", "hello")));
    assertThat(r.getResult().getStatus()).isEqualTo(GenericStatus.GENERIC_STATUS_FAILURE);
    assertThat(r.getResult().getException())
        .contains("copy its build context")
        .contains("COPY /data.txt /data.txt");
    assertThat(emulator.images().get(r.getImageId())).isEmpty();
  }

  @Test
  void contextFilesWhoseNameLeavesTheContextFailTheBuildNamingTheFile() {
    for (String name :
        List.of("../escape.txt", "/a/../../escape.txt", "C:/x.txt", "a\\b", "/", ".modal4j/x")) {
      ImageGetOrCreateResponse r =
          build(
              appId,
              layer0("FROM alpine:3.21", "ENV N=" + Integer.toHexString(name.hashCode()))
                  .addContextFiles(contextFile(name, "x")));
      assertThat(r.getResult().getStatus())
          .as("context file %s", name)
          .isEqualTo(GenericStatus.GENERIC_STATUS_FAILURE);
      assertThat(r.getResult().getException())
          .startsWith("Image build failed: context file '" + name + "'");
      assertThat(emulator.images().get(r.getImageId())).isEmpty();
    }
    ImageGetOrCreateResponse fine =
        build(
            appId,
            layer0("FROM alpine:3.21", "ENV N=fine")
                .addContextFiles(contextFile("/etc/in-context.txt", "x")));
    assertThat(fine.getResult().getStatus()).isEqualTo(GenericStatus.GENERIC_STATUS_SUCCESS);
  }

  private static dev.modal4j.proto.ImageContextFile contextFile(String name, String data) {
    return dev.modal4j.proto.ImageContextFile.newBuilder()
        .setFilename(name)
        .setData(com.google.protobuf.ByteString.copyFromUtf8(data))
        .build();
  }

  @Test
  void registrySecretsMustCarryTheKeysOfTheirAuthType() {
    assertRegistry(
        dev.modal4j.proto.RegistryAuthType.REGISTRY_AUTH_TYPE_AWS,
        java.util.Map.of("AWS_ACCESS_KEY_ID", "a", "AWS_SECRET_ACCESS_KEY", "b"),
        java.util.Map.of("AWS_ACCESS_KEY_ID", "AKIA-hidden-value-1"),
        "AWS_SECRET_ACCESS_KEY");
    assertRegistry(
        dev.modal4j.proto.RegistryAuthType.REGISTRY_AUTH_TYPE_AWS,
        java.util.Map.of("AWS_ROLE_ARN", "arn:aws:iam::1:role/r", "AWS_REGION", "us-east-1"),
        java.util.Map.of("AWS_REGION", "hidden-region-value-2"),
        "AWS_ACCESS_KEY_ID");
    assertRegistry(
        dev.modal4j.proto.RegistryAuthType.REGISTRY_AUTH_TYPE_GCP,
        java.util.Map.of("SERVICE_ACCOUNT_JSON", "{}"),
        java.util.Map.of("REGISTRY_USERNAME", "hidden-user-3", "REGISTRY_PASSWORD", "hidden-pw-4"),
        "SERVICE_ACCOUNT_JSON");
    assertRegistry(
        dev.modal4j.proto.RegistryAuthType.REGISTRY_AUTH_TYPE_STATIC_CREDS,
        java.util.Map.of("REGISTRY_USERNAME", "u", "REGISTRY_PASSWORD", "p"),
        java.util.Map.of(
            "REGISTRY_USERNAME", "hidden-user-5", "SERVICE_ACCOUNT_JSON", "hidden-json-6"),
        "REGISTRY_PASSWORD");
  }

  private static void assertRegistry(
      dev.modal4j.proto.RegistryAuthType type,
      java.util.Map<String, String> good,
      java.util.Map<String, String> bad,
      String missingKey) {
    String tag = "registry.example.com/private/app:" + type.getNumber();
    ImageGetOrCreateResponse ok = build(appId, registryLayer(tag, type, secret(good)));
    assertThat(ok.getResult().getStatus()).isEqualTo(GenericStatus.GENERIC_STATUS_SUCCESS);
    String badSecret = secret(bad);
    ImageGetOrCreateResponse refused = build(appId, registryLayer(tag, type, badSecret));
    assertThat(refused.getResult().getStatus()).isEqualTo(GenericStatus.GENERIC_STATUS_FAILURE);
    assertThat(refused.getResult().getException())
        .contains(tag)
        .contains(badSecret)
        .contains(missingKey);
    bad.values().forEach(v -> assertThat(refused.getResult().getException()).doesNotContain(v));
    assertThat(bad.values()).allMatch(v -> v.startsWith("hidden-") || v.startsWith("AKIA-"));
    assertThat(emulator.images().get(refused.getImageId())).isEmpty();
  }

  private static Image.Builder registryLayer(
      String tag, dev.modal4j.proto.RegistryAuthType type, String secretId) {
    return layer0("FROM " + tag)
        .setImageRegistryConfig(
            dev.modal4j.proto.ImageRegistryConfig.newBuilder()
                .setRegistryAuthType(type)
                .setSecretId(secretId));
  }

  private static String secret(java.util.Map<String, String> values) {
    return stub.secretGetOrCreate(
            dev.modal4j.proto.SecretGetOrCreateRequest.newBuilder()
                .setObjectCreationType(ObjectCreationType.OBJECT_CREATION_TYPE_EPHEMERAL)
                .putAllEnvDict(values)
                .build())
        .getSecretId();
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
