package dev.modal4j.testing.sandboxes.process;

import dev.modal4j.testing.sandboxes.backend.ImageSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The images the process backend saves: each a directory tree under its root ({@code images/}),
 * removed with the backend's root when it closes. A sandbox started from one gets a copy of the
 * tree as its root; other images have no files here (the process backend runs host programs).
 */
final class ProcessImages {
  private static final Logger log = LoggerFactory.getLogger(ProcessImages.class);

  private final Path root;
  private final Path aside;

  ProcessImages(Path backendRoot) {
    this.root = backendRoot.resolve("images");
    this.aside = backendRoot.resolve("mounts");
  }

  /** Where the tree of {@code reference} is (or will be) kept. */
  Path tree(String reference) {
    return root.resolve(reference.replaceAll("[^A-Za-z0-9_.-]", "_"));
  }

  /** Saves a copy of {@code from} as {@code reference}. */
  void save(Path from, String reference) throws IOException {
    Path tree = tree(reference);
    if (Files.exists(tree)) {
      Directories.deleteRecursively(tree);
    }
    Trees.copyContents(from, tree);
  }

  /** The saved tree of an image, if this backend saved it. */
  Optional<Path> saved(String reference) {
    Path tree = tree(reference);
    return Files.isDirectory(tree) ? Optional.of(tree) : Optional.empty();
  }

  /** The saved tree a mount of {@code image} copies, or empty (with a line in the log). */
  Optional<Path> forMount(ImageSource image) {
    Optional<Path> tree = saved(image.reference());
    if (tree.isEmpty()) {
      log.info(
          "image {} has no files in the process backend (it runs host programs): mounted empty",
          image.reference());
    }
    return tree;
  }

  /** Copies the saved tree of {@code reference}, if there is one, into a new sandbox root. */
  void restoreInto(String reference, Path sandboxRoot) throws IOException {
    Optional<Path> tree = saved(reference);
    if (tree.isPresent()) {
      Trees.copyContents(tree.get(), sandboxRoot);
    }
  }

  /** A directory for what a mount hides in a sandbox, outside the sandbox's root. */
  Path aside(String sandboxKey, String path) {
    return aside
        .resolve(sandboxKey)
        .resolve(Integer.toHexString(path.hashCode()) + "-" + path.length());
  }
}
