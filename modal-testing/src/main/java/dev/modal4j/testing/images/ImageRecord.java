package dev.modal4j.testing.images;

import java.util.List;

/**
 * One built image: the registry tag its first layer starts {@code FROM}, and the commands of every
 * layer after their {@code FROM} lines, oldest layer first. That is all a backend needs to run it.
 *
 * @param imageId the image's {@code im-} id
 * @param appId the app it was built in
 * @param registryTag the registry reference the image descends from, such as {@code alpine:3.21}
 * @param commands the Dockerfile commands of all layers, in order, without their {@code FROM} lines
 * @param builderVersion the image builder version it was built with
 */
public record ImageRecord(
    String imageId,
    String appId,
    String registryTag,
    List<String> commands,
    String builderVersion) {

  /** Copies the commands. */
  public ImageRecord {
    commands = List.copyOf(commands);
  }
}
