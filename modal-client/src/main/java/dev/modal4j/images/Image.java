package dev.modal4j.images;

import dev.modal4j.InvalidException;
import dev.modal4j.ModalException;
import dev.modal4j.apps.App;
import dev.modal4j.internal.Args;
import dev.modal4j.internal.CallerFutures;
import dev.modal4j.internal.Futures;
import dev.modal4j.secrets.Secret;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

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
  private final Secret registrySecret;
  private final List<ImageLayer> layers;
  private volatile String imageId;
  private CompletableFuture<Image> building;

  Image(
      ImageBuilds builds,
      String tag,
      String baseImageId,
      Secret registrySecret,
      List<ImageLayer> layers,
      String imageId) {
    this.builds = builds;
    this.tag = tag;
    this.baseImageId = baseImageId;
    this.registrySecret = registrySecret;
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
    return new Image(builds, tag, baseImageId, registrySecret, next, null);
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
    Args.notNull(app, "app");
    try {
      return CallerFutures.hand(builds.context(), buildInternal(app));
    } catch (ModalException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** The build shared by every caller; the SDK's own future (not handed to a caller). */
  CompletableFuture<Image> buildInternal(App app) {
    if (imageId != null) {
      return CompletableFuture.completedFuture(this);
    }
    synchronized (this) {
      if (building == null || building.isCompletedExceptionally()) {
        building =
            builds
                .build(app, tag, baseImageId, registrySecret, layers)
                .thenApply(
                    id -> {
                      imageId = id;
                      return this;
                    });
      }
      return building;
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
