package dev.modal4j.testing.mounts;

import java.util.List;

/**
 * A mount as the emulator keeps it: its files in the order they were listed.
 *
 * @param mountId the mount's id ({@code mo-...})
 * @param files its files, each with its own copy of the content
 * @param checksum a hex SHA-256 over the sorted file list (path, content hash, mode)
 */
public record EmulatedMount(String mountId, List<MountedFile> files, String checksum) {

  /** Copies the file list. */
  public EmulatedMount {
    files = List.copyOf(files);
  }
}
