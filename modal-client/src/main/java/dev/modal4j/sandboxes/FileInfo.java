package dev.modal4j.sandboxes;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A file, directory or symlink in a sandbox, from {@link SandboxFilesystem#stat(String)} and {@link
 * SandboxFilesystem#listFiles(String)}. A symlink is described itself, not its target.
 */
public final class FileInfo {
  private final String name;
  private final String path;
  private final FileType type;
  private final long size;
  private final int mode;
  private final String permissions;
  private final String owner;
  private final String group;
  private final Instant modifiedTime;
  private final String symlinkTarget;

  FileInfo(
      String name,
      String path,
      FileType type,
      long size,
      int mode,
      String permissions,
      String owner,
      String group,
      Instant modifiedTime,
      String symlinkTarget) {
    this.name = name;
    this.path = path;
    this.type = type;
    this.size = size;
    this.mode = mode;
    this.permissions = permissions;
    this.owner = owner;
    this.group = group;
    this.modifiedTime = modifiedTime;
    this.symlinkTarget = symlinkTarget;
  }

  /** The last path component. */
  public String name() {
    return name;
  }

  /** The absolute path in the sandbox. */
  public String path() {
    return path;
  }

  /** File, directory or symlink. */
  public FileType type() {
    return type;
  }

  /** Size in bytes (of the link itself for a symlink). */
  public long size() {
    return size;
  }

  /** The raw {@code st_mode}: file type bits and permission bits. */
  public int mode() {
    return mode;
  }

  /** The permission bits as four octal digits, {@code "0644"}. */
  public String permissions() {
    return permissions;
  }

  /** The owner's user name (or uid when it has none). */
  public String owner() {
    return owner;
  }

  /** The group's name (or gid when it has none). */
  public String group() {
    return group;
  }

  /** When the contents last changed. */
  public Instant modifiedTime() {
    return modifiedTime;
  }

  /** Where a symlink points, as written in the link (maybe relative); empty for anything else. */
  public Optional<String> symlinkTarget() {
    return Optional.ofNullable(symlinkTarget);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FileInfo f
        && f.size == size
        && f.mode == mode
        && f.name.equals(name)
        && f.path.equals(path)
        && f.type == type
        && f.permissions.equals(permissions)
        && f.owner.equals(owner)
        && f.group.equals(group)
        && f.modifiedTime.equals(modifiedTime)
        && Objects.equals(f.symlinkTarget, symlinkTarget);
  }

  @Override
  public int hashCode() {
    return Objects.hash(path, type, size, mode, modifiedTime);
  }

  @Override
  public String toString() {
    return "FileInfo{"
        + path
        + ", "
        + type
        + ", "
        + size
        + " bytes, "
        + permissions
        + " "
        + owner
        + ":"
        + group
        + (symlinkTarget == null ? "" : " -> " + symlinkTarget)
        + "}";
  }
}
