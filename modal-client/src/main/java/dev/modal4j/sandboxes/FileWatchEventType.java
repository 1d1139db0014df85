package dev.modal4j.sandboxes;

/**
 * The kind of a {@link FileWatchEvent}. Renames are reported as {@link #MODIFY}, with the source
 * and destination paths when both are watched.
 */
public enum FileWatchEventType {
  /** A file was read or closed. */
  ACCESS,
  /** A file or directory was created. */
  CREATE,
  /** Contents, metadata or name changed. */
  MODIFY,
  /** A file or directory was removed. */
  REMOVE,
  /** Something else happened. */
  UNKNOWN;

  /** The name Modal's filesystem tool uses ({@code Access}, {@code Create}, ...). */
  String wireName() {
    return switch (this) {
      case ACCESS -> "Access";
      case CREATE -> "Create";
      case MODIFY -> "Modify";
      case REMOVE -> "Remove";
      case UNKNOWN -> "Unknown";
    };
  }
}
