package dev.modal4j.testing.sandboxes.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.modal4j.testing.sandboxes.backend.ImageSource;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The images the container backend saves for snapshots (committed containers, imported directory
 * trees) and copies into containers for image mounts; {@link #close(Set)} removes them, and the
 * layer images the backend built, when the emulator closes (those a container still uses stay).
 *
 * <p>A mount copies the image's files: a stopped helper container is created from the image, its
 * tree is read through the engine's archive API (without the entries the engine itself adds to
 * every container: {@code /dev}, {@code /proc}, {@code /sys}, {@code /.dockerenv} and {@code
 * /etc/hosts}, {@code /etc/hostname}, {@code /etc/resolv.conf}) and written into the sandbox's
 * container at the mount path.
 */
final class DockerImages {
  private static final Logger log = LoggerFactory.getLogger(DockerImages.class);

  private final DockerClient client;
  private final java.net.URI engine;
  private final String baseImage;
  private final LayerBuilder layers;
  private final Map<String, String> helperLabels;
  private static final long CLOSE_GRACE_NANOS = 3_000_000_000L;

  private final Set<String> saved = ConcurrentHashMap.newKeySet();

  DockerImages(
      DockerClient client,
      java.net.URI engine,
      String baseImage,
      LayerBuilder layers,
      Map<String, String> labels) {
    this.client = client;
    this.engine = engine;
    this.baseImage = baseImage;
    this.layers = layers;
    this.helperLabels = Map.copyOf(labels);
  }

  /** Commits the container as {@code reference}, with the environment of its image only. */
  void commit(String containerId, String reference) throws IOException {
    String[] parts = split(reference);
    try {
      String imageId = client.inspectContainerCmd(containerId).exec().getImageId();
      InspectImageResponse image = client.inspectImageCmd(imageId).exec();
      String[] env =
          image.getConfig() == null || image.getConfig().getEnv() == null
              ? new String[0]
              : image.getConfig().getEnv();
      client
          .commitCmd(containerId)
          .withRepository(parts[0])
          .withTag(parts[1])
          .withEnv(env)
          .withPause(true)
          .exec();
      saved.add(reference);
    } catch (DockerException | IllegalStateException e) {
      throw new IOException(
          "committing container " + containerId + " failed: " + e.getMessage(), e);
    }
  }

  /** Imports a tar file of a directory tree (its root = the image's root) as {@code reference}. */
  void importTree(Path tar, String reference) throws IOException {
    String[] parts = split(reference);
    String path =
        "/images/create?fromSrc=-&repo="
            + URLEncoder.encode(parts[0], StandardCharsets.UTF_8)
            + "&tag="
            + URLEncoder.encode(parts[1], StandardCharsets.UTF_8);
    try (EngineConnection connection = EngineConnection.open(engine)) {
      connection.post(path, "application/x-tar", tar);
      saved.add(reference);
    } catch (IOException e) {
      throw new IOException("importing image " + reference + " failed: " + e.getMessage(), e);
    }
  }

  /** Copies the files of {@code image} into {@code containerId} at {@code path} (a directory). */
  void copyInto(ImageSource image, String containerId, String path) throws IOException {
    String source = runnable(image);
    String helper;
    try {
      helper =
          client
              .createContainerCmd(source)
              .withEntrypoint("/.modal4j-never-run")
              .withLabels(helperLabels)
              .exec()
              .getId();
    } catch (DockerException | IllegalStateException e) {
      throw new IOException("reading image " + image.reference() + " failed: " + e.getMessage(), e);
    }
    // read, filtered and written at once: a pipe between the engine's two archive calls
    java.io.PipedInputStream filtered = new java.io.PipedInputStream(1 << 20);
    java.util.concurrent.atomic.AtomicReference<Throwable> failure =
        new java.util.concurrent.atomic.AtomicReference<>();
    java.io.PipedOutputStream sink = new java.io.PipedOutputStream(filtered);
    Thread reader =
        new Thread(
            () -> {
              try (InputStream in = client.copyArchiveFromContainerCmd(helper, "/.").exec();
                  sink) {
                ImageTars.withoutEngineEntries(in, sink);
              } catch (IOException | RuntimeException e) {
                failure.set(e);
              }
            },
            "modal4j-mount-" + containerId.substring(0, 12));
    reader.setDaemon(true);
    reader.start();
    try (InputStream in = filtered) {
      client
          .copyArchiveToContainerCmd(containerId)
          .withRemotePath(path)
          .withTarInputStream(in)
          .exec();
    } catch (DockerException | IllegalStateException e) {
      throw new IOException("copying image " + image.reference() + " failed: " + e.getMessage(), e);
    } finally {
      try {
        reader.join(60_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      try {
        client.removeContainerCmd(helper).withForce(true).exec();
      } catch (DockerException | IllegalStateException e) {
        log.warn("removing helper container {} failed: {}", helper, e.toString());
      }
    }
    if (failure.get() != null) {
      throw new IOException(
          "reading image " + image.reference() + " failed: " + failure.get().getMessage(),
          failure.get());
    }
  }

  /** A local image holding {@code image}: a saved one, a local tag, or the base image, built. */
  private String runnable(ImageSource image) throws IOException {
    String reference = image.reference();
    String local = saved.contains(reference) || exists(reference) ? reference : baseImage;
    if (image.layers().isEmpty()) {
      return local;
    }
    try {
      return layers.build(local, image.layers());
    } catch (IOException e) {
      if (local.equals(reference)) {
        throw e;
      }
      log.warn("the layers of {} do not build on {}; mounting {}", reference, local, local);
      return local;
    }
  }

  private boolean exists(String reference) {
    try {
      client.inspectImageCmd(reference).exec();
      return true;
    } catch (NotFoundException e) {
      return false;
    } catch (DockerException | IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * Removes the saved images, then {@code built} (the layer images this backend built), skipping
   * any a container still uses; must not throw.
   */
  void close(Set<String> built) {
    List<String> order = new ArrayList<>(saved);
    order.addAll(built);
    // containers of this backend may still be on their way out: images they hold get a moment
    long deadline = System.nanoTime() + CLOSE_GRACE_NANOS;
    for (String reference : order) {
      while (!remove(reference) && System.nanoTime() - deadline < 0) {
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
    saved.clear();
  }

  /** Removes one image; false when a container still uses it (it stays). */
  private boolean remove(String reference) {
    try {
      client.removeImageCmd(reference).withForce(false).exec();
      return true;
    } catch (NotFoundException e) {
      return true;
    } catch (ConflictException e) {
      log.debug("image {} is still in use: {}", reference, e.getMessage());
      return false;
    } catch (DockerException | IllegalStateException e) {
      log.warn("removing image {} failed: {}", reference, e.toString());
      return true;
    }
  }

  private static String[] split(String reference) {
    int colon = reference.lastIndexOf(':');
    if (colon <= 0 || reference.indexOf('/', colon) >= 0) {
      return new String[] {reference, "latest"};
    }
    return new String[] {reference.substring(0, colon), reference.substring(colon + 1)};
  }
}
