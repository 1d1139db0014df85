package dev.modal4j.testing.volumes;

import dev.modal4j.proto.FileEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * VolumeListFiles and VolumeListFiles2: a file path lists that file; a directory lists its
 * children, or with {@code recursive} everything below it (directories too, depth first, by name),
 * without following symbolic links. Entries name paths from the volume's root, without a leading
 * '/', and go out in batches.
 */
final class VolumeListing {
  static final int BATCH = 100;

  private final VolumeRoots roots;

  VolumeListing(VolumeRoots roots) {
    this.roots = roots;
  }

  /** Lists {@code path}; at most {@code maxEntries} entries (0 = all), batches to {@code out}. */
  void list(
      String volumeId,
      String path,
      boolean recursive,
      int maxEntries,
      int family,
      String rpc,
      Consumer<List<FileEntry>> out) {
    Path root = roots.root(volumeId, family, rpc);
    String rel = VolumePath.normalize(path);
    Path target = VolumePath.resolve(root, rel);
    if (!VolumeRoots.exists(target)) {
      throw VolumeRoots.notFound(path);
    }
    VolumePath.requireInside(root, target, path);
    Batcher batcher = new Batcher(out, maxEntries);
    try {
      if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
        batcher.add(entry(root, target));
      } else if (!recursive) {
        for (Path child : sortedChildren(target)) {
          if (!batcher.add(entry(root, child))) {
            break;
          }
        }
      } else {
        walk(root, target, batcher);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    batcher.flush();
  }

  private static void walk(Path root, Path dir, Batcher batcher) throws IOException {
    for (Path child : sortedChildren(dir)) {
      if (!batcher.add(entry(root, child))) {
        return;
      }
      if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
        walk(root, child, batcher);
        if (batcher.full()) {
          return;
        }
      }
    }
  }

  private static List<Path> sortedChildren(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    }
  }

  static FileEntry entry(Path root, Path file) throws IOException {
    BasicFileAttributes a =
        Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    FileEntry.FileType type;
    if (a.isDirectory()) {
      type = FileEntry.FileType.DIRECTORY;
    } else if (a.isSymbolicLink()) {
      type = FileEntry.FileType.SYMLINK;
    } else if (a.isRegularFile()) {
      type = FileEntry.FileType.FILE;
    } else {
      type = special(file);
    }
    return FileEntry.newBuilder()
        .setPath(VolumePath.relative(root, file))
        .setType(type)
        .setMtime(Math.max(0, a.lastModifiedTime().toMillis() / 1000))
        .setSize(a.isDirectory() ? 0 : a.size())
        .build();
  }

  private static FileEntry.FileType special(Path file) {
    try {
      Object mode = Files.getAttribute(file, "unix:mode", LinkOption.NOFOLLOW_LINKS);
      int fmt = ((Integer) mode) & 0170000;
      if (fmt == 0010000) {
        return FileEntry.FileType.FIFO;
      }
      if (fmt == 0140000) {
        return FileEntry.FileType.SOCKET;
      }
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      // not a Unix file system: unknown kind
    }
    return FileEntry.FileType.UNSPECIFIED;
  }

  /** Collects entries into batches, up to a limit. */
  private static final class Batcher {
    private final Consumer<List<FileEntry>> out;
    private final int max;
    private List<FileEntry> batch = new ArrayList<>();
    private int count;

    Batcher(Consumer<List<FileEntry>> out, int max) {
      this.out = out;
      this.max = max;
    }

    boolean full() {
      return max > 0 && count >= max;
    }

    /** Adds one entry; false once the limit is reached. */
    boolean add(FileEntry e) {
      if (full()) {
        return false;
      }
      batch.add(e);
      count++;
      if (batch.size() == BATCH) {
        out.accept(batch);
        batch = new ArrayList<>();
      }
      return !full();
    }

    void flush() {
      if (!batch.isEmpty()) {
        out.accept(batch);
        batch = new ArrayList<>();
      }
    }
  }
}
