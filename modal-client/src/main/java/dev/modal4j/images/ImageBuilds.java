package dev.modal4j.images;

import dev.modal4j.RemoteException;
import dev.modal4j.apps.App;
import dev.modal4j.internal.ClientContext;
import dev.modal4j.internal.options.GpuConfigs;
import dev.modal4j.internal.options.SecretIds;
import dev.modal4j.proto.BaseImage;
import dev.modal4j.proto.EnvironmentGetOrCreateRequest;
import dev.modal4j.proto.GenericResult;
import dev.modal4j.proto.GenericResult.GenericStatus;
import dev.modal4j.proto.ImageGetOrCreateRequest;
import dev.modal4j.proto.ImageRegistryConfig;
import dev.modal4j.proto.ModalClientGrpc;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds images layer by layer (protocol/resources.md §2.2): ImageGetOrCreate per layer, then
 * ImageJoinStreaming until a result; the builder version from EnvironmentGetOrCreate, cached per
 * environment for the client's life.
 */
final class ImageBuilds {
  private static final Logger log = LoggerFactory.getLogger(ImageBuilds.class);
  private static final Logger buildLog = LoggerFactory.getLogger(ImageBuildListener.LOGGER);

  private final ClientContext context;
  private final Map<String, CompletableFuture<String>> builderVersions = new ConcurrentHashMap<>();

  ImageBuilds(ClientContext context) {
    this.context = context;
  }

  ClientContext context() {
    return context;
  }

  CompletableFuture<String> builderVersion(String environment) {
    java.util.Optional<String> configured = context.imageBuilderVersion();
    if (configured.isPresent()) {
      return CompletableFuture.completedFuture(configured.get());
    }
    CompletableFuture<String> v =
        builderVersions.computeIfAbsent(
            environment,
            env ->
                context
                    .controlPlane()
                    .unary(
                        ModalClientGrpc.getEnvironmentGetOrCreateMethod(),
                        EnvironmentGetOrCreateRequest.newBuilder().setDeploymentName(env).build())
                    .thenApply(r -> r.getMetadata().getSettings().getImageBuilderVersion()));
    v.whenComplete(
        (r, t) -> {
          if (t != null) {
            builderVersions.remove(environment, v);
          }
        });
    return v;
  }

  /**
   * Builds {@code layers} over {@code tag} (with {@code registry}'s credentials, if any) or over
   * {@code baseImageId}, every build log chunk to {@code listener} and to SLF4J.
   */
  CompletableFuture<String> build(
      App app,
      String tag,
      String baseImageId,
      RegistryAuth registry,
      List<ImageLayer> layers,
      ImageBuildListener listener) {
    log.debug("Building image in app {}", app.appId());
    Consumer<String> logs = sink(listener, layers);
    CompletableFuture<String> registrySecretId =
        registry == null
            ? CompletableFuture.completedFuture(null)
            : SecretIds.of(context, registry.secret());
    return registrySecretId
        .thenCompose(id -> builderVersion(app.environment()))
        .thenCompose(
            version -> buildFrom(0, app, tag, baseImageId, registry, layers, version, logs));
  }

  /**
   * Where a build's log chunks go: the listener as sent, SLF4J at INFO line by line with the values
   * of the layers' {@code env} masked (a listener's exception is logged, not thrown).
   */
  private static Consumer<String> sink(ImageBuildListener listener, List<ImageLayer> layers) {
    List<String> hidden = new ArrayList<>();
    for (ImageLayer layer : layers) {
      layer.params.env().values().stream().filter(v -> v.length() >= 3).forEach(hidden::add);
    }
    return data -> {
      try {
        listener.onLog(data);
      } catch (RuntimeException e) {
        log.warn("an image build listener threw: {}", e.toString());
      }
      if (buildLog.isInfoEnabled()) {
        String text = data;
        for (String h : hidden) {
          text = text.replace(h, "***");
        }
        text.lines().filter(l -> !l.isBlank()).forEach(l -> buildLog.info("{}", l));
      }
    };
  }

  private CompletableFuture<String> buildFrom(
      int i,
      App app,
      String tag,
      String baseImageId,
      RegistryAuth registry,
      List<ImageLayer> layers,
      String version,
      Consumer<String> logs) {
    if (i == layers.size()) {
      log.debug("Image build completed: {}", baseImageId);
      return CompletableFuture.completedFuture(baseImageId);
    }
    ImageLayer layer = layers.get(i);
    return secretIds(layer, app)
        .thenCompose(
            secretIds -> {
              dev.modal4j.proto.Image.Builder image =
                  dev.modal4j.proto.Image.newBuilder().addAllSecretIds(secretIds);
              List<String> commands = new ArrayList<>();
              if (i == 0 && baseImageId == null) {
                commands.add("FROM " + tag);
                if (registry != null) {
                  image.setImageRegistryConfig(
                      ImageRegistryConfig.newBuilder()
                          .setRegistryAuthType(registry.type())
                          .setSecretId(registry.secret().secretId()));
                }
              } else {
                commands.add("FROM base");
                image.addBaseImages(
                    BaseImage.newBuilder().setDockerTag("base").setImageId(baseImageId));
              }
              commands.addAll(layer.commands);
              image.addAllDockerfileCommands(commands);
              layer.params.gpu().ifPresent(g -> image.setGpuConfig(GpuConfigs.toProto(g)));
              ImageGetOrCreateRequest request =
                  ImageGetOrCreateRequest.newBuilder()
                      .setAppId(app.appId())
                      .setImage(image)
                      .setBuilderVersion(version)
                      .setForceBuild(layer.params.forceBuild())
                      .build();
              return context
                  .controlPlane()
                  .unary(ModalClientGrpc.getImageGetOrCreateMethod(), request);
            })
        .thenCompose(
            resp -> {
              CompletableFuture<GenericResult> result =
                  resp.hasResult()
                          && resp.getResult().getStatus()
                              != GenericStatus.GENERIC_STATUS_UNSPECIFIED
                      ? CompletableFuture.completedFuture(resp.getResult())
                      : new ImageJoin(context, resp.getImageId(), logs).start();
              return result.thenCompose(
                  r -> {
                    check(resp.getImageId(), r);
                    return buildFrom(
                        i + 1, app, tag, resp.getImageId(), registry, layers, version, logs);
                  });
            });
  }

  private CompletableFuture<List<String>> secretIds(ImageLayer layer, App app) {
    return SecretIds.of(context, layer.params.secrets(), layer.params.env(), app.environment());
  }

  /** Modal's messages for a finished build that did not succeed. */
  static void check(String imageId, GenericResult result) {
    switch (result.getStatus()) {
      case GENERIC_STATUS_SUCCESS:
        return;
      case GENERIC_STATUS_FAILURE:
      case GENERIC_STATUS_MEMORY_MANAGER_EVICTION:
        throw new RemoteException(
            "Image build for " + imageId + " failed with the exception:\n" + result.getException());
      case GENERIC_STATUS_TERMINATED:
        throw new RemoteException(
            "Image build for "
                + imageId
                + " terminated due to external shut-down. Please try again.");
      case GENERIC_STATUS_TIMEOUT:
        throw new RemoteException(
            "Image build for "
                + imageId
                + " timed out. Please try again with a larger timeout parameter.");
      default:
        throw new RemoteException(
            "Image build for "
                + imageId
                + " failed with unknown status: "
                + result.getStatusValue());
    }
  }
}
