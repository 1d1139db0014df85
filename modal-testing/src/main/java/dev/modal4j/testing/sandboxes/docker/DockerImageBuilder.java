package dev.modal4j.testing.sandboxes.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import dev.modal4j.testing.sandboxes.backend.ImageBuilder;
import dev.modal4j.testing.sandboxes.backend.ImageLayer;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * The container backend's image builder: each layer is a build of the engine (no network) on the
 * layer below; a registry tag that is not a local image is built on the base image instead, as the
 * backend's sandboxes run it (nothing is pulled), and the build log says so.
 */
final class DockerImageBuilder implements ImageBuilder {
  private final DockerClient client;
  private final LayerBuilder layers;
  private final String baseImage;

  DockerImageBuilder(DockerClient client, LayerBuilder layers, String baseImage) {
    this.client = client;
    this.layers = layers;
    this.baseImage = baseImage;
  }

  @Override
  public String build(String base, ImageLayer layer, boolean force, Consumer<String> output)
      throws IOException {
    String local = base;
    if (!exists(base)) {
      output.accept(
          "modal4j: "
              + base
              + " is not a local image (nothing is pulled); building on "
              + baseImage
              + "\n");
      local = baseImage;
    }
    return layers.build(local, layer, force, output);
  }

  @Override
  public void remove(String reference) {
    layers.remove(reference);
  }

  private boolean exists(String reference) {
    try {
      client.inspectImageCmd(reference).exec();
      return true;
    } catch (DockerException | IllegalArgumentException e) {
      return false;
    }
  }
}
