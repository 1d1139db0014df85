package dev.modal4j.images;

/**
 * Hears an image's build log as Modal streams it, for {@link Image#build(dev.modal4j.apps.App,
 * ImageBuildListener)}: each chunk of output of each layer's build, in order, as it arrives. Called
 * on an SDK thread; it should return quickly and must not block on the build it hears.
 *
 * <pre>{@code
 * image.build(app, System.out::print);
 * }</pre>
 *
 * <p>The same lines also go to SLF4J at INFO, logger {@value #LOGGER}.
 */
@FunctionalInterface
public interface ImageBuildListener {
  /** The SLF4J logger the SDK writes build log lines to, at INFO. */
  String LOGGER = "dev.modal4j.images.ImageBuild";

  /** Hears nothing. */
  ImageBuildListener NONE = data -> {};

  /**
   * One chunk of build output, as Modal sent it (usually one or more lines ending in a newline).
   *
   * @param data the output
   */
  void onLog(String data);
}
