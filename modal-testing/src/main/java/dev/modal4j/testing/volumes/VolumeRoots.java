package dev.modal4j.testing.volumes;

import dev.modal4j.testing.classes.VolumeStore;
import io.grpc.Status;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the host directory of a volume named by a files RPC: NOT_FOUND for an unknown volume,
 * FAILED_PRECONDITION when the RPC belongs to the other file-system version's family.
 */
final class VolumeRoots {
  private final VolumeStore volumes;
  private final VolumeDirectories directories;

  VolumeRoots(VolumeStore volumes, VolumeDirectories directories) {
    this.volumes = volumes;
    this.directories = directories;
  }

  /** The root of {@code volumeId}, served by an RPC of {@code family} (1, 2, or 0 for both). */
  Path root(String volumeId, int family, String rpc) {
    if (volumeId.isEmpty()) {
      throw VolumePath.invalid("volume_id is required");
    }
    int version =
        volumes
            .version(volumeId)
            .orElseThrow(
                () ->
                    Status.NOT_FOUND
                        .withDescription("Volume '" + volumeId + "' not found")
                        .asRuntimeException());
    if (family != 0 && family != version) {
      throw Status.FAILED_PRECONDITION
          .withDescription(
              rpc
                  + " is not supported for a v"
                  + version
                  + " volume ("
                  + volumeId
                  + "); use the v"
                  + version
                  + " variant")
          .asRuntimeException();
    }
    return directories.volume(volumeId);
  }

  /** The file-system version (1 or 2) of a live volume. */
  int version(String volumeId) {
    return volumes
        .version(volumeId)
        .orElseThrow(
            () ->
                Status.NOT_FOUND
                    .withDescription("Volume '" + volumeId + "' not found")
                    .asRuntimeException());
  }

  /** The host file a download URL names, if the volume and a regular file there exist. */
  Optional<Path> downloadable(String volumeId, String path) {
    if (volumes.version(volumeId).isEmpty()) {
      return Optional.empty();
    }
    Path root = directories.volume(volumeId);
    String rel = VolumePath.normalize(path);
    Path host = VolumePath.resolve(root, rel);
    VolumePath.requireInside(root, host, path);
    return Files.isRegularFile(host) ? Optional.of(host) : Optional.empty();
  }

  static boolean exists(Path p) {
    return Files.exists(p, LinkOption.NOFOLLOW_LINKS);
  }

  static RuntimeException notFound(String path) {
    return Status.NOT_FOUND
        .withDescription("No such file or directory: '" + path + "'")
        .asRuntimeException();
  }
}
