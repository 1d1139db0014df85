package dev.modal4j.testing.images;

import com.google.protobuf.ByteString;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The images built in the emulated workspace, by id, and the ids of layer definitions built or
 * being built (the same definition and builder version give the same id, whichever app asks, as
 * Modal's workspace-wide image cache does). Thread-safe.
 */
public final class ImageStore {
  private final Map<String, ImageRecord> byId = new ConcurrentHashMap<>();
  private final Map<DefinitionKey, String> idsByDefinition = new ConcurrentHashMap<>();

  private record DefinitionKey(String builderVersion, ByteString definition) {}

  /**
   * The id a definition has.
   *
   * @param imageId the image's id
   * @param fresh whether the id is new: its image is to be built (or recorded) now
   */
  record Claim(String imageId, boolean fresh) {}

  /** Creates an empty store. */
  public ImageStore() {}

  /** The image with this id, if it was built. */
  public Optional<ImageRecord> get(String imageId) {
    return Optional.ofNullable(byId.get(imageId));
  }

  /**
   * The id of this definition: the one it has (built or being built), or, when it has none or
   * {@code force} is set, a new one from {@code newId}, which the caller then builds.
   */
  synchronized Claim claim(
      String builderVersion, ByteString definition, boolean force, Supplier<String> newId) {
    DefinitionKey key = new DefinitionKey(builderVersion, definition);
    String existing = idsByDefinition.get(key);
    if (existing != null && !force) {
      return new Claim(existing, false);
    }
    String id = newId.get();
    idsByDefinition.put(key, id);
    return new Claim(id, true);
  }

  /** Records a claimed image as built. */
  void built(ImageRecord image) {
    byId.put(image.imageId(), image);
  }

  /** Forgets a claimed image whose build failed: the next request of its definition builds. */
  synchronized void failed(String imageId) {
    idsByDefinition.values().removeIf(imageId::equals);
  }

  /** Whether another image than {@code imageId} is {@code reference} with no layers over it. */
  boolean usedElsewhere(String reference, String imageId) {
    return byId.values().stream()
        .anyMatch(
            r ->
                !r.imageId().equals(imageId)
                    && r.registryTag().equals(reference)
                    && r.layers().isEmpty());
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
