package dev.modal4j.testing.classes;

import dev.modal4j.proto.ObjectCreationType;
import io.grpc.Status;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Objects (secrets, volumes) found by environment and name, or by id, with Modal's get-or-create
 * semantics. Environments are resolved by the caller. Thread-safe.
 */
final class NamedObjects<V> {
  private final String kind;
  private final Map<String, String> idsByName = new ConcurrentHashMap<>();
  private final Map<String, V> byId = new ConcurrentHashMap<>();

  NamedObjects(String kind) {
    this.kind = kind;
  }

  /**
   * The object's id after applying {@code type} to the named object, making it with {@code make}.
   */
  synchronized String getOrCreate(
      String env, String name, ObjectCreationType type, Supplier<String> newId, Supplier<V> make) {
    String key = env + '\u0000' + name;
    String existing = idsByName.get(key);
    switch (type) {
      case OBJECT_CREATION_TYPE_UNSPECIFIED:
        if (existing == null) {
          throw Status.NOT_FOUND
              .withDescription(kind + " '" + name + "' not found in environment '" + env + "'")
              .asRuntimeException();
        }
        return existing;
      case OBJECT_CREATION_TYPE_CREATE_IF_MISSING:
        return existing != null ? existing : put(key, newId.get(), make.get());
      case OBJECT_CREATION_TYPE_CREATE_FAIL_IF_EXISTS:
        if (existing != null) {
          throw Status.ALREADY_EXISTS
              .withDescription(kind + " '" + name + "' already exists in environment '" + env + "'")
              .asRuntimeException();
        }
        return put(key, newId.get(), make.get());
      case OBJECT_CREATION_TYPE_CREATE_OVERWRITE_IF_EXISTS:
        if (existing != null) {
          byId.remove(existing);
        }
        return put(key, newId.get(), make.get());
      default:
        throw Status.INVALID_ARGUMENT
            .withDescription(
                "object_creation_type " + type + " is not supported for a named " + kind)
            .asRuntimeException();
    }
  }

  /** Adds an object reachable by id only (ephemeral). */
  String addAnonymous(String id, V value) {
    byId.put(id, value);
    return id;
  }

  Optional<V> byId(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  private String put(String key, String id, V value) {
    byId.put(id, value);
    idsByName.put(key, id);
    return id;
  }
}
