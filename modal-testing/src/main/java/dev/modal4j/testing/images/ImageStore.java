package dev.modal4j.testing.images;

import com.google.protobuf.ByteString;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The images built in the emulated workspace, by id, and the ids of layer definitions already built
 * (the same definition in the same app gives the same id). Thread-safe.
 */
public final class ImageStore {
  private final Map<String, ImageRecord> byId = new ConcurrentHashMap<>();
  private final Map<DefinitionKey, String> idsByDefinition = new ConcurrentHashMap<>();

  private record DefinitionKey(String appId, String builderVersion, ByteString definition) {}

  /** Creates an empty store. */
  public ImageStore() {}

  /** The image with this id, if it was built. */
  public Optional<ImageRecord> get(String imageId) {
    return Optional.ofNullable(byId.get(imageId));
  }

  /**
   * The image built from this definition in this app, building it with {@code build} (given the new
   * id) when it is new or {@code force} is set.
   */
  ImageRecord getOrBuild(
      String appId,
      String builderVersion,
      ByteString definition,
      boolean force,
      Supplier<String> newId,
      java.util.function.Function<String, ImageRecord> build) {
    DefinitionKey key = new DefinitionKey(appId, builderVersion, definition);
    if (!force) {
      String existing = idsByDefinition.get(key);
      if (existing != null) {
        return byId.get(existing);
      }
    }
    synchronized (this) {
      String existing = idsByDefinition.get(key);
      if (existing != null && !force) {
        return byId.get(existing);
      }
      ImageRecord built = build.apply(newId.get());
      byId.put(built.imageId(), built);
      idsByDefinition.put(key, built.imageId());
      return built;
    }
  }

  /**
   * Deletes an image (not the layers it starts from); a later build of its definition gets a new
   * id. Returns whether it existed.
   */
  synchronized boolean delete(String imageId) {
    if (byId.remove(imageId) == null) {
      return false;
    }
    idsByDefinition.values().removeIf(imageId::equals);
    return true;
  }

  /**
   * Adds an image made outside a build (a snapshot of a sandbox); its id must be new.
   *
   * @throws IllegalArgumentException if an image with that id exists
   */
  public void register(ImageRecord image) {
    if (byId.putIfAbsent(image.imageId(), image) != null) {
      throw new IllegalArgumentException("image " + image.imageId() + " exists");
    }
  }

  /** How many images were built. */
  public int size() {
    return byId.size();
  }
}
