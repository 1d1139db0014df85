package dev.modal4j.testing.sandboxes;

import io.grpc.Status;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.function.Supplier;

/**
 * The files of the emulator's volumes: one host directory per volume id under the emulator's
 * temporary root, made on first use and deleted with that root.
 */
final class VolumeStorage {
  private final Supplier<Path> roots;

  /** {@code root} gives the directory of all volumes; asked on first use only. */
  VolumeStorage(Supplier<Path> root) {
    this.roots = root;
  }

  /**
   * The host directory of {@code volumeId}, or of {@code subPath} inside it, created if missing.
   *
   * @throws io.grpc.StatusRuntimeException INVALID_ARGUMENT for a sub path leaving the volume
   */
  Path directory(String volumeId, String subPath) {
    Path root = roots.get();
    Path volume = root.resolve(volumeId).normalize();
    Path dir = volume.resolve(subPath.startsWith("/") ? subPath.substring(1) : subPath).normalize();
    if (!dir.startsWith(volume) || !volume.getParent().equals(root.normalize())) {
      throw Status.INVALID_ARGUMENT
          .withDescription("sub_path '" + subPath + "' leaves the volume")
          .asRuntimeException();
    }
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the directory of volume " + volumeId, e);
    }
  }

  /** Deletes the files of {@code volumeId} (a deleted or expired volume), if it has any. */
  void delete(String volumeId) {
    Path root = roots.get();
    Path volume = root.resolve(volumeId).normalize();
    if (volume.getParent().equals(root.normalize())) {
      deleteTree(volume);
    }
  }

  /** A fresh directory of the emulator's own, beside the volumes (deleted with them). */
  Path scratch(String name) {
    Path dir = roots.get().resolveSibling("scratch").resolve(name);
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the scratch directory " + name, e);
    }
  }

  static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.deleteIfExists(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
              Files.deleteIfExists(dir);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      // best effort: a file a sandbox still holds open, or one it made read-only
    }
  }
}
