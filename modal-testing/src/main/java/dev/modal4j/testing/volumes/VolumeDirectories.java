package dev.modal4j.testing.volumes;

import java.nio.file.Path;

/**
 * Where the emulator keeps volume files on the host: the same directories the sandbox backends
 * mount, so the files API and sandboxes see one file tree.
 */
public interface VolumeDirectories {

  /** The host directory holding the files of {@code volumeId}, created if missing. */
  Path volume(String volumeId);

  /** A directory of the emulator's own on the same file system, created if missing. */
  Path scratch(String name);
}
