package dev.modal4j.testing.sandboxes.process;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.stream.Stream;

/** Copies and moves directory trees of process sandboxes, never following symlinks. */
final class Trees {
  private Trees() {}

  /** Copies the contents of {@code from} into {@code to} (created); symlinks stay symlinks. */
  static void copyContents(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    Files.walkFileTree(
        from,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs)
              throws IOException {
            Path target = to.resolve(from.relativize(d).toString());
            Files.createDirectories(target);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Path target = to.resolve(from.relativize(file).toString());
            if (attrs.isSymbolicLink()) {
              Files.deleteIfExists(target);
              Files.createSymbolicLink(target, Files.readSymbolicLink(file));
            } else if (attrs.isRegularFile()) {
              Files.copy(
                  file,
                  target,
                  StandardCopyOption.REPLACE_EXISTING,
                  StandardCopyOption.COPY_ATTRIBUTES,
                  LinkOption.NOFOLLOW_LINKS);
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
            if (e != null) {
              throw e;
            }
            Path target = to.resolve(from.relativize(d).toString());
            Files.setLastModifiedTime(target, Files.getLastModifiedTime(d));
            return FileVisitResult.CONTINUE;
          }
        });
  }

  /** Moves every entry of {@code from} into {@code to} (created). */
  static void moveContents(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    for (Path child : children(from)) {
      Files.move(child, to.resolve(child.getFileName().toString()), LinkOption.NOFOLLOW_LINKS);
    }
  }

  /** Removes every entry of {@code dir}, keeping {@code dir}. */
  static void clear(Path dir) throws IOException {
    for (Path child : children(dir)) {
      if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
        Directories.deleteRecursively(child);
      } else {
        Files.deleteIfExists(child);
      }
    }
  }

  private static List<Path> children(Path dir) throws IOException {
    try (Stream<Path> list = Files.list(dir)) {
      return list.toList();
    }
  }
}
