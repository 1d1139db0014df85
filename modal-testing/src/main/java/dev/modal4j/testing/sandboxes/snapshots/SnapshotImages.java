package dev.modal4j.testing.sandboxes.snapshots;

import com.google.protobuf.ByteString;
import dev.modal4j.testing.EmulatorState;
import dev.modal4j.testing.images.ImageRecord;
import dev.modal4j.testing.images.ImageStore;
import dev.modal4j.testing.images.ImagesArea;
import dev.modal4j.testing.sandboxes.SandboxTask;
import dev.modal4j.testing.sandboxes.backend.ImageSource;
import dev.modal4j.testing.sandboxes.backend.SandboxImages;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Filesystem and directory snapshots as images of the emulator's image store, and image mounts.
 * Each snapshot is saved by the sandbox's backend under a reference of its own ({@code
 * modal4j/snapshot:<image id>-<random>}, unique across emulators sharing a Docker engine) and
 * registered as an image with that reference as its registry tag and no layers, so ImageFromId
 * finds it and SandboxCreate runs it. A repeated snapshot id (a retried request) answers the image
 * made the first time. The TTL is checked, recorded, and not enforced (images live until the
 * emulator closes). An image saved with an encryption key is mounted only with the same key.
 */
final class SnapshotImages {
  static final String REPOSITORY = "modal4j/snapshot";
  private static final int MIN_KEY = 16;
  private static final int MAX_KEY = 512;

  private final EmulatorState state;
  private final ImageStore images;
  private final Map<String, String> bySnapshotId = new ConcurrentHashMap<>();
  private final Map<String, ByteString> keys = new ConcurrentHashMap<>();
  private final Map<String, Long> ttls = new ConcurrentHashMap<>();

  SnapshotImages(EmulatorState state, ImageStore images) {
    this.state = state;
    this.images = images;
  }

  /** Saves the task's whole filesystem as a new image; answers its id. */
  String filesystem(
      SandboxTask task,
      String appId,
      String snapshotId,
      Optional<Long> ttl,
      Optional<ByteString> key) {
    return save(task, appId, snapshotId, ttl, key, (fs, reference) -> fs.commit(reference));
  }

  /** Saves one directory of the task as a new image whose root is the directory. */
  String directory(
      SandboxTask task,
      String appId,
      String path,
      String snapshotId,
      Optional<Long> ttl,
      Optional<ByteString> key) {
    checkPath(path);
    return save(
        task, appId, snapshotId, ttl, key, (fs, reference) -> fs.commitDirectory(path, reference));
  }

  /** Mounts an image (empty id: an empty directory) at {@code path}. */
  void mount(SandboxTask task, String path, String imageId, Optional<ByteString> key) {
    checkPath(path);
    key.ifPresent(SnapshotImages::checkKey);
    Optional<ImageSource> source = Optional.empty();
    if (!imageId.isEmpty()) {
      ImageRecord image =
          images
              .get(imageId)
              .orElseThrow(
                  () ->
                      Status.NOT_FOUND
                          .withDescription("Image '" + imageId + "' not found")
                          .asRuntimeException());
      ByteString wanted = keys.get(imageId);
      if (wanted != null && !key.filter(wanted::equals).isPresent()) {
        throw Status.INVALID_ARGUMENT
            .withDescription(
                "Image '" + imageId + "' is encrypted with a key; mount it with the same key")
            .asRuntimeException();
      }
      source = Optional.of(new ImageSource(image.registryTag(), image.layers()));
    }
    Optional<ImageSource> mounted = source;
    run(task, fs -> fs.mount(path, mounted), path);
  }

  /** Unmounts what {@link #mount} placed at {@code path}. */
  void unmount(SandboxTask task, String path) {
    checkPath(path);
    run(task, fs -> fs.unmount(path), path);
  }

  /**
   * The TTL an image was made with, in seconds ({@code -1}: never expires), if it is a snapshot.
   */
  Optional<Long> ttl(String imageId) {
    return Optional.ofNullable(ttls.get(imageId));
  }

  /** Registers an image saved under {@code reference} by a backend; answers its id. */
  String register(String appId, String reference, String imageId) {
    images.register(
        new ImageRecord(imageId, appId, reference, List.of(), ImagesArea.BUILDER_VERSION));
    return imageId;
  }

  /** A new image id and the backend reference to save it under. */
  String[] newImage() {
    String imageId = state.newId("im");
    return new String[] {
      imageId, REPOSITORY + ":" + imageId + "-" + UUID.randomUUID().toString().substring(0, 8)
    };
  }

  private interface Save {
    void to(SandboxImages fs, String reference) throws IOException;
  }

  private interface Action {
    void on(SandboxImages fs) throws IOException;
  }

  private String save(
      SandboxTask task,
      String appId,
      String snapshotId,
      Optional<Long> ttl,
      Optional<ByteString> key,
      Save save) {
    long seconds = checkTtl(ttl);
    key.ifPresent(SnapshotImages::checkKey);
    String idempotency = task.taskId() + "/" + snapshotId;
    if (!snapshotId.isEmpty()) {
      String earlier = bySnapshotId.get(idempotency);
      if (earlier != null) {
        return earlier;
      }
    }
    synchronized (this) {
      String earlier = snapshotId.isEmpty() ? null : bySnapshotId.get(idempotency);
      if (earlier != null) {
        return earlier;
      }
      String[] image = newImage();
      run(task, fs -> save.to(fs, image[1]), "/");
      register(appId, image[1], image[0]);
      ttls.put(image[0], seconds);
      key.ifPresent(k -> keys.put(image[0], k));
      if (!snapshotId.isEmpty()) {
        bySnapshotId.put(idempotency, image[0]);
      }
      return image[0];
    }
  }

  /** Runs {@code action} on the task's backend, mapping what fails to a status. */
  static void run(SandboxTask task, Action action, String path) {
    if (task.finished()) {
      throw Status.FAILED_PRECONDITION
          .withDescription("Sandbox '" + task.sandboxId() + "' has already finished")
          .asRuntimeException();
    }
    SandboxImages fs;
    try {
      fs =
          task.runtime()
              .images()
              .orElseThrow(
                  () ->
                      Status.UNIMPLEMENTED
                          .withDescription("this sandbox backend cannot snapshot or mount images")
                          .asRuntimeException());
    } catch (IllegalStateException e) {
      throw Status.FAILED_PRECONDITION.withDescription(e.getMessage()).asRuntimeException();
    }
    try {
      action.on(fs);
    } catch (IOException e) {
      throw status(e, path);
    }
  }

  static StatusRuntimeException status(IOException e, String path) {
    if (e instanceof NoSuchFileException) {
      return Status.NOT_FOUND
          .withDescription("No such file or directory: " + path)
          .asRuntimeException();
    }
    if (e instanceof NotDirectoryException) {
      return Status.INVALID_ARGUMENT
          .withDescription("Not a directory: " + path)
          .asRuntimeException();
    }
    if (e instanceof FileSystemException && ((FileSystemException) e).getReason() != null) {
      return Status.FAILED_PRECONDITION
          .withDescription(path + ": " + ((FileSystemException) e).getReason())
          .asRuntimeException();
    }
    return Status.INTERNAL.withDescription(e.getMessage()).withCause(e).asRuntimeException();
  }

  private static void checkPath(String path) {
    if (!path.startsWith("/")) {
      throw Status.INVALID_ARGUMENT
          .withDescription("path must be absolute, got '" + path + "'")
          .asRuntimeException();
    }
  }

  /** The TTL in seconds: the default 30 days when absent, -1 for never, else at least 1. */
  static long checkTtl(Optional<Long> ttl) {
    long seconds = ttl.orElse(30L * 24 * 3600);
    if (seconds == 0 || seconds < -1) {
      throw Status.INVALID_ARGUMENT
          .withDescription("ttl_seconds must be -1 (no expiry) or at least 1, got " + seconds)
          .asRuntimeException();
    }
    return seconds;
  }

  private static void checkKey(ByteString key) {
    if (key.size() < MIN_KEY || key.size() > MAX_KEY) {
      throw Status.INVALID_ARGUMENT
          .withDescription(
              "customer_supplied_encryption_key must be 16 to 512 bytes, got " + key.size())
          .asRuntimeException();
    }
  }
}
