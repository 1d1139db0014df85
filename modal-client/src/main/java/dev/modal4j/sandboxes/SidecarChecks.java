package dev.modal4j.sandboxes;

import dev.modal4j.InvalidException;
import dev.modal4j.images.Image;
import dev.modal4j.internal.Args;
import dev.modal4j.volumes.Volume;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The client-side checks of sidecar arguments, made before any RPC as Modal's JS SDK makes them.
 */
final class SidecarChecks {
  /** The name Modal reserves for a sandbox's main container. */
  static final String MAIN = "main";

  private static final int ARG_MAX_BYTES = 1 << 16;

  private SidecarChecks() {}

  /** A sidecar's name: not null, not empty, not {@code main}. */
  static String name(String name) {
    Args.notNull(name, "name");
    if (name.isEmpty()) {
      throw new InvalidException("name: a sidecar's name must not be empty");
    }
    if (name.equals(MAIN)) {
      throw new InvalidException(
          "name: \"main\" is reserved for the sandbox's main container; use the Sandbox's own"
              + " methods for it");
    }
    return name;
  }

  /** The id of a built image. */
  static String imageId(Image image) {
    Args.notNull(image, "image");
    return image
        .imageId()
        .orElseThrow(
            () ->
                new InvalidException(
                    "image: a sidecar's image must already be built; build it first or use"
                        + " client.images().fromId(...)"));
  }

  /** A command: no nulls, at most 65536 bytes in all. */
  static List<String> command(List<String> command, String name) {
    List<String> copy = List.copyOf(Args.noNullElements(command, name));
    long total = 0;
    for (String arg : copy) {
      total += arg.getBytes(StandardCharsets.UTF_8).length;
    }
    if (total > ARG_MAX_BYTES) {
      throw new InvalidException(
          name
              + ": the total length of the arguments must be less than "
              + ARG_MAX_BYTES
              + " bytes");
    }
    return copy;
  }

  /** Volumes by absolute path, each volume at one path only. */
  static Map<String, Volume> volumes(Map<String, Volume> volumes, String name) {
    Args.noNullKeys(volumes, name);
    Map<String, List<String>> pathsById = new HashMap<>();
    Map<String, Volume> checked = new LinkedHashMap<>();
    volumes.forEach(
        (path, volume) -> {
          Checks.absolutePath(path, name);
          if (volume == null) {
            throw new InvalidException(
                name + ": the volume mounted at '" + path + "' must not be null");
          }
          pathsById.computeIfAbsent(volume.volumeId(), k -> new ArrayList<>()).add(path);
          checked.put(path, volume);
        });
    for (List<String> paths : pathsById.values()) {
      if (paths.size() > 1) {
        List<String> sorted = new ArrayList<>(paths);
        sorted.sort(null);
        throw new InvalidException(
            name + ": one volume cannot be mounted at several paths in a sidecar: " + sorted);
      }
    }
    return checked;
  }
}
