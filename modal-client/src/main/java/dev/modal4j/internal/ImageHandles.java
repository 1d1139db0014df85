package dev.modal4j.internal;

import dev.modal4j.images.Image;
import java.util.function.BiFunction;

/**
 * Makes an {@link Image} handle for an image Modal has already built (a snapshot's), without an
 * RPC, from outside {@code dev.modal4j.images}, whose constructor stays package-private. {@code
 * Images} registers the factory when its class is initialised.
 */
public final class ImageHandles {
  private static volatile BiFunction<ClientContext, String, Image> factory;

  private ImageHandles() {}

  /**
   * Called once, by {@code Images}'s static initialiser; later calls are ignored.
   *
   * @param make makes a handle of a built image from the client's context and the image's id
   */
  public static synchronized void register(BiFunction<ClientContext, String, Image> make) {
    if (factory == null) {
      factory = make;
    }
  }

  /** A handle of the built image {@code imageId}. */
  public static Image built(ClientContext context, String imageId) {
    if (factory == null) {
      try {
        Class.forName("dev.modal4j.images.Images", true, ImageHandles.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException("dev.modal4j.images.Images is missing", e);
      }
    }
    return factory.apply(context, imageId);
  }
}
