package dev.modal4j.testing.sandboxes.backend;

import java.io.IOException;
import java.util.function.Consumer;

/**
 * Builds image layers for real, for the emulator's ImageGetOrCreate: a backend that has one builds
 * each layer when it is defined, and its sandboxes then start from the result as from a local
 * image. Images it builds stay until {@link #remove(String)} or the backend closes.
 */
public interface ImageBuilder {

  /**
   * Builds {@code layer} on {@code base} (a reference {@link #build} returned, or a registry tag,
   * which the builder resolves as its sandboxes do: nothing is pulled), handing each line of the
   * build's output to {@code output} as it is printed.
   *
   * @param force build again even when this layer over this base was built before
   * @return the reference of the built image, to start sandboxes from or build on
   * @throws ImageBuildFailure if a command of the layer fails
   * @throws IOException if the build cannot be run
   */
  String build(String base, ImageLayer layer, boolean force, Consumer<String> output)
      throws IOException;

  /** Removes an image {@link #build} made (not those it was built on); must not throw. */
  void remove(String reference);
}
