package dev.modal4j.testing.sandboxes.process;

import dev.modal4j.testing.sandboxes.backend.ImageSource;
import dev.modal4j.testing.sandboxes.backend.SandboxImages;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Snapshots and mounts of one process sandbox, done on its directory: a sandbox path is that path
 * under the sandbox's root (as its processes see it under bubblewrap; without bubblewrap they see
 * host paths, so a mount shows only to programs that use paths under {@code $HOME}). A filesystem
 * snapshot copies the whole root (volumes are binds and stay out); a mount moves what the path held
 * aside, outside the root, and copies the image's saved tree in.
 */
final class ProcessSandboxImages implements SandboxImages {
  private final ProcessImages images;
  private final Path root;
  private final String key;
  private final Set<String> mounted = ConcurrentHashMap.newKeySet();

  ProcessSandboxImages(ProcessImages images, Path root) {
    this.images = images;
    this.root = root;
    this.key = root.getFileName().toString();
  }

  @Override
  public void commit(String reference) throws IOException {
    images.save(root, reference);
  }

  @Override
  public void commitDirectory(String path, String reference) throws IOException {
    images.save(directory(path, false), reference);
  }

  @Override
  public void mount(String path, Optional<ImageSource> image) throws IOException {
    Path dir = directory(path, true);
    Path aside = images.aside(key, dir.toString());
    if (mounted.add(dir.toString())) {
      Trees.moveContents(dir, aside);
    } else {
      Trees.clear(dir);
    }
    Optional<Path> tree = image.flatMap(images::forMount);
    if (tree.isPresent()) {
      Trees.copyContents(tree.get(), dir);
    }
  }

  @Override
  public void unmount(String path) throws IOException {
    Path dir = inside(path);
    if (!mounted.remove(dir.toString())) {
      throw new FileSystemException(path, null, "no image is mounted there");
    }
    Path aside = images.aside(key, dir.toString());
    Trees.clear(dir);
    Trees.moveContents(aside, dir);
    Directories.deleteRecursively(aside);
  }

  private Path directory(String path, boolean create) throws IOException {
    Path dir = inside(path);
    if (create) {
      try {
        Files.createDirectories(dir);
      } catch (FileSystemException e) {
        // Not a directory: said below.
      }
    }
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      throw new NoSuchFileException(path);
    }
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      throw new NotDirectoryException(path);
    }
    return dir;
  }

  private Path inside(String path) throws IOException {
    Path dir = root.resolve(path.replaceFirst("^/+", "")).normalize();
    if (!dir.startsWith(root)) {
      throw new NoSuchFileException(path);
    }
    return dir;
  }
}
