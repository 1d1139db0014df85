package dev.modal4j.testing.sandboxes.backend;

import java.util.List;
import java.util.Map;

/**
 * One layer an image adds over its registry tag: Dockerfile commands (without their {@code FROM}
 * line) and the variables its build sees (the layer's secrets: visible to its {@code RUN} commands,
 * not kept in the image). {@link #toString()} leaves the values out.
 *
 * @param commands the layer's Dockerfile commands, in order
 * @param buildEnv the variables of this layer's build only
 */
public record ImageLayer(List<String> commands, Map<String, String> buildEnv) {

  /** Copies the collections. */
  public ImageLayer {
    commands = List.copyOf(commands);
    buildEnv = Map.copyOf(buildEnv);
  }

  @Override
  public String toString() {
    return "ImageLayer[commands=" + commands + ", buildEnv=" + buildEnv.keySet() + "]";
  }
}
