package dev.modal4j.testing.sandboxes.views;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a directory tree holds at one moment: every entry below its root by relative path ({@code
 * a/b.txt}), with its kind, size, modification and change times and file key, read without
 * following symbolic links. Paths sort so that a directory comes before everything inside it.
 */
final class FileManifest {
  /** What an entry is. */
  enum Kind {
    FILE,
    DIRECTORY,
    LINK,
    OTHER
  }

  /**
   * One entry.
   *
   * @param kind what it is
   * @param size its size in bytes (a link's: the length of its target)
   * @param modified its modification time in microseconds since the epoch (what a copy keeps)
   * @param changed its status change time in nanoseconds since the epoch (0 where unknown)
   * @param fileKey the file system's identity of it (device and inode), or null
   */
  record Entry(Kind kind, long size, long modified, long changed, Object fileKey) {
    /** Whether {@code other} has the same kind, size and modification time (its content). */
    boolean sameContentAs(Entry other) {
      return kind == other.kind && size == other.size && modified == other.modified;
    }

    /** Whether nothing of this entry changed since it was {@code before}. */
    boolean unchangedSince(Entry before) {
      if (kind == Kind.DIRECTORY && before.kind == Kind.DIRECTORY) {
        return true;
      }
      return sameContentAs(before)
          && changed == before.changed
          && Objects.equals(fileKey, before.fileKey);
    }
  }

  private static final FileManifest EMPTY = new FileManifest(new TreeMap<>());

  private final NavigableMap<String, Entry> entries;

  private FileManifest(NavigableMap<String, Entry> entries) {
    this.entries = entries;
  }

  /** A manifest of nothing. */
  static FileManifest empty() {
    return EMPTY;
  }

  /**
   * Reads the tree under {@code root}; a missing root, or one that is not a directory, holds
   * nothing. Entries that vanish while it reads are left out.
   */
  static FileManifest scan(Path root) throws IOException {
    if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
      return EMPTY;
    }
    NavigableMap<String, Entry> entries = new TreeMap<>();
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            if (!dir.equals(root)) {
              entries.put(relative(root, dir), entry(dir, attrs));
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            entries.put(relative(root, file), entry(file, attrs));
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
            if (e instanceof NoSuchFileException) {
              return FileVisitResult.CONTINUE;
            }
            throw e;
          }
        });
    return new FileManifest(entries);
  }

  private static String relative(Path root, Path p) {
    return root.relativize(p).toString();
  }

  private static Entry entry(Path p, BasicFileAttributes attrs) {
    Kind kind =
        attrs.isDirectory()
            ? Kind.DIRECTORY
            : attrs.isSymbolicLink() ? Kind.LINK : attrs.isRegularFile() ? Kind.FILE : Kind.OTHER;
    return new Entry(
        kind,
        attrs.size(),
        attrs.lastModifiedTime().to(java.util.concurrent.TimeUnit.MICROSECONDS),
        changed(p),
        attrs.fileKey());
  }

  private static long changed(Path p) {
    try {
      return nanos((FileTime) Files.getAttribute(p, "unix:ctime", LinkOption.NOFOLLOW_LINKS));
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return 0;
    }
  }

  private static long nanos(FileTime t) {
    return t.to(java.util.concurrent.TimeUnit.NANOSECONDS);
  }

  /** The entry at {@code path}, if the tree held one. */
  Optional<Entry> get(String path) {
    return Optional.ofNullable(entries.get(path));
  }

  /** Every entry, parents before their contents. */
  Map<String, Entry> entries() {
    return Collections.unmodifiableMap(entries);
  }

  /** The number of entries. */
  int size() {
    return entries.size();
  }

  /** The total size of the regular files. */
  long bytes() {
    long sum = 0;
    for (Entry e : entries.values()) {
      if (e.kind() == Kind.FILE) {
        sum += e.size();
      }
    }
    return sum;
  }

  /** The path of the directory holding {@code path}, or empty for an entry at the root. */
  static Optional<String> parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? Optional.empty() : Optional.of(path.substring(0, slash));
  }
}
