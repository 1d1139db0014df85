package dev.modal4j.testing.sandboxes.docker;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.BuildImageCmd;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.BuildResponseItem;
import dev.modal4j.testing.sandboxes.backend.ImageBuildFailure;
import dev.modal4j.testing.sandboxes.backend.ImageLayer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Builds an image's layers for real, each {@code FROM} the one before, with the engine's (legacy)
 * builder and no pull. A layer's variables reach its {@code RUN} commands as build arguments: they
 * are not in the image's environment, but the engine's build history of that local image records
 * them. Its context files are the build context its {@code COPY} commands copy from. Each result is
 * tagged {@code modal4j/sandbox-layer:<hash>} of its base image id, commands, variables and context
 * files, so the same image is built once per engine.
 */
final class LayerBuilder {

  private static final String REPOSITORY = "modal4j/sandbox-layer";
  private static final long BUILD_MINUTES = 15;

  private final DockerClient client;
  private final java.util.Set<String> built = java.util.concurrent.ConcurrentHashMap.newKeySet();

  LayerBuilder(DockerClient client) {
    this.client = client;
  }

  /** The tags of the layer images this builder built (not those it found built already). */
  Set<String> built() {
    return Set.copyOf(built);
  }

  /**
   * The image {@code layers} make on top of {@code base} (a local image).
   *
   * @throws IOException if a layer's build fails (the message carries the builder's error)
   */
  String build(String base, List<ImageLayer> layers) throws IOException {
    String image = base;
    for (ImageLayer layer : layers) {
      image = buildOne(image, layer);
    }
    return image;
  }

  private String buildOne(String base, ImageLayer layer) throws IOException {
    return build(base, layer, false, line -> {});
  }

  /**
   * Builds one layer on the local image {@code base} with no network, each line of the builder's
   * output to {@code output} as it comes (the {@code ARG} steps that carry the layer's variables
   * left out); with {@code force} the engine's cache is not used and the image gets a new tag.
   *
   * @return the tag of the layer's image
   * @throws ImageBuildFailure if a command fails: that command, the builder's error, the log tail
   */
  String build(String base, ImageLayer layer, boolean force, Consumer<String> output)
      throws IOException {
    String baseId;
    try {
      baseId = client.inspectImageCmd(base).exec().getId();
    } catch (DockerException e) {
      throw new IOException("image " + base + " is not there to build on: " + e.getMessage(), e);
    }
    StringBuilder dockerfile = new StringBuilder("FROM ").append(base).append('\n');
    new TreeMap<>(layer.buildEnv())
        .keySet()
        .forEach(k -> dockerfile.append("ARG ").append(k).append('\n'));
    layer.commands().forEach(c -> dockerfile.append(c).append('\n'));
    String tag = REPOSITORY + ":" + hash(baseId, dockerfile.toString(), layer);
    if (force) {
      // a forced build is a new image: the one built before keeps its tag for those who use it
      tag += "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    } else {
      try {
        client.inspectImageCmd(tag).exec();
        return tag;
      } catch (NotFoundException e) {
        // Not built yet.
      } catch (DockerException e) {
        throw new IOException("inspecting " + tag + " failed: " + e.getMessage(), e);
      }
    }
    BuildImageCmd build =
        client
            .buildImageCmd()
            .withTarInputStream(
                new ByteArrayInputStream(
                    BuildContextTar.of(dockerfile.toString(), layer.contextFiles(), layer::modeOf)))
            .withDockerfilePath(BuildContextTar.DOCKERFILE)
            .withTags(Set.of(tag))
            .withPull(false)
            .withNoCache(force)
            .withNetworkMode("none")
            .withRemove(true)
            .withForcerm(true);
    layer.buildEnv().forEach(build::withBuildArg);
    BuildOutput lines = new BuildOutput(output, layer.buildEnv().keySet());
    AtomicReference<String> error = new AtomicReference<>();
    try (ResultCallback.Adapter<BuildResponseItem> done =
        build.exec(
            new ResultCallback.Adapter<>() {
              @Override
              public void onNext(BuildResponseItem item) {
                if (item.isErrorIndicated()) {
                  error.set(item.getError());
                } else if (item.getStream() != null) {
                  lines.accept(item.getStream());
                }
              }
            })) {
      if (!done.awaitCompletion(BUILD_MINUTES, TimeUnit.MINUTES)) {
        throw new IOException("building a layer on " + base + " took over 15 minutes");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while building a layer on " + base, e);
    } catch (DockerException | IllegalStateException e) {
      if (error.get() == null) {
        throw new IOException("building a layer on " + base + " failed: " + e.getMessage(), e);
      }
    }
    lines.flush();
    if (error.get() != null) {
      throw new ImageBuildFailure(lines.step(), error.get().trim(), lines.tail());
    }
    built.add(tag);
    return tag;
  }

  /** Removes a layer image this builder made; must not throw. */
  void remove(String tag) {
    try {
      client.removeImageCmd(tag).withForce(false).exec();
      built.remove(tag);
    } catch (DockerException | IllegalStateException e) {
      // in use by a container or gone already: the backend's close removes what is left
    }
  }

  private static String hash(String baseId, String dockerfile, ImageLayer layer) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(baseId.getBytes(UTF_8));
      sha.update((byte) 0);
      sha.update(dockerfile.getBytes(UTF_8));
      new TreeMap<>(layer.buildEnv())
          .forEach(
              (k, v) -> {
                sha.update((byte) 0);
                sha.update(k.getBytes(UTF_8));
                sha.update((byte) '=');
                sha.update(v.getBytes(UTF_8));
              });
      layer
          .contextFiles()
          .forEach(
              (path, data) -> {
                sha.update((byte) 1);
                sha.update(path.getBytes(UTF_8));
                sha.update((byte) 0);
                sha.update(Long.toString(data.length).getBytes(UTF_8));
                sha.update((byte) 0);
                sha.update(data);
              });
      layer
          .contextModes()
          .forEach(
              (path, mode) -> {
                sha.update((byte) 2);
                sha.update(path.getBytes(UTF_8));
                sha.update((byte) 0);
                sha.update(Integer.toOctalString(mode).getBytes(UTF_8));
              });
      return HexFormat.of().formatHex(sha.digest()).substring(0, 24);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing", e);
    }
  }
}
