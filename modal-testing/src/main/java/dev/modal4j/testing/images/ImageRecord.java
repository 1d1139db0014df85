package dev.modal4j.testing.images;

import dev.modal4j.testing.sandboxes.backend.ImageLayer;
import java.util.List;

/**
 * One built image: the registry tag its first layer starts {@code FROM}, and every layer's commands
 * (after their {@code FROM} lines) with the variables of its build, oldest layer first. That is all
 * a backend needs to run it.
 *
 * @param imageId the image's {@code im-} id
 * @param appId the app it was built in
 * @param registryTag the registry reference the image descends from, such as {@code alpine:3.21}
 * @param layers the layers over the registry tag, oldest first
 * @param builderVersion the image builder version it was built with
 */
public record ImageRecord(
    String imageId,
    String appId,
    String registryTag,
    List<ImageLayer> layers,
    String builderVersion) {

  /** Copies the layers. */
  public ImageRecord {
    layers = List.copyOf(layers);
  }

  /** Every layer's commands in order, for messages and tests. */
  public List<String> commands() {
    return layers.stream().flatMap(l -> l.commands().stream()).toList();
  }
}
