package dev.modal4j.testing.images;

import dev.modal4j.proto.EnvironmentGetOrCreateRequest;
import dev.modal4j.proto.EnvironmentGetOrCreateResponse;
import dev.modal4j.proto.EnvironmentMetadata;
import dev.modal4j.proto.EnvironmentSettings;
import dev.modal4j.proto.EnvironmentType;
import dev.modal4j.proto.FileDescriptor;
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
import dev.modal4j.proto.TaskLogs;
import dev.modal4j.testing.EmulatorState;
import dev.modal4j.testing.classes.KnownGpus;
import dev.modal4j.testing.classes.SecretStore;
import dev.modal4j.testing.internal.EmulatorArea;
import dev.modal4j.testing.internal.Unary;
import dev.modal4j.testing.sandboxes.backend.ImageBuildFailure;
import dev.modal4j.testing.sandboxes.backend.ImageBuilder;
import dev.modal4j.testing.sandboxes.backend.ImageLayer;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Environments and images: {@code EnvironmentGetOrCreate} (settings, incl. the image builder
 * version), {@code ImageGetOrCreate} (a layer: built for real on the sandbox backend's {@link
 * ImageBuilder} when it has commands to run, in the background; a bare registry tag or a layer with
 * nothing to run is recorded at once), {@code ImageJoinStreaming} (the build's log lines as they
 * come, each with an entry id a reopened stream resumes after, then the result), {@code
 * ImageFromId} and {@code ImageDelete} (which removes that layer's built image only).
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
  private final Map<String, BuildJob> jobs = new ConcurrentHashMap<>();
  private final Map<String, String> builtReferences = new ConcurrentHashMap<>();
  private volatile Supplier<Optional<ImageBuilder>> builders = Optional::empty;
  private volatile java.util.function.Function<String, Optional<ContextMountFiles>> contextMounts =
      id -> Optional.empty();

  /** Serves images over the emulator's state; {@code secrets} resolves registry secrets. */
  public ImagesArea(EmulatorState state, SecretStore secrets) {
    this.state = state;
    this.secrets = secrets;
  }

  /**
   * Builds layers with what {@code builders} gives (the sandbox backend's builder, made on first
   * use); until this is called, or when it gives none, layers are recorded without a build and a
   * layer with {@code RUN} commands fails.
   */
  public void buildWith(Supplier<Optional<ImageBuilder>> builders) {
    this.builders = builders;
  }

  /**
   * Finds the files of a layer's {@code context_mount_id} with {@code mounts} (empty for an unknown
   * mount); they join the layer's build context.
   */
  public void contextMountsFrom(
      java.util.function.Function<String, Optional<ContextMountFiles>> mounts) {
    this.contextMounts = mounts;
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
    Optional<ContextMountFiles> mount = contextMount(request.getImage());
    Image image =
        mount
            .map(m -> request.getImage().toBuilder().addAllContextFiles(m.files()).build())
            .orElse(request.getImage());
    Map<String, Integer> modes = mount.map(ContextMountFiles::modes).orElse(Map.of());
    Map<String, String> buildEnv = buildEnv(image);
    if (image.hasGpuConfig()) {
      KnownGpus.describe(image.getGpuConfig());
    }
    ImageDefinitions.Definition definition =
        ImageDefinitions.resolve(image, images::get, buildEnv, modes);
    if (mount.isEmpty()) {
      return claimAndStart(request, request.getImage().toByteString(), version, definition);
    }
    // keyed by the mount's files (content and modes) rather than its id: the same local files are
    // the same image
    com.google.protobuf.ByteString key =
        image.toBuilder()
            .clearContextMountId()
            .build()
            .toByteString()
            .concat(
                com.google.protobuf.ByteString.copyFromUtf8(
                    new java.util.TreeMap<>(modes).toString()));
    return claimAndStart(request, key, version, definition);
  }

  /** The files of the definition's context mount, if it names one. */
  private Optional<ContextMountFiles> contextMount(Image image) {
    String mountId = image.getContextMountId();
    if (mountId.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        contextMounts
            .apply(mountId)
            .orElseThrow(
                () ->
                    Status.NOT_FOUND
                        .withDescription("Mount '" + mountId + "' not found")
                        .asRuntimeException()));
  }

  /**
   * Gives the definition its id and, when the id is new, records or starts its build; one request
   * at a time, so a second request for a definition finds its build already registered.
   */
  private synchronized ImageGetOrCreateResponse claimAndStart(
      ImageGetOrCreateRequest request,
      com.google.protobuf.ByteString key,
      String version,
      ImageDefinitions.Definition definition) {
    Image image = request.getImage();
    ImageStore.Claim claim =
        images.claim(version, key, request.getForceBuild(), () -> state.newId("im"));
    String id = claim.imageId();
    if (!claim.fresh()) {
      return existing(id);
    }
    Optional<String> registryProblem =
        definition.fromRegistry() ? registryProblem(image, definition.base()) : Optional.empty();
    if (registryProblem.isPresent()) {
      return failed(id, registryProblem.get(), List.of());
    }
    if (definition.contextProblem().isPresent()) {
      return failed(id, definition.contextProblem().get(), List.of());
    }
    if (definition.added().isEmpty()) {
      return recorded(definition.unbuilt(id, request.getAppId(), version));
    }
    ImageLayer added = definition.added().get();
    Optional<ImageBuilder> builder;
    try {
      builder = builders.get();
    } catch (RuntimeException e) {
      return failed(id, "No sandbox backend can build this image: " + e.getMessage(), List.of());
    }
    if (builder.isEmpty()) {
      List<String> runs = added.commands().stream().filter(ImagesArea::needsBuild).toList();
      if (!runs.isEmpty()) {
        return failed(
            id,
            "This emulator's sandbox backend runs the host's own programs and cannot run an"
                + " image's RUN commands or copy its build context; build images with the docker"
                + " backend. Cannot run: "
                + String.join("; ", runs),
            List.of());
      }
      return recorded(definition.unbuilt(id, request.getAppId(), version));
    }
    BuildJob job = new BuildJob(id);
    jobs.put(id, job);
    Runnable build =
        () -> build(job, builder.get(), definition, added, request.getAppId(), version, request);
    try {
      state.executor().execute(build);
    } catch (RuntimeException e) {
      jobs.remove(id);
      images.failed(id);
      throw Status.UNAVAILABLE.withDescription("the emulator is closing").asRuntimeException();
    }
    return ImageGetOrCreateResponse.newBuilder().setImageId(id).build();
  }

  /** The answer for a definition that has an id already: built, being built, or failed. */
  private ImageGetOrCreateResponse existing(String id) {
    Optional<ImageRecord> built = images.get(id);
    if (built.isPresent()) {
      return ImageGetOrCreateResponse.newBuilder()
          .setImageId(id)
          .setResult(success())
          .setMetadata(metadata(built.get()))
          .build();
    }
    BuildJob job = jobs.get(id);
    ImageGetOrCreateResponse.Builder response =
        ImageGetOrCreateResponse.newBuilder().setImageId(id);
    if (job != null) {
      job.result().ifPresent(response::setResult);
    }
    return response.build();
  }

  private ImageGetOrCreateResponse recorded(ImageRecord record) {
    images.built(record);
    return ImageGetOrCreateResponse.newBuilder()
        .setImageId(record.imageId())
        .setResult(success())
        .setMetadata(metadata(record))
        .build();
  }

  /** A build that fails before it starts: its job holds the failure for joins, too. */
  private ImageGetOrCreateResponse failed(String id, String exception, List<String> lines) {
    images.failed(id);
    BuildJob job = new BuildJob(id);
    lines.forEach(job::log);
    GenericResult result = failure(exception);
    job.finish(result, null);
    job.close();
    jobs.put(id, job);
    return ImageGetOrCreateResponse.newBuilder().setImageId(id).setResult(result).build();
  }

  private void build(
      BuildJob job,
      ImageBuilder builder,
      ImageDefinitions.Definition definition,
      ImageLayer added,
      String appId,
      String version,
      ImageGetOrCreateRequest request) {
    long started = System.nanoTime();
    try {
      for (String c : definition.satisfied()) {
        job.log("modal4j: satisfied by the base image, not run: " + c + "\n");
      }
      if (request.getForceBuild()) {
        job.log("modal4j: force_build set, building without the cache\n");
      }
      String reference = builder.build(definition.base(), added, request.getForceBuild(), job::log);
      ImageRecord record = new ImageRecord(job.imageId(), appId, reference, List.of(), version);
      builtReferences.put(job.imageId(), reference);
      images.built(record);
      job.finish(success(), metadata(record));
      job.log(
          String.format(
              java.util.Locale.ROOT,
              "Built image %s in %.2fs\n",
              job.imageId(),
              (System.nanoTime() - started) / 1e9));
    } catch (ImageBuildFailure f) {
      images.failed(job.imageId());
      job.finish(
          failure(
              "Build step `"
                  + f.command()
                  + "` failed: "
                  + f.getMessage()
                  + (f.logTail().isEmpty()
                      ? ""
                      : "\nLast lines of the build log:\n" + f.logTail())),
          null);
    } catch (java.io.IOException | RuntimeException e) {
      images.failed(job.imageId());
      job.finish(failure("The image build did not run: " + e.getMessage()), null);
    } finally {
      job.close();
    }
  }

  private Optional<String> registryProblem(Image image, String tag) {
    if (!image.hasImageRegistryConfig()) {
      return Optional.empty();
    }
    dev.modal4j.proto.ImageRegistryConfig config = image.getImageRegistryConfig();
    if (config.getSecretId().isEmpty()) {
      return Optional.empty();
    }
    Map<String, String> values =
        secrets
            .values(config.getSecretId())
            .orElseThrow(() -> notFound("Secret '" + config.getSecretId() + "' not found"));
    return RegistryCredentials.problem(
        config.getRegistryAuthType(), tag, config.getSecretId(), values);
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
    BuildJob job = jobs.get(request.getImageId());
    if (job == null) {
      ImageRecord image = images.get(request.getImageId()).orElse(null);
      if (image == null) {
        out.onError(imageNotFound(request.getImageId()));
        return;
      }
      ImageJoinStreamingResponse.Builder item =
          ImageJoinStreamingResponse.newBuilder().setEof(true);
      if (!request.getLastEntryId().equals(BUILD_ENTRY_ID)) {
        item.setResult(success()).setMetadata(metadata(image)).setEntryId(BUILD_ENTRY_ID);
      }
      out.onNext(item.build());
      out.onCompleted();
      return;
    }
    ServerCallStreamObserver<ImageJoinStreamingResponse> call =
        (ServerCallStreamObserver<ImageJoinStreamingResponse>) out;
    call.setOnCancelHandler(job::wake);
    float seconds = request.getTimeout() > 0 ? Math.min(request.getTimeout(), 55f) : 55f;
    long deadline = System.nanoTime() + (long) (seconds * 1e9);
    try {
      state.executor().execute(() -> streamJob(job, request.getLastEntryId(), deadline, call));
    } catch (RuntimeException e) {
      out.onError(
          Status.UNAVAILABLE.withDescription("the emulator is closing").asRuntimeException());
    }
  }

  /** Sends a job's entries after {@code last} as they come, until it ends or the deadline. */
  private void streamJob(
      BuildJob job,
      String last,
      long deadline,
      ServerCallStreamObserver<ImageJoinStreamingResponse> call) {
    try {
      while (!call.isCancelled()) {
        List<BuildJob.Entry> entries = job.after(last, deadline, call::isCancelled);
        if (entries.isEmpty()) {
          break;
        }
        for (BuildJob.Entry e : entries) {
          ImageJoinStreamingResponse.Builder item =
              ImageJoinStreamingResponse.newBuilder().setEntryId(e.entryId());
          if (e.result() != null) {
            item.setResult(e.result());
            if (e.result().getStatus() == GenericResult.GenericStatus.GENERIC_STATUS_SUCCESS) {
              item.setMetadata(job.metadata());
            }
          } else {
            item.addTaskLogs(
                TaskLogs.newBuilder()
                    .setData(e.data())
                    .setTimestamp(e.timestamp())
                    .setTimestampNs((long) (e.timestamp() * 1e9))
                    .setFileDescriptor(FileDescriptor.FILE_DESCRIPTOR_STDOUT));
          }
          call.onNext(item.build());
          last = e.entryId();
        }
      }
      if (!call.isCancelled()) {
        call.onNext(ImageJoinStreamingResponse.newBuilder().setEof(true).build());
        call.onCompleted();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      cancelQuietly(call);
    } catch (RuntimeException e) {
      cancelQuietly(call);
    }
  }

  private static void cancelQuietly(ServerCallStreamObserver<ImageJoinStreamingResponse> call) {
    try {
      call.onError(
          Status.UNAVAILABLE.withDescription("the emulator is closing").asRuntimeException());
    } catch (RuntimeException ignored) {
      // the call is over already
    }
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
    String id = request.getImageId();
    if (!images.delete(id)) {
      throw notFound("No Image with ID '" + id + "'");
    }
    jobs.remove(id);
    String reference = builtReferences.remove(id);
    if (reference != null && !images.usedElsewhere(reference, id)) {
      try {
        builders.get().ifPresent(b -> b.remove(reference));
      } catch (RuntimeException e) {
        // no backend: nothing was built
      }
    }
    return com.google.protobuf.Empty.getDefaultInstance();
  }

  @Override
  public void close() {
    jobs.values().forEach(BuildJob::close);
  }

  /** Whether a command needs a real build: a RUN, or a COPY or ADD from the build context. */
  private static boolean needsBuild(String command) {
    String c = command.strip().toUpperCase(java.util.Locale.ROOT);
    return c.startsWith("RUN")
        || (c.startsWith("COPY ") || c.startsWith("ADD ")) && !c.matches("^(COPY|ADD) +--FROM=.*");
  }

  private static GenericResult failure(String exception) {
    return GenericResult.newBuilder()
        .setStatus(GenericResult.GenericStatus.GENERIC_STATUS_FAILURE)
        .setException(exception)
        .build();
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
