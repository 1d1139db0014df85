package dev.modal4j.internal.options;

import dev.modal4j.proto.VolumeMount;
import dev.modal4j.volumes.Volume;

/** The VolumeMount message of a volume mounted at a path, with its mount options. */
public final class VolumeMounts {
  private VolumeMounts() {}

  /**
   * {@code volume} mounted at {@code path}: background commits on (as Modal's SDKs send), its
   * read-only flag, and its sub path when it has one.
   */
  public static VolumeMount.Builder of(String path, Volume volume) {
    VolumeMount.Builder b =
        VolumeMount.newBuilder()
            .setVolumeId(volume.volumeId())
            .setMountPath(path)
            .setAllowBackgroundCommits(true)
            .setReadOnly(volume.isReadOnly());
    volume.subPath().ifPresent(b::setSubPath);
    return b;
  }
}
