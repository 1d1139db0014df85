package dev.modal4j.testing.images;

import dev.modal4j.proto.EnvironmentGetOrCreateRequest;
import dev.modal4j.proto.EnvironmentGetOrCreateResponse;
import dev.modal4j.proto.EnvironmentMetadata;
import dev.modal4j.proto.EnvironmentSettings;
import dev.modal4j.proto.EnvironmentType;
import dev.modal4j.proto.GenericResult;
import dev.modal4j.proto.Image;
import dev.modal4j.proto.ImageFromIdRequest;
import dev.modal4j.proto.ImageFromIdResponse;
import dev.modal4j.proto.ImageGetOrCreateRequest;
import dev.modal4j.proto.ImageGetOrCreateResponse;
import dev.modal4j.proto.ImageJoinStreamingRequest;
import dev.modal4j.proto.ImageJoinStreamingResponse;
import dev.modal4j.proto.ImageMetadata;
import dev.modal4j.proto.ModalClientGrpc;
import dev.modal4j.proto.ObjectCreationType;
import dev.modal4j.testing.EmulatorState;
import dev.modal4j.testing.classes.KnownGpus;
import dev.modal4j.testing.classes.SecretStore;
import dev.modal4j.testing.internal.EmulatorArea;
import dev.modal4j.testing.internal.Unary;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.util.Map;

/**
 * Environments and images: {@code EnvironmentGetOrCreate} (settings, incl. the image builder
 * version), {@code ImageGetOrCreate} (a layer; its build finishes at once with SUCCESS), {@code
 * ImageJoinStreaming}, {@code ImageFromId} and {@code ImageDelete}.
 */
public final class ImagesArea implements EmulatorArea {
  /** The image builder version every environment reports. */
  public static final String BUILDER_VERSION = "2025.06";

  /** The environment Modal's own SDK test suites run in; always known. */
  public static final String SDK_TEST_ENVIRONMENT = "libmodal";

  private static final String BUILD_ENTRY_ID = "1-0";

  private final EmulatorState state;
  private final SecretStore secrets;
  private final ImageStore images = new ImageStore();

  /** Serves images over the emulator's state; {@code secrets} resolves registry secrets. */
  public ImagesArea(EmulatorState state, SecretStore secrets) {
    this.state = state;
    this.secrets = secrets;
  }

  /** The images built so far. */
  public ImageStore store() {
    return images;
  }

  @Override
  public void bind(ServerServiceDefinition.Builder service) {
    Unary.bind(service, ModalClientGrpc.getEnvironmentGetOrCreateMethod(), this::environment);
    Unary.bind(service, ModalClientGrpc.getImageGetOrCreateMethod(), this::getOrCreate);
    Unary.bind(service, ModalClientGrpc.getImageFromIdMethod(), this::fromId);
    Unary.bind(service, ModalClientGrpc.getImageDeleteMethod(), this::delete);
    service.addMethod(
        ModalClientGrpc.getImageJoinStreamingMethod(),
        ServerCalls.asyncServerStreamingCall(this::join));
  }

  private EnvironmentGetOrCreateResponse environment(EnvironmentGetOrCreateRequest request) {
    String name = request.getDeploymentName();
    boolean create =
        request.getObjectCreationType() == ObjectCreationType.OBJECT_CREATION_TYPE_CREATE_IF_MISSING
            || name.equals(SDK_TEST_ENVIRONMENT);
    if (create && !name.isEmpty()) {
      try {
        state.environments().create(name);
      } catch (IllegalArgumentException e) {
        throw Status.INVALID_ARGUMENT
            .withDescription("Invalid Environment name '" + name + "'")
            .asRuntimeException();
      }
    }
    String env = state.environments().resolve(name);
    return EnvironmentGetOrCreateResponse.newBuilder()
        .setEnvironmentId(state.environments().id(env))
        .setMetadata(
            EnvironmentMetadata.newBuilder()
                .setName(state.environments().name(env))
                .setEnvironmentType(EnvironmentType.ENVIRONMENT_TYPE_PUBLIC)
                .setSettings(
                    EnvironmentSettings.newBuilder()
                        .setImageBuilderVersion(BUILDER_VERSION)
                        .setWebhookSuffix("modal.run")))
        .build();
  }

  private ImageGetOrCreateResponse getOrCreate(ImageGetOrCreateRequest request) {
    if (state.apps().byId(request.getAppId()).isEmpty()) {
      throw Status.NOT_FOUND
          .withDescription("App '" + request.getAppId() + "' not found")
          .asRuntimeException();
    }
    String version =
        request.getBuilderVersion().isEmpty() ? BUILDER_VERSION : request.getBuilderVersion();
    if (!ImageDefinitions.BUILDER_VERSIONS.contains(version)) {
      throw Status.INVALID_ARGUMENT
          .withDescription(
              "Unknown image builder version '"
                  + version
                  + "'; known: "
                  + new java.util.TreeSet<>(ImageDefinitions.BUILDER_VERSIONS))
          .asRuntimeException();
    }
    Image image = request.getImage();
    Map<String, String> buildEnv = buildEnv(image);
    if (image.hasGpuConfig()) {
      KnownGpus.describe(image.getGpuConfig());
    }
    ImageRecord built =
        images.getOrBuild(
            request.getAppId(),
            version,
            image.toByteString(),
            request.getForceBuild(),
            () -> state.newId("im"),
            id ->
                ImageDefinitions.resolve(
                    id, request.getAppId(), version, image, images::get, buildEnv));
    return ImageGetOrCreateResponse.newBuilder()
        .setImageId(built.imageId())
        .setResult(success())
        .setMetadata(metadata(built))
        .build();
  }

  private Map<String, String> buildEnv(Image image) {
    Map<String, String> env = new java.util.LinkedHashMap<>();
    for (String id : image.getSecretIdsList()) {
      env.putAll(secrets.values(id).orElseThrow(() -> notFound("Secret '" + id + "' not found")));
    }
    String registrySecret = image.getImageRegistryConfig().getSecretId();
    if (!registrySecret.isEmpty() && secrets.values(registrySecret).isEmpty()) {
      throw notFound("Secret '" + registrySecret + "' not found");
    }
    return env;
  }

  private void join(
      ImageJoinStreamingRequest request, StreamObserver<ImageJoinStreamingResponse> out) {
    ImageRecord image = images.get(request.getImageId()).orElse(null);
    if (image == null) {
      out.onError(imageNotFound(request.getImageId()));
      return;
    }
    ImageJoinStreamingResponse.Builder item = ImageJoinStreamingResponse.newBuilder().setEof(true);
    if (!request.getLastEntryId().equals(BUILD_ENTRY_ID)) {
      item.setResult(success()).setMetadata(metadata(image)).setEntryId(BUILD_ENTRY_ID);
    }
    out.onNext(item.build());
    out.onCompleted();
  }

  private ImageFromIdResponse fromId(ImageFromIdRequest request) {
    ImageRecord image =
        images.get(request.getImageId()).orElseThrow(() -> imageNotFound(request.getImageId()));
    return ImageFromIdResponse.newBuilder()
        .setImageId(image.imageId())
        .setMetadata(metadata(image))
        .build();
  }

  private com.google.protobuf.Empty delete(dev.modal4j.proto.ImageDeleteRequest request) {
    if (!images.delete(request.getImageId())) {
      throw notFound("No Image with ID '" + request.getImageId() + "'");
    }
    return com.google.protobuf.Empty.getDefaultInstance();
  }

  private static GenericResult success() {
    return GenericResult.newBuilder()
        .setStatus(GenericResult.GenericStatus.GENERIC_STATUS_SUCCESS)
        .build();
  }

  private static ImageMetadata metadata(ImageRecord image) {
    return ImageMetadata.newBuilder().setImageBuilderVersion(image.builderVersion()).build();
  }

  private static StatusRuntimeException imageNotFound(String id) {
    return notFound("Image '" + id + "' not found: Could not find image with ID " + id);
  }

  private static StatusRuntimeException notFound(String message) {
    return Status.NOT_FOUND.withDescription(message).asRuntimeException();
  }
}
