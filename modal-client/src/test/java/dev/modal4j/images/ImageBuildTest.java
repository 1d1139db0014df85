package dev.modal4j.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Empty;
import dev.modal4j.InvalidException;
import dev.modal4j.ModalClient;
import dev.modal4j.NotFoundException;
import dev.modal4j.RemoteException;
import dev.modal4j.apps.App;
import dev.modal4j.proto.AppGetOrCreateRequest;
import dev.modal4j.proto.AppGetOrCreateResponse;
import dev.modal4j.proto.AuthTokenGetRequest;
import dev.modal4j.proto.AuthTokenGetResponse;
import dev.modal4j.proto.EnvironmentGetOrCreateRequest;
import dev.modal4j.proto.EnvironmentGetOrCreateResponse;
import dev.modal4j.proto.EnvironmentMetadata;
import dev.modal4j.proto.EnvironmentSettings;
import dev.modal4j.proto.GenericResult;
import dev.modal4j.proto.GenericResult.GenericStatus;
import dev.modal4j.proto.ImageDeleteRequest;
import dev.modal4j.proto.ImageFromIdRequest;
import dev.modal4j.proto.ImageFromIdResponse;
import dev.modal4j.proto.ImageGetByTagRequest;
import dev.modal4j.proto.ImageGetByTagResponse;
import dev.modal4j.proto.ImageGetOrCreateRequest;
import dev.modal4j.proto.ImageGetOrCreateResponse;
import dev.modal4j.proto.ImageJoinStreamingRequest;
import dev.modal4j.proto.ImageJoinStreamingResponse;
import dev.modal4j.proto.ImagePublishRequest;
import dev.modal4j.proto.ImagePublishResponse;
import dev.modal4j.proto.ModalClientGrpc;
import dev.modal4j.proto.RegistryAuthType;
import dev.modal4j.proto.SecretGetOrCreateRequest;
import dev.modal4j.proto.SecretGetOrCreateResponse;
import dev.modal4j.proto.TaskLogs;
import dev.modal4j.secrets.Secret;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Image layering and builds (protocol/resources.md §2.1-§2.3) against a scripted control plane. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ImageBuildTest {
  private final List<ImageGetOrCreateRequest> creates = new CopyOnWriteArrayList<>();
  private final List<ImageJoinStreamingRequest> joins = new CopyOnWriteArrayList<>();
  private final List<SecretGetOrCreateRequest> secrets = new CopyOnWriteArrayList<>();
  private final AtomicInteger environments = new AtomicInteger();
  private final List<ImageGetByTagRequest> byTag = new CopyOnWriteArrayList<>();
  private final List<ImagePublishRequest> publishes = new CopyOnWriteArrayList<>();
  private volatile GenericResult finalResult =
      GenericResult.newBuilder().setStatus(GenericStatus.GENERIC_STATUS_SUCCESS).build();
  private Server server;
  private ManagedChannel channel;
  private ModalClient modal;

  @BeforeEach
  void start() throws Exception {
    String name = InProcessServerBuilder.generateName();
    server =
        InProcessServerBuilder.forName(name)
            .addService(new Fake())
            .directExecutor()
            .build()
            .start();
    channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    modal =
        ModalClient.builder()
            .channel(channel)
            .tokenId("ak-test")
            .tokenSecret("as-test")
            .environmentVariables(Map.of())
            .build();
  }

  @AfterEach
  void stop() throws Exception {
    modal.close();
    channel.shutdownNow();
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  @Test
  void layersAreBuiltInOrderEachOnThePreviousAndJoinsResumeFromTheLastEntry() {
    App app = modal.apps().fromName("demo");
    Image image =
        modal
            .images()
            .fromRegistry("alpine:3.21", Secret.fromId("st-reg"))
            .dockerfileCommands(List.of("RUN echo one"))
            .dockerfileCommands(
                List.of("RUN echo two"),
                DockerfileParams.builder()
                    .env(Map.of("K", "v"))
                    .gpu("T4")
                    .forceBuild(true)
                    .build());
    assertThat(image.imageId()).isEmpty();
    assertThat(image.build(app).imageId()).hasValue("im-3");

    assertThat(creates).hasSize(3);
    assertThat(creates.get(0).getImage().getDockerfileCommandsList())
        .containsExactly("FROM alpine:3.21");
    assertThat(creates.get(0).getImage().getBaseImagesList()).isEmpty();
    assertThat(creates.get(0).getImage().getImageRegistryConfig().getRegistryAuthType())
        .isEqualTo(RegistryAuthType.REGISTRY_AUTH_TYPE_STATIC_CREDS);
    assertThat(creates.get(0).getImage().getImageRegistryConfig().getSecretId())
        .isEqualTo("st-reg");
    assertThat(creates.get(1).getImage().getDockerfileCommandsList())
        .containsExactly("FROM base", "RUN echo one");
    assertThat(creates.get(1).getImage().getBaseImages(0).getImageId()).isEqualTo("im-1");
    assertThat(creates.get(1).getImage().getBaseImages(0).getDockerTag()).isEqualTo("base");
    assertThat(creates.get(2).getImage().getBaseImages(0).getImageId()).isEqualTo("im-2");
    assertThat(creates.get(2).getForceBuild()).isTrue();
    assertThat(creates.get(2).getImage().getGpuConfig().getGpuType()).isEqualTo("T4");
    assertThat(creates.get(2).getImage().getSecretIdsList()).containsExactly("st-env");
    assertThat(secrets.get(0).getEnvDictMap()).containsEntry("K", "v");
    assertThat(creates)
        .allMatch(c -> c.getBuilderVersion().equals("2024.10") && c.getAppId().equals("ap-demo"));
    assertThat(joins).extracting(ImageJoinStreamingRequest::getLastEntryId).contains("", "1-0");
    assertThat(joins).allMatch(j -> j.getTimeout() == 55f);

    image.build(app);
    modal.images().fromRegistry("python:3").build(app);
    assertThat(creates).hasSize(4);
    assertThat(environments.get()).as("builder version cached per environment").isEqualTo(1);
  }

  @Test
  void aBuiltImageIsTheBaseOfItsNextLayerAndAnEmptyListChangesNothing() {
    App app = modal.apps().fromName("demo");
    Image built = modal.images().fromRegistry("alpine:3.21").build(app);
    assertThat(built.dockerfileCommands(List.of())).isSameAs(built);
    creates.clear();
    Image next = built.dockerfileCommands(List.of("RUN true")).build(app);
    assertThat(creates)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.getImage().getDockerfileCommandsList())
                  .containsExactly("FROM base", "RUN true");
              assertThat(c.getImage().getBaseImages(0).getImageId())
                  .isEqualTo(built.imageId().orElseThrow());
            });
    assertThat(next.imageId()).isPresent();
  }

  @Test
  void aConfiguredBuilderVersionIsUsedWithoutAskingTheEnvironment() {
    try (ModalClient configured =
        ModalClient.builder()
            .channel(channel)
            .tokenId("ak-test")
            .tokenSecret("as-test")
            .environmentVariables(Map.of("MODAL_IMAGE_BUILDER_VERSION", "2025.06"))
            .build()) {
      App app = configured.apps().fromName("demo");
      configured.images().fromRegistry("alpine:3.21").build(app);
    }
    assertThat(environments.get()).isZero();
    assertThat(creates).allMatch(c -> c.getBuilderVersion().equals("2025.06"));
  }

  @Test
  void aFailedBuildSaysWhatModalSaid() {
    finalResult =
        GenericResult.newBuilder()
            .setStatus(GenericStatus.GENERIC_STATUS_FAILURE)
            .setException("apk: not found")
            .build();
    App app = modal.apps().fromName("demo");
    assertThatThrownBy(() -> modal.images().fromRegistry("alpine:3.21").build(app))
        .isInstanceOf(RemoteException.class)
        .hasMessage("Image build for im-1 failed with the exception:\napk: not found");
    finalResult =
        GenericResult.newBuilder().setStatus(GenericStatus.GENERIC_STATUS_TIMEOUT).build();
    assertThatThrownBy(() -> modal.images().fromRegistry("alpine:3.22").build(app))
        .hasMessageContaining("timed out. Please try again with a larger timeout parameter.");
  }

  @Test
  void copyFromTheLocalContextIsRefusedBeforeAnyRpc() {
    Image base = modal.images().fromRegistry("alpine:3.21");
    assertThatThrownBy(() -> base.dockerfileCommands(List.of("COPY . /app")))
        .isInstanceOf(InvalidException.class)
        .hasMessageContaining("COPY");
    assertThat(base.dockerfileCommands(List.of("COPY --from=builder /a /b"))).isNotSameAs(base);
    assertThat(creates).isEmpty();
  }

  @Test
  void fromIdLooksTheImageUpAndNamesAMissingOne() {
    assertThat(modal.images().fromId("im-known").imageId()).hasValue("im-known");
    assertThatThrownBy(() -> modal.images().fromId("im-missing"))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("Image 'im-missing' not found");
  }

  @Test
  void privateRegistriesSendTheirAuthTypeAndALayerOverABuiltOneDropsIt() {
    App app = modal.apps().fromName("demo");
    Image ecr =
        modal.images().fromAwsEcr("1.dkr.ecr.us-east-1.amazonaws.com/a:b", secret("st-aws"));
    ecr.build(app);
    modal.images().fromGcpArtifactRegistry("us-docker.pkg.dev/p/r/i", secret("st-gcp")).build(app);
    modal.images().fromRegistry("private.example.com/app:1", secret("st-static")).build(app);
    assertThat(creates)
        .extracting(c -> c.getImage().getImageRegistryConfig())
        .containsExactly(
            registry(RegistryAuthType.REGISTRY_AUTH_TYPE_AWS, "st-aws"),
            registry(RegistryAuthType.REGISTRY_AUTH_TYPE_GCP, "st-gcp"),
            registry(RegistryAuthType.REGISTRY_AUTH_TYPE_STATIC_CREDS, "st-static"));
    creates.clear();
    ecr.dockerfileCommands(List.of("RUN echo layer")).build(app);
    assertThat(creates).hasSize(1);
    assertThat(creates.get(0).getImage().hasImageRegistryConfig()).isFalse();
    assertThat(creates.get(0).getImage().getDockerfileCommandsList())
        .containsExactly("FROM base", "RUN echo layer");
  }

  private static Secret secret(String id) {
    return Secret.fromId(id);
  }

  private static dev.modal4j.proto.ImageRegistryConfig registry(RegistryAuthType type, String id) {
    return dev.modal4j.proto.ImageRegistryConfig.newBuilder()
        .setRegistryAuthType(type)
        .setSecretId(id)
        .build();
  }

  @Test
  void fromNameAndPublishSendModalsRequestsAndANamedImageIsTheBaseOfItsLayers() {
    Image named =
        modal
            .images()
            .fromName(
                "analytics-runtime:v1", ImageFromNameParams.builder().environment("dev").build());
    assertThat(named.imageId()).hasValue("im-tagged");
    modal.images().fromName("my-workspace/my-env/my-image");
    assertThat(byTag)
        .extracting(r -> r.getEnvironmentName() + "|" + r.getTag())
        .containsExactly("dev|analytics-runtime:v1", "|my-workspace/my-env/my-image:latest");

    named.dockerfileCommands(List.of("RUN echo layer")).build(modal.apps().fromName("demo"));
    assertThat(creates.get(0).getImage().getBaseImagesList())
        .extracting(b -> b.getDockerTag() + "=" + b.getImageId())
        .containsExactly("base=im-tagged");

    named.publish("analytics-runtime:v2", ImagePublishParams.builder().environment("dev").build());
    named.publish("team/analytics-runtime");
    assertThat(publishes)
        .extracting(
            r ->
                r.getImageId()
                    + "|"
                    + r.getEnvironmentName()
                    + "|"
                    + r.getTag()
                    + "|"
                    + r.getAllowPublic())
        .containsExactly(
            "im-tagged|dev|analytics-runtime:v2|false",
            "im-tagged||team/analytics-runtime:latest|false");
  }

  @Test
  void deleteNamesAMissingImageNotFound() {
    assertThatThrownBy(() -> modal.images().delete("im-gone"))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("Could not find image with ID im-gone");
  }

  @Test
  void theListenerHearsEveryLogChunkIncludingThoseAfterTheResult() {
    List<String> heard = new CopyOnWriteArrayList<>();
    Image image = modal.images().fromRegistry("alpine:3.21");
    image.build(modal.apps().fromName("demo"), heard::add);
    assertThat(heard)
        .containsExactly(
            "Step 1/2 : building " + image.imageId().get() + "\n", "after the result\n");
  }

  private final class Fake extends ModalClientGrpc.ModalClientImplBase {
    private final AtomicInteger ids = new AtomicInteger();

    @Override
    public void authTokenGet(AuthTokenGetRequest req, StreamObserver<AuthTokenGetResponse> obs) {
      obs.onNext(AuthTokenGetResponse.newBuilder().setToken("x").build());
      obs.onCompleted();
    }

    @Override
    public void appGetOrCreate(
        AppGetOrCreateRequest req, StreamObserver<AppGetOrCreateResponse> obs) {
      obs.onNext(AppGetOrCreateResponse.newBuilder().setAppId("ap-" + req.getAppName()).build());
      obs.onCompleted();
    }

    @Override
    public void environmentGetOrCreate(
        EnvironmentGetOrCreateRequest req, StreamObserver<EnvironmentGetOrCreateResponse> obs) {
      environments.incrementAndGet();
      obs.onNext(
          EnvironmentGetOrCreateResponse.newBuilder()
              .setMetadata(
                  EnvironmentMetadata.newBuilder()
                      .setSettings(
                          EnvironmentSettings.newBuilder().setImageBuilderVersion("2024.10")))
              .build());
      obs.onCompleted();
    }

    @Override
    public void secretGetOrCreate(
        SecretGetOrCreateRequest req, StreamObserver<SecretGetOrCreateResponse> obs) {
      secrets.add(req);
      obs.onNext(SecretGetOrCreateResponse.newBuilder().setSecretId("st-env").build());
      obs.onCompleted();
    }

    @Override
    public void imageGetOrCreate(
        ImageGetOrCreateRequest req, StreamObserver<ImageGetOrCreateResponse> obs) {
      creates.add(req);
      obs.onNext(
          ImageGetOrCreateResponse.newBuilder().setImageId("im-" + ids.incrementAndGet()).build());
      obs.onCompleted();
    }

    @Override
    public void imageJoinStreaming(
        ImageJoinStreamingRequest req, StreamObserver<ImageJoinStreamingResponse> obs) {
      joins.add(req);
      if (req.getLastEntryId().isEmpty()) {
        obs.onNext(
            ImageJoinStreamingResponse.newBuilder()
                .setEntryId("1-0")
                .addTaskLogs(
                    TaskLogs.newBuilder().setData("Step 1/2 : building " + req.getImageId() + "\n"))
                .build());
      } else {
        obs.onNext(
            ImageJoinStreamingResponse.newBuilder()
                .setResult(finalResult)
                .setEntryId("2-0")
                .build());
        obs.onNext(
            ImageJoinStreamingResponse.newBuilder()
                .setEntryId("3-0")
                .addTaskLogs(TaskLogs.newBuilder().setData("after the result\n"))
                .build());
      }
      obs.onCompleted();
    }

    @Override
    public void imageGetByTag(ImageGetByTagRequest req, StreamObserver<ImageGetByTagResponse> obs) {
      byTag.add(req);
      obs.onNext(ImageGetByTagResponse.newBuilder().setImageId("im-tagged").build());
      obs.onCompleted();
    }

    @Override
    public void imagePublish(ImagePublishRequest req, StreamObserver<ImagePublishResponse> obs) {
      publishes.add(req);
      obs.onNext(
          ImagePublishResponse.newBuilder()
              .setImageId(req.getImageId())
              .setRevisionId("ir-1")
              .build());
      obs.onCompleted();
    }

    @Override
    public void imageDelete(ImageDeleteRequest req, StreamObserver<Empty> obs) {
      obs.onError(
          Status.FAILED_PRECONDITION
              .withDescription("Could not find image with ID " + req.getImageId())
              .asRuntimeException());
    }

    @Override
    public void imageFromId(ImageFromIdRequest req, StreamObserver<ImageFromIdResponse> obs) {
      if (req.getImageId().equals("im-known")) {
        obs.onNext(ImageFromIdResponse.newBuilder().setImageId("im-known").build());
        obs.onCompleted();
      } else {
        obs.onError(Status.NOT_FOUND.withDescription("no such image").asRuntimeException());
      }
    }
  }
}
