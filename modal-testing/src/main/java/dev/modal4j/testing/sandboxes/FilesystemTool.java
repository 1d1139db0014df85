package dev.modal4j.testing.sandboxes;

import dev.modal4j.testing.sandboxes.backend.MountSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The filesystem tool every sandbox has at Modal's path ({@value #PATH}): our own Python 3 program
 * (a resource of this module), written once into the emulator's scratch directory and mounted read
 * only into each sandbox, so it runs inside the sandbox as the sandbox's user, on the sandbox's own
 * files. Modal's SDKs exec it with one JSON command; see the program for its answers.
 */
final class FilesystemTool {
  /** Where Modal's SDKs expect the tool inside a sandbox. */
  static final String PATH = "/__modal/.bin/modal-sandbox-fs-tools";

  private static final String RESOURCE = "fs/modal-sandbox-fs-tools";

  private final VolumeStorage storage;
  private Path hostFile;

  FilesystemTool(VolumeStorage storage) {
    this.storage = storage;
  }

  /** The read-only mount that places the tool at {@link #PATH}. */
  MountSpec mount() {
    return new MountSpec(hostFile(), PATH, true);
  }

  private synchronized Path hostFile() {
    if (hostFile != null && Files.isRegularFile(hostFile)) {
      return hostFile;
    }
    Path file = storage.scratch("fs-tools").resolve("modal-sandbox-fs-tools");
    try (InputStream in = FilesystemTool.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the resource " + RESOURCE + " is missing");
      }
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r-xr-xr-x"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the sandbox filesystem tool", e);
    }
    hostFile = file;
    return file;
  }
}
