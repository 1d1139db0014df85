package dev.modal4j.volumes;

/** What a {@link VolumeEntry} is, as Modal reports it. */
public enum VolumeEntryType {
  /** Modal did not say. */
  UNSPECIFIED,
  /** A regular file. */
  FILE,
  /** A directory. */
  DIRECTORY,
  /** A symbolic link (described itself, not its target). */
  SYMLINK,
  /** A named pipe. */
  FIFO,
  /** A Unix domain socket. */
  SOCKET;

  static VolumeEntryType of(int wire) {
    VolumeEntryType[] all = values();
    return wire > 0 && wire < all.length ? all[wire] : UNSPECIFIED;
  }
}
