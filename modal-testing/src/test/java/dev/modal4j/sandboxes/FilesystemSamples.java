package dev.modal4j.sandboxes;

import java.time.Instant;
import java.util.List;

/** Values of the filesystem types only the SDK makes, for the reflective sweeps. */
public final class FilesystemSamples {
  private FilesystemSamples() {}

  /** A file's metadata. */
  public static FileInfo fileInfo() {
    return new FileInfo(
        "a.txt",
        "/tmp/a.txt",
        FileType.FILE,
        1,
        0100644,
        "0644",
        "root",
        "root",
        Instant.EPOCH,
        null);
  }

  /** A create event. */
  public static FileWatchEvent event() {
    return new FileWatchEvent(FileWatchEventType.CREATE, List.of("/tmp/a.txt"));
  }
}
