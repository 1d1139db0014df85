package dev.modal4j.images;

import dev.modal4j.InvalidException;
import dev.modal4j.ModalException;
import dev.modal4j.apps.App;
import dev.modal4j.internal.Args;
import dev.modal4j.internal.CallerFutures;
import dev.modal4j.internal.Futures;
import dev.modal4j.proto.ImagePublishRequest;
import dev.modal4j.proto.ModalClientGrpc;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A container image: a registry tag or an existing image, with Dockerfile layers on top. Lazy: it
 * is built on Modal by {@link #build(App)}, or when a sandbox is created from it, and then has an
 * {@link #imageId()}.
 *
 * <pre>{@code
 * Image image = modal.images().fromRegistry("python:3.12-slim")
 *     .dockerfileCommands(List.of("RUN pip install requests"));
 * }</pre>
 *
 * <p>Thread-safe; concurrent builds of one image share one build.
 */
public final class Image {
  private final ImageBuilds builds;
  private final String tag;
  private final String baseImageId;
  private final RegistryAuth registry;
  private final List<ImageBuildListener> listeners = new CopyOnWriteArrayList<>();
  private final List<ImageLayer> layers;
  private volatile String imageId;
  private CompletableFuture<Image> building;

  Image(
      ImageBuilds builds,
      String tag,
      String baseImageId,
      RegistryAuth registry,
      List<ImageLayer> layers,
      String imageId) {
    this.builds = builds;
    this.tag = tag;
    this.baseImageId = baseImageId;
    this.registry = registry;
    this.layers = List.copyOf(layers);
    this.imageId = imageId;
  }

  /** The image's id ({@code im-...}) once built (or when it was looked up by id). */
  public Optional<String> imageId() {
    return Optional.ofNullable(imageId);
  }

  /**
   * A new image with these Dockerfile commands as one more layer; this image is unchanged. An empty
   * list returns this image.
   *
   * @throws InvalidException if {@code commands} is null or holds null, or a command copies from
   *     the local build context ({@code COPY} without {@code --from=}), which is not supported
   */
  public Image dockerfileCommands(List<String> commands) {
    return dockerfileCommands(commands, DockerfileParams.DEFAULT);
  }

  /**
   * A new image with these Dockerfile commands as one more layer, built with {@code params}; this
   * image is unchanged. An empty list returns this image.
   *
   * @throws InvalidException if {@code commands} is null or holds null, {@code params} is null, or
   *     a command copies from the local build context ({@code COPY} without {@code --from=})
   */
  public Image dockerfileCommands(List<String> commands, DockerfileParams params) {
    Args.noNullElements(commands, "commands");
    Args.notNull(params, "params");
    for (String c : commands) {
      String upper = c.strip().toUpperCase(Locale.ROOT);
      if (upper.startsWith("COPY ") && !upper.startsWith("COPY --FROM=")) {
        throw new InvalidException(
            "COPY commands that copy from local context are not yet supported.");
      }
    }
    if (commands.isEmpty()) {
      return this;
    }
    ImageLayer layer = new ImageLayer(commands, params);
    String built = imageId;
    if (built != null) {
      return new Image(builds, tag, built, null, List.of(layer), null);
    }
    List<ImageLayer> next = new ArrayList<>(layers);
    next.add(layer);
    return new Image(builds, tag, baseImageId, registry, next, null);
  }

  /**
   * Builds the image in {@code app} (each layer in turn), waiting for Modal to finish; does nothing
   * when it is built already.
   *
   * @return this image, now with an {@link #imageId()}
   * @throws InvalidException if {@code app} is null
   * @throws dev.modal4j.RemoteException if a layer fails to build, with Modal's message
   */
  public Image build(App app) {
    return Futures.join(buildAsync(app));
  }

  /** The async form of {@link #build(App)}. */
  public CompletableFuture<Image> buildAsync(App app) {
    return buildAsync(app, ImageBuildListener.NONE);
  }

  /**
   * Builds the image in {@code app} as {@link #build(App)} does, handing {@code listener} the build
   * log as Modal streams it (layers Modal has cached send none). A caller that joins a build
   * already under way hears the rest of it.
   *
   * @return this image, now with an {@link #imageId()}
   * @throws InvalidException if an argument is null
   * @throws dev.modal4j.RemoteException if a layer fails to build, with Modal's message
   */
  public Image build(App app, ImageBuildListener listener) {
    return Futures.join(buildAsync(app, listener));
  }

  /** The async form of {@link #build(App, ImageBuildListener)}. */
  public CompletableFuture<Image> buildAsync(App app, ImageBuildListener listener) {
    Args.notNull(app, "app");
    Args.notNull(listener, "listener");
    try {
      return CallerFutures.hand(builds.context(), buildInternal(app, listener));
    } catch (ModalException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** The build shared by every caller; the SDK's own future (not handed to a caller). */
  CompletableFuture<Image> buildInternal(App app) {
    return buildInternal(app, ImageBuildListener.NONE);
  }

  private CompletableFuture<Image> buildInternal(App app, ImageBuildListener listener) {
    if (imageId != null) {
      return CompletableFuture.completedFuture(this);
    }
    synchronized (this) {
      boolean start = building == null || building.isCompletedExceptionally();
      if (start) {
        listeners.clear();
      }
      if (listener != ImageBuildListener.NONE && (start || !building.isDone())) {
        listeners.add(listener);
      }
      if (start) {
        building =
            builds
                .build(app, tag, baseImageId, registry, layers, this::hear)
                .thenApply(
                    id -> {
                      imageId = id;
                      listeners.clear();
                      return this;
                    });
      }
      return building;
    }
  }

  private void hear(String data) {
    for (ImageBuildListener l : listeners) {
      l.onLog(data);
    }
  }

  /**
   * Publishes this built image under {@code name} ({@code name[:tag]}, tag {@code latest} when
   * absent, or {@code environment/name[:tag]}) in the client's environment, so {@link
   * Images#fromName(String)} finds it.
   *
   * @throws InvalidException if the name is null or invalid (it may not start with {@code im-}), or
   *     the image has not been built yet
   */
  public void publish(String name) {
    Futures.join(publishAsync(name, ImagePublishParams.DEFAULT));
  }

  /**
   * Publishes this built image under {@code name} in {@code params}' environment; see {@link
   * #publish(String)}.
   *
   * @throws InvalidException if an argument is null or invalid, the name holds a {@code /} and an
   *     environment is given too, or the image has not been built yet
   */
  public void publish(String name, ImagePublishParams params) {
    Futures.join(publishAsync(name, params));
  }

  /**
   * The async form of {@link #publish(String, ImagePublishParams)}.
   *
   * @throws InvalidException as {@link #publish(String, ImagePublishParams)} does, from the call
   */
  public CompletableFuture<Void> publishAsync(String name, ImagePublishParams params) {
    Args.notNull(name, "name");
    Args.notNull(params, "params");
    ImageReferences.Parsed parsed = ImageReferences.parse(name);
    String id = imageId;
    if (id == null) {
      throw new InvalidException(
          "Cannot publish an image that has not been built yet. Call build() first.");
    }
    String environment =
        ImageReferences.environment(
            parsed, params.environment().orElse(""), builds.context().environment());
    try {
      return CallerFutures.hand(
          builds.context(),
          builds
              .context()
              .controlPlane()
              .unary(
                  ModalClientGrpc.getImagePublishMethod(),
                  ImagePublishRequest.newBuilder()
                      .setImageId(id)
                      .setTag(parsed.tag())
                      .setEnvironmentName(environment)
                      .setAllowPublic(false)
                      .build())
              .thenApply(r -> (Void) null));
    } catch (ModalException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public String toString() {
    String id = imageId;
    if (id != null) {
      return "Image{" + id + "}";
    }
    return "Image{"
        + (tag != null ? "tag=" + tag : "base=" + baseImageId)
        + ", layers="
        + layers.size()
        + "}";
  }
}
