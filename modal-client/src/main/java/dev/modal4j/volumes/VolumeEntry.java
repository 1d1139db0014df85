package dev.modal4j.volumes;

import dev.modal4j.proto.FileEntry;
import java.time.Instant;
import java.util.Objects;

/** A file or directory of a volume, from {@link Volume#listFiles(String)}. */
public final class VolumeEntry {
  private final String path;
  private final VolumeEntryType type;
  private final Instant mtime;
  private final long size;

  private VolumeEntry(String path, VolumeEntryType type, Instant mtime, long size) {
    this.path = path;
    this.type = type;
    this.mtime = mtime;
    this.size = size;
  }

  static VolumeEntry of(FileEntry e) {
    return new VolumeEntry(
        e.getPath(),
        VolumeEntryType.of(e.getTypeValue()),
        Instant.ofEpochSecond(e.getMtime()),
        e.getSize());
  }

  /** The path inside the volume, relative to its root (no leading slash), as Modal reports it. */
  public String path() {
    return path;
  }

  /** File, directory, symlink, ... */
  public VolumeEntryType type() {
    return type;
  }

  /** When the entry was last modified (whole seconds). */
  public Instant mtime() {
    return mtime;
  }

  /** The size in bytes (for a directory, whatever Modal reports). */
  public long size() {
    return size;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof VolumeEntry)) {
      return false;
    }
    VolumeEntry e = (VolumeEntry) o;
    return e.path.equals(path) && e.type == type && e.mtime.equals(mtime) && e.size == size;
  }

  @Override
  public int hashCode() {
    return Objects.hash(path, type, mtime, size);
  }

  @Override
  public String toString() {
    return "VolumeEntry{" + path + ", " + type + ", " + size + " bytes, mtime=" + mtime + "}";
  }
}
