package dev.modal4j.sandboxes;

import java.util.List;
import java.util.Objects;

/**
 * One change seen by {@link SandboxFilesystem#watch(String, WatchParams)}: its kind and the
 * absolute sandbox paths it concerns (usually one; a rename within the watched scope has two, the
 * source then the destination).
 */
public final class FileWatchEvent {
  private final FileWatchEventType type;
  private final List<String> paths;

  FileWatchEvent(FileWatchEventType type, List<String> paths) {
    this.type = type;
    this.paths = List.copyOf(paths);
  }

  /** The kind of change. */
  public FileWatchEventType type() {
    return type;
  }

  /** The paths it concerns, never empty. */
  public List<String> paths() {
    return paths;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FileWatchEvent e && e.type == type && e.paths.equals(paths);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, paths);
  }

  @Override
  public String toString() {
    return "FileWatchEvent{" + type + " " + paths + "}";
  }
}
