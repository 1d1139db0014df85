package dev.modal4j.testing.images;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The images published by name and tag, per environment: each publish is a new revision ({@code
 * ir-} id) of that name, pointing at one image. Thread-safe.
 */
final class PublishedImages {
  /** One published revision. */
  record Revision(String imageId, String revisionId) {}

  private record Key(String environment, String tag) {}

  private final Map<Key, Revision> latest = new ConcurrentHashMap<>();

  /** Publishes {@code imageId} as {@code tag} ({@code name:tag}) in {@code environment}. */
  Revision publish(String environment, String tag, String imageId, String revisionId) {
    Revision r = new Revision(imageId, revisionId);
    latest.put(new Key(environment, tag), r);
    return r;
  }

  /** What {@code tag} names in {@code environment}. */
  Optional<Revision> get(String environment, String tag) {
    return Optional.ofNullable(latest.get(new Key(environment, tag)));
  }
}
