package dev.modal4j.testing.sandboxes.views;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * Copies and deletions of single entries inside one base directory, never through a symbolic link:
 * a sandbox may leave links in a volume, and what they point at is outside it (on the emulator's
 * host). Copies are plain NIO copies (never hard links: a write through a link would change the
 * other tree) that keep the source's permissions and times, and copy a link as a link.
 */
final class TreeEdits {
  private TreeEdits() {}

  /**
   * The path of {@code relative} inside {@code base}, with its parent directories made (with {@code
   * createParents}); empty when a directory on the way is a symbolic link or not a directory.
   */
  static Optional<Path> inside(Path base, String relative, boolean createParents)
      throws IOException {
    Path target = base.resolve(relative).normalize();
    if (!target.startsWith(base) || target.equals(base)) {
      return Optional.empty();
    }
    Path dir = base;
    Path parent = base.relativize(target).getParent();
    if (parent != null) {
      for (Path part : parent) {
        dir = dir.resolve(part);
        if (Files.isSymbolicLink(dir)) {
          return Optional.empty();
        }
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
          if (!createParents) {
            return Optional.of(target);
          }
          Files.createDirectory(dir);
        } else if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
          if (!createParents) {
            return Optional.empty();
          }
          deleteTree(dir);
          Files.createDirectory(dir);
        }
      }
    }
    return Optional.of(target);
  }

  /**
   * Makes {@code target} what {@code source} is: a regular file, link or other entry is copied over
   * whatever is there; a directory is made (empty, with the source's attributes) unless one is
   * there. A source that has vanished changes nothing.
   */
  static void copyEntry(Path source, Path target, FileManifest.Kind kind) throws IOException {
    try {
      if (kind == FileManifest.Kind.DIRECTORY) {
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
          return;
        }
        deleteTree(target);
        Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        return;
      }
      if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
        deleteTree(target);
      }
      Files.copy(
          source,
          target,
          StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.COPY_ATTRIBUTES,
          LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      // the source went away while we copied: its deletion is the next commit's business
    }
  }

  /** Deletes {@code root} and everything under it, not following links; absent is fine. */
  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
      Files.deleteIfExists(root);
      return;
    }
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
          public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
            if (e instanceof NoSuchFileException) {
              return FileVisitResult.CONTINUE;
            }
            throw e;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
            if (e != null && !(e instanceof NoSuchFileException)) {
              throw e;
            }
            try {
              Files.deleteIfExists(dir);
            } catch (DirectoryNotEmptyException racing) {
              // something was written into it while we deleted: the next edit sees it
            }
            return FileVisitResult.CONTINUE;
          }
        });
  }

  /** Deletes the contents of {@code dir}, keeping the directory itself. */
  static void clear(Path dir) throws IOException {
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (var children = Files.list(dir)) {
      for (Path child : (Iterable<Path>) children::iterator) {
        deleteTree(child);
      }
    }
  }
}
