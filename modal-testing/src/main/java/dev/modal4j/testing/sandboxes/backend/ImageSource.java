package dev.modal4j.testing.sandboxes.backend;

import java.util.List;

/**
 * An image as a backend finds it: a reference (a registry tag, or an image the backend saved) and
 * the layers built over it.
 *
 * @param reference the image reference
 * @param layers the layers over it, oldest first (empty for an image the backend saved)
 */
public record ImageSource(String reference, List<ImageLayer> layers) {

  /** Copies the layers. */
  public ImageSource {
    layers = List.copyOf(layers);
  }
}
