package dev.modal4j.testing.images;

import dev.modal4j.proto.ImageContextFile;
import java.util.List;
import java.util.Map;

/**
 * The files of a layer's context mount, as they join its build context.
 *
 * @param files each file at its path in the mount (a leading {@code /} is the context's root)
 * @param modes the permission bits of each file, by the same path
 */
public record ContextMountFiles(List<ImageContextFile> files, Map<String, Integer> modes) {

  /** Copies the collections. */
  public ContextMountFiles {
    files = List.copyOf(files);
    modes = Map.copyOf(modes);
  }
}
