package dev.modal4j.testing.sandboxes.backend;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One layer an image adds over its registry tag: Dockerfile commands (without their {@code FROM}
 * line), the variables its build sees (the layer's secrets: visible to its {@code RUN} commands,
 * not kept in the image) and the files of its build context (what its {@code COPY} commands copy
 * from), with the permission bits of those not {@code 0644}. {@link #toString()} leaves the values
 * and the file contents out.
 *
 * @param commands the layer's Dockerfile commands, in order
 * @param buildEnv the variables of this layer's build only
 * @param contextFiles the build context: each file's path inside the context (relative, checked not
 *     to leave it) and its content, by path
 * @param contextModes the permission bits of context files that are not {@code 0644}, by path
 */
public record ImageLayer(
    List<String> commands,
    Map<String, String> buildEnv,
    Map<String, byte[]> contextFiles,
    Map<String, Integer> contextModes) {

  /** The permission bits of a context file without its own. */
  public static final int DEFAULT_MODE = 0644;

  /** Copies the collections (the context in path order); drops modes of files not in it. */
  public ImageLayer {
    commands = List.copyOf(commands);
    buildEnv = Map.copyOf(buildEnv);
    contextFiles = Collections.unmodifiableMap(new TreeMap<>(contextFiles));
    TreeMap<String, Integer> modes = new TreeMap<>();
    for (Map.Entry<String, Integer> m : contextModes.entrySet()) {
      if (contextFiles.containsKey(m.getKey()) && (m.getValue() & 07777) != DEFAULT_MODE) {
        modes.put(m.getKey(), m.getValue() & 07777);
      }
    }
    contextModes = Collections.unmodifiableMap(modes);
  }

  /** A layer whose context files all have the default permission bits. */
  public ImageLayer(
      List<String> commands, Map<String, String> buildEnv, Map<String, byte[]> contextFiles) {
    this(commands, buildEnv, contextFiles, Map.of());
  }

  /** The permission bits of the context file at {@code path}. */
  public int modeOf(String path) {
    return contextModes.getOrDefault(path, DEFAULT_MODE);
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
