package dev.modal4j.testing.volumes;

import io.grpc.Status;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * VolumeRemoveFile(2) and VolumeCopyFiles(2). Remove takes a file, or a directory with {@code
 * recursive}. Copy follows {@code cp}: into {@code dst_path} when it is a directory (made when
 * several sources are given), else onto it; directories only with {@code recursive} (v2).
 */
final class VolumeEdits {
  private final VolumeRoots roots;
  private final FilePlacer placer;

  VolumeEdits(VolumeRoots roots, FilePlacer placer) {
    this.roots = roots;
    this.placer = placer;
  }

  void remove(String volumeId, String path, boolean recursive, int family, String rpc) {
    Path root = roots.root(volumeId, family, rpc);
    String rel = VolumePath.normalize(path);
    Path target = VolumePath.resolve(root, rel);
    if (!VolumeRoots.exists(target)) {
      throw VolumeRoots.notFound(path);
    }
    VolumePath.requireInside(root, rel.isEmpty() ? root : target.getParent(), path);
    try {
      if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
        if (!recursive) {
          throw VolumePath.invalid("'" + path + "' is a directory; remove it with recursive set");
        }
        deleteTree(target, !rel.isEmpty());
      } else {
        Files.delete(target);
      }
    } catch (DirectoryNotEmptyException e) {
      throw Status.ABORTED
          .withDescription("'" + path + "' changed while it was removed")
          .asRuntimeException();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void copy(
      String volumeId,
      List<String> srcPaths,
      String dstPath,
      boolean recursive,
      int family,
      String rpc) {
    Path root = roots.root(volumeId, family, rpc);
    if (family == 1 && recursive) {
      throw VolumePath.invalid("recursive copies are not supported for v1 volumes");
    }
    if (srcPaths.isEmpty()) {
      throw VolumePath.invalid("src_paths must name at least one path");
    }
    String dstRel = VolumePath.normalize(dstPath);
    Path dst = VolumePath.resolve(root, dstRel);
    VolumePath.requireInside(root, dst, dstPath);
    List<Path> sources = new ArrayList<>();
    for (String src : srcPaths) {
      String rel = VolumePath.normalize(src);
      Path p = VolumePath.resolve(root, rel);
      if (!VolumeRoots.exists(p)) {
        throw VolumeRoots.notFound(src);
      }
      VolumePath.requireInside(root, p, src);
      if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
        if (!recursive) {
          throw VolumePath.invalid("'" + src + "' is a directory; copy it with recursive set");
        }
        if (dst.startsWith(p)) {
          throw VolumePath.invalid("cannot copy '" + src + "' into itself ('" + dstPath + "')");
        }
      }
      sources.add(p);
    }
    boolean intoDir =
        Files.isDirectory(dst, LinkOption.NOFOLLOW_LINKS)
            || sources.size() > 1
            || dstPath.endsWith("/");
    try {
      if (intoDir) {
        if (VolumeRoots.exists(dst) && !Files.isDirectory(dst, LinkOption.NOFOLLOW_LINKS)) {
          throw VolumePath.invalid("target '" + dstPath + "' is not a directory");
        }
        Files.createDirectories(dst);
      }
      for (Path src : sources) {
        Path to = intoDir ? dst.resolve(src.getFileName().toString()) : dst;
        if (to.equals(src)) {
          throw VolumePath.invalid(
              "'" + VolumePath.relative(root, src) + "' and '" + dstPath + "' are the same file");
        }
        copyOne(root, src, to);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void copyOne(Path root, Path src, Path to) throws IOException {
    if (!Files.isDirectory(src, LinkOption.NOFOLLOW_LINKS)) {
      copyFile(root, src, to);
      return;
    }
    if (VolumeRoots.exists(to) && !Files.isDirectory(to, LinkOption.NOFOLLOW_LINKS)) {
      throw VolumePath.invalid(
          "cannot overwrite non-directory '"
              + VolumePath.relative(root, to)
              + "' with a directory");
    }
    Files.walkFileTree(
        src,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            Files.createDirectories(to.resolve(src.relativize(dir).toString()));
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            copyFile(root, file, to.resolve(src.relativize(file).toString()));
            return FileVisitResult.CONTINUE;
          }
        });
  }

  private void copyFile(Path root, Path src, Path to) throws IOException {
    if (Files.isDirectory(to, LinkOption.NOFOLLOW_LINKS)) {
      throw VolumePath.invalid(
          "cannot overwrite directory '" + VolumePath.relative(root, to) + "' with a file");
    }
    Path tmp = placer.temporary();
    Files.copy(src, tmp, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
    String rel = VolumePath.relative(root, to);
    if (Files.isSymbolicLink(tmp)) {
      Files.createDirectories(to.getParent());
      Files.move(tmp, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return;
    }
    int mode = FilePlacer.DEFAULT_MODE;
    try {
      mode = ((Integer) Files.getAttribute(src, "unix:mode")) & 07777;
    } catch (UnsupportedOperationException | IllegalArgumentException e) {
      // not a Unix file system: the default mode
    }
    placer.place(tmp, root, rel, rel, mode, true);
  }

  private static void deleteTree(Path dir, boolean includingDir) throws IOException {
    Files.walkFileTree(
        dir,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.deleteIfExists(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
            if (e != null) {
              throw e;
            }
            if (includingDir || !d.equals(dir)) {
              Files.deleteIfExists(d);
            }
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
