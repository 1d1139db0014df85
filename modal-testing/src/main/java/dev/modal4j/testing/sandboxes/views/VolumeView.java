package dev.modal4j.testing.sandboxes.views;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.Map;
import java.util.Optional;

/**
 * One container's view of one volume mount: a directory of its own that the container mounts,
 * holding a copy of the volume's committed directory (or of a sub path of it) as it was at the
 * view's last refresh, and the manifest of that moment, from which a commit tells what the
 * container changed since. Not thread safe: {@link VolumeViews} serialises its calls per volume.
 */
final class VolumeView {
  private final String volumeId;
  private final Path committed;
  private final Path dir;
  private final boolean readOnly;
  private FileManifest atRefresh = FileManifest.empty();

  VolumeView(String volumeId, Path committed, Path dir, boolean readOnly) {
    this.volumeId = volumeId;
    this.committed = committed;
    this.dir = dir;
    this.readOnly = readOnly;
  }

  String volumeId() {
    return volumeId;
  }

  /** The directory the container mounts. */
  Path directory() {
    return dir;
  }

  boolean readOnly() {
    return readOnly;
  }

  /**
   * Applies what changed in the view since its last refresh to the committed directory: new and
   * modified entries are copied over, entries deleted in the view are deleted there (whoever wrote
   * them). A read-only view commits nothing.
   *
   * @return how many entries it wrote or deleted
   */
  int commit() throws IOException {
    if (readOnly) {
      return 0;
    }
    FileManifest now = FileManifest.scan(dir);
    int edits = 0;
    for (String path : atRefresh.entries().keySet()) {
      if (now.get(path).isPresent() || parentGone(path, now)) {
        continue;
      }
      Optional<Path> target = TreeEdits.inside(committed, path, false);
      if (target.isPresent()) {
        TreeEdits.deleteTree(target.get());
        edits++;
      }
    }
    Files.createDirectories(committed);
    for (Map.Entry<String, FileManifest.Entry> e : now.entries().entrySet()) {
      FileManifest.Entry current = e.getValue();
      Optional<FileManifest.Entry> before = atRefresh.get(e.getKey());
      if (before.isPresent() && current.unchangedSince(before.get())) {
        continue;
      }
      Optional<Path> target = TreeEdits.inside(committed, e.getKey(), true);
      if (target.isPresent()) {
        TreeEdits.copyEntry(dir.resolve(e.getKey()), target.get(), current.kind());
        edits++;
      }
    }
    atRefresh = now;
    return edits;
  }

  /** Whether the directory holding {@code path} was deleted too (its deletion covers this one). */
  private boolean parentGone(String path, FileManifest now) {
    Optional<String> parent = FileManifest.parent(path);
    return parent.isPresent()
        && atRefresh.get(parent.get()).isPresent()
        && now.get(parent.get()).isEmpty();
  }

  /**
   * Makes the view's contents equal to the committed directory, in place (the directory itself
   * stays: a running container has it mounted): entries the committed tree lacks, or has as another
   * kind, are deleted; entries whose size or modification time differ are copied; then the manifest
   * is taken anew.
   *
   * @return how many entries it wrote or deleted
   */
  int refresh() throws IOException {
    FileManifest source = FileManifest.scan(committed);
    FileManifest mine = FileManifest.scan(dir);
    int edits = 0;
    for (Map.Entry<String, FileManifest.Entry> e : mine.entries().entrySet()) {
      Optional<FileManifest.Entry> wanted = source.get(e.getKey());
      if (wanted.isPresent() && wanted.get().kind() == e.getValue().kind()) {
        continue;
      }
      Optional<Path> target = TreeEdits.inside(dir, e.getKey(), false);
      if (target.isPresent() && Files.exists(target.get(), LinkOption.NOFOLLOW_LINKS)) {
        TreeEdits.deleteTree(target.get());
        edits++;
      }
    }
    if (edits > 0) {
      mine = FileManifest.scan(dir);
    }
    for (Map.Entry<String, FileManifest.Entry> e : source.entries().entrySet()) {
      Optional<FileManifest.Entry> have = mine.get(e.getKey());
      if (have.isPresent()
          && (e.getValue().kind() == FileManifest.Kind.DIRECTORY
              ? have.get().kind() == FileManifest.Kind.DIRECTORY
              : have.get().sameContentAs(e.getValue()))) {
        continue;
      }
      Optional<Path> target = TreeEdits.inside(dir, e.getKey(), true);
      if (target.isPresent()) {
        TreeEdits.copyEntry(committed.resolve(e.getKey()), target.get(), e.getValue().kind());
        edits++;
      }
    }
    copyPermissions();
    atRefresh = FileManifest.scan(dir);
    return edits;
  }

  /**
   * The view's root has the committed directory's owner and permissions, as a mount of it would.
   */
  private void copyPermissions() throws IOException {
    if (!Files.isDirectory(committed)) {
      return;
    }
    PosixFileAttributeView from =
        Files.getFileAttributeView(committed, PosixFileAttributeView.class);
    PosixFileAttributeView to = Files.getFileAttributeView(dir, PosixFileAttributeView.class);
    if (from == null || to == null) {
      return;
    }
    var attrs = from.readAttributes();
    if (!to.readAttributes().permissions().equals(attrs.permissions())) {
      to.setPermissions(attrs.permissions());
    }
  }

  /** What the view held at its last refresh or commit: entries and bytes of regular files. */
  FileManifest lastManifest() {
    return atRefresh;
  }
}
