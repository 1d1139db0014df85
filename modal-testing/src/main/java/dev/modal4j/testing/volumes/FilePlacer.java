package dev.modal4j.testing.volumes;

import dev.modal4j.testing.internal.FileModes;
import io.grpc.Status;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * Puts files into a volume atomically: content is written to a temporary file beside the volumes
 * (same file system), given its mode, then moved onto its path, so a reader (or a sandbox) sees the
 * old file or the new one, never a part.
 */
final class FilePlacer {
  /** Mode of an uploaded file that names none. */
  static final int DEFAULT_MODE = 0644;

  private final VolumeDirectories directories;

  FilePlacer(VolumeDirectories directories) {
    this.directories = directories;
  }

  /** A fresh temporary file to fill and then {@link #place}. */
  Path temporary() {
    return directories.scratch("volume-writes").resolve("w-" + UUID.randomUUID());
  }

  /**
   * Refuses writing {@code rel}: ALREADY_EXISTS when a directory is there, or a file is there and
   * {@code overwrite} is false; INVALID_ARGUMENT when a parent is not a directory.
   */
  static void checkWritable(Path root, String rel, String path, boolean overwrite) {
    if (rel.isEmpty()) {
      throw VolumePath.invalid("path '" + path + "' names the volume's root, not a file");
    }
    Path target = VolumePath.resolve(root, rel);
    VolumePath.requireInside(root, target, path);
    if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
      throw Status.ALREADY_EXISTS
          .withDescription("'" + path + "' is a directory, which an uploaded file cannot replace")
          .asRuntimeException();
    }
    if (!overwrite && VolumeRoots.exists(target)) {
      throw Status.ALREADY_EXISTS
          .withDescription("'" + path + "': file already exists")
          .asRuntimeException();
    }
    for (Path p = target.getParent(); p != null && p.startsWith(root); p = p.getParent()) {
      if (VolumeRoots.exists(p) && !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
        throw VolumePath.invalid(
            "cannot write '"
                + path
                + "': '"
                + VolumePath.relative(root, p)
                + "' is not a directory");
      }
    }
  }

  /** Moves the filled {@code tmp} onto {@code rel} in the volume, with {@code mode}. */
  void place(Path tmp, Path root, String rel, String path, int mode, boolean overwrite) {
    Path target = VolumePath.resolve(root, rel);
    try {
      Files.setPosixFilePermissions(tmp, FileModes.permissions(mode));
      Files.createDirectories(target.getParent());
      VolumePath.requireInside(root, target, path);
      if (overwrite) {
        Files.move(
            tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } else {
        // ATOMIC_MOVE replaces silently; link + delete keeps "no overwrite" exact
        Files.createLink(target, tmp);
        Files.delete(tmp);
      }
    } catch (FileAlreadyExistsException e) {
      throw Status.ALREADY_EXISTS
          .withDescription("'" + path + "': file already exists")
          .asRuntimeException();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write '" + path + "' into the volume", e);
    } finally {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException e) {
        // left for the emulator's directory cleanup
      }
    }
  }
}
