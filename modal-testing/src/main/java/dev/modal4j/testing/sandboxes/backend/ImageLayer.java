package dev.modal4j.testing.sandboxes.backend;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One layer an image adds over its registry tag: Dockerfile commands (without their {@code FROM}
 * line), the variables its build sees (the layer's secrets: visible to its {@code RUN} commands,
 * not kept in the image) and the files of its build context (what its {@code COPY} commands copy
 * from). {@link #toString()} leaves the values and the file contents out.
 *
 * @param commands the layer's Dockerfile commands, in order
 * @param buildEnv the variables of this layer's build only
 * @param contextFiles the build context: each file's path inside the context (relative, checked not
 *     to leave it) and its content, by path
 */
public record ImageLayer(
    List<String> commands, Map<String, String> buildEnv, Map<String, byte[]> contextFiles) {

  /** Copies the collections (the context in path order). */
  public ImageLayer {
    commands = List.copyOf(commands);
    buildEnv = Map.copyOf(buildEnv);
    contextFiles = Collections.unmodifiableMap(new TreeMap<>(contextFiles));
  }

  /** A layer whose build context is empty. */
  public ImageLayer(List<String> commands, Map<String, String> buildEnv) {
    this(commands, buildEnv, Map.of());
  }

  @Override
  public String toString() {
    return "ImageLayer[commands="
        + commands
        + ", buildEnv="
        + buildEnv.keySet()
        + ", contextFiles="
        + contextFiles.keySet()
        + "]";
  }
}
