package dev.modal4j.sandboxes;

/**
 * What a sandbox path is, as {@link FileInfo#type()} reports it (a symlink itself, not its target).
 */
public enum FileType {
  /** A regular file (or anything that is neither a directory nor a symlink). */
  FILE,
  /** A directory. */
  DIRECTORY,
  /** A symbolic link; {@link FileInfo#symlinkTarget()} holds where it points. */
  SYMLINK
}
