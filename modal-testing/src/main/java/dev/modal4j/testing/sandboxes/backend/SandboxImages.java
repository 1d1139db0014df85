package dev.modal4j.testing.sandboxes.backend;

import java.io.IOException;
import java.util.Optional;

/**
 * What a backend does for snapshots and image mounts in one running sandbox. Image references are
 * chosen by the emulator (unique per emulator) and name images the backend keeps until it closes: a
 * local Docker image for the container backend, a stored directory tree for the process backend.
 *
 * <p>A missing path fails with {@link java.nio.file.NoSuchFileException}, a path that is not a
 * directory with {@link java.nio.file.NotDirectoryException}; anything else with an {@link
 * IOException} whose message says what went wrong.
 */
public interface SandboxImages {

  /** Saves the sandbox's whole filesystem (volumes left out) as the image {@code reference}. */
  void commit(String reference) throws IOException;

  /**
   * Saves the directory {@code path} of the sandbox as the image {@code reference}: the image's
   * root holds the directory's contents.
   */
  void commitDirectory(String path, String reference) throws IOException;

  /**
   * Places the files of {@code image} (an empty directory when absent) at {@code path}, hiding what
   * was there until {@link #unmount(String)}.
   */
  void mount(String path, Optional<ImageSource> image) throws IOException;

  /** Removes what {@link #mount} placed at {@code path} and brings back what it hid. */
  void unmount(String path) throws IOException;
}
