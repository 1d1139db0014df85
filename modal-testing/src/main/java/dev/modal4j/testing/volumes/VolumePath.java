package dev.modal4j.testing.volumes;

import io.grpc.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Paths inside a volume as the files API names them: '/'-separated, relative to the volume's root
 * (a leading '/' is ignored), normalised; a path leaving the volume is INVALID_ARGUMENT.
 */
final class VolumePath {
  private VolumePath() {}

  /** {@code path} normalised to "a/b/c" ("" for the root). */
  static String normalize(String path) {
    if (path.indexOf('\0') >= 0) {
      throw invalid("path '" + path.replace('\0', '?') + "' contains a NUL character");
    }
    Deque<String> parts = new ArrayDeque<>();
    for (String part : path.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (parts.isEmpty()) {
          throw invalid("path '" + path + "' leaves the volume");
        }
        parts.removeLast();
      } else {
        parts.addLast(part);
      }
    }
    return String.join("/", parts);
  }

  /** The host path of the normalised volume path {@code rel} under {@code root}. */
  static Path resolve(Path root, String rel) {
    return rel.isEmpty() ? root : root.resolve(rel);
  }

  /** The last component of a normalised path ("" for the root). */
  static String name(String rel) {
    return rel.substring(rel.lastIndexOf('/') + 1);
  }

  /** The volume path of {@code file} under {@code root}, '/'-separated. */
  static String relative(Path root, Path file) {
    return root.relativize(file).toString().replace(java.io.File.separatorChar, '/');
  }

  /**
   * Refuses {@code host} when it, or its nearest existing ancestor, resolves (through symbolic
   * links a sandbox may have made) to a place outside {@code root}.
   */
  static void requireInside(Path root, Path host, String path) {
    try {
      Path realRoot = root.toRealPath();
      Path probe = host;
      while (probe != null && !Files.exists(probe, LinkOption.NOFOLLOW_LINKS)) {
        probe = probe.getParent();
      }
      if (probe == null || !probe.toRealPath().startsWith(realRoot)) {
        throw invalid("path '" + path + "' leaves the volume");
      }
    } catch (IOException e) {
      throw invalid("path '" + path + "' cannot be resolved: " + e.getMessage());
    }
  }

  static RuntimeException invalid(String message) {
    return Status.INVALID_ARGUMENT.withDescription(message).asRuntimeException();
  }
}
