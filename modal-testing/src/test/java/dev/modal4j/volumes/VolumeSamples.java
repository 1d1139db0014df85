package dev.modal4j.volumes;

import dev.modal4j.proto.FileEntry;

/** Values of the volumes package that only Modal's answers make, for the public-API sweeps. */
public final class VolumeSamples {
  private VolumeSamples() {}

  /** A listed file. */
  public static VolumeEntry entry() {
    return VolumeEntry.of(
        FileEntry.newBuilder()
            .setPath("data/a.txt")
            .setType(FileEntry.FileType.FILE)
            .setMtime(1_700_000_000L)
            .setSize(5)
            .build());
  }
}
