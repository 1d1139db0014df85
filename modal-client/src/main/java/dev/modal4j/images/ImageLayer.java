package dev.modal4j.images;

import java.util.List;

/** One layer of an {@link Image}: Dockerfile commands and their options. */
final class ImageLayer {
  final List<String> commands;
  final DockerfileParams params;

  ImageLayer(List<String> commands, DockerfileParams params) {
    this.commands = List.copyOf(commands);
    this.params = params;
  }
}
