package dev.modal4j.testing.sandboxes.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Commands every Python image has that a host may lack: {@code python} (a host often has only
 * {@code python3}). The process backend runs the host's programs whatever the image, so a sandbox
 * gets a directory of links to the host's equivalents, last on its PATH (a real {@code python} of
 * the host's system directories still wins).
 */
final class ImageShims {
  /** The directory, inside a sandbox root, that holds the links. */
  static final String DIR = "__modal4j/bin";

  private static final List<String> SYSTEM_BIN = List.of("/usr/local/bin", "/usr/bin", "/bin");

  private ImageShims() {}

  /**
   * Makes the links under {@code root} and returns the PATH entry for them: as the sandbox sees it
   * with bubblewrap ({@code /__modal4j/bin}), else the host path; empty when no link is needed.
   */
  static Optional<String> prepare(Path root, boolean bubblewrap) throws IOException {
    if (find("python").isPresent()) {
      return Optional.empty();
    }
    Optional<Path> python3 = find("python3");
    if (python3.isEmpty()) {
      return Optional.empty();
    }
    Path dir = root.resolve(DIR);
    Files.createDirectories(dir);
    Path link = dir.resolve("python");
    if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      Files.createSymbolicLink(link, python3.get());
    }
    return Optional.of(bubblewrap ? "/" + DIR : dir.toString());
  }

  private static Optional<Path> find(String name) {
    for (String dir : SYSTEM_BIN) {
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
