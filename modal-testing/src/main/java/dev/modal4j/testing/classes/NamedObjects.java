package dev.modal4j.testing.classes;

import dev.modal4j.proto.ObjectCreationType;
import dev.modal4j.testing.internal.SharedObjects;
import io.grpc.Status;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Objects (secrets) found by environment and name, or by id, with Modal's get-or-create semantics;
 * an overwrite keeps the object's id and replaces its value. Environments are resolved by the
 * caller. Thread-safe.
 */
final class NamedObjects<V> {
  private final String kind;
  private final UnaryOperator<String> environmentName;
  private final Map<String, String> idsByName = new HashMap<>();
  private final Map<String, String> namesById = new HashMap<>();
  private final Map<String, V> byId = new HashMap<>();

  /** An empty registry of {@code kind}; {@code environmentName} names an environment's key. */
  NamedObjects(String kind, UnaryOperator<String> environmentName) {
    this.kind = kind;
    this.environmentName = environmentName;
  }

  /**
   * The object's id after applying {@code type} to the named object, making it with {@code make};
   * an overwrite replaces the value with {@code overwrite} applied to the old one.
   */
  synchronized String getOrCreate(
      String env,
      String name,
      ObjectCreationType type,
      Supplier<String> newId,
      Supplier<V> make,
      UnaryOperator<V> overwrite) {
    String key = key(env, name);
    String existing = idsByName.get(key);
    switch (type) {
      case OBJECT_CREATION_TYPE_UNSPECIFIED:
        if (existing == null) {
          throw SharedObjects.notFound(kind, name, environmentName.apply(env));
        }
        return existing;
      case OBJECT_CREATION_TYPE_CREATE_IF_MISSING:
        return existing != null ? existing : put(key, newId.get(), make.get());
      case OBJECT_CREATION_TYPE_CREATE_FAIL_IF_EXISTS:
        if (existing != null) {
          throw SharedObjects.alreadyExists(kind, name, environmentName.apply(env));
        }
        return put(key, newId.get(), make.get());
      case OBJECT_CREATION_TYPE_CREATE_OVERWRITE_IF_EXISTS:
        if (existing != null) {
          byId.put(existing, overwrite.apply(byId.get(existing)));
          return existing;
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
  synchronized String addAnonymous(String id, V value) {
    byId.put(id, value);
    return id;
  }

  synchronized Optional<V> byId(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** Removes the object with this id; NOT_FOUND if there is none. */
  synchronized V delete(String id) {
    V value = byId.remove(id);
    if (value == null) {
      throw Status.NOT_FOUND
          .withDescription("No " + kind + " with ID '" + id + "' found")
          .asRuntimeException();
    }
    String key = namesById.remove(id);
    if (key != null) {
      idsByName.remove(key);
    }
    return value;
  }

  /** The named objects of {@code env}, by id. */
  synchronized List<Map.Entry<String, V>> named(String env) {
    List<Map.Entry<String, V>> out = new ArrayList<>();
    String prefix = env + '\u0000';
    idsByName.forEach(
        (key, id) -> {
          if (key.startsWith(prefix)) {
            out.add(Map.entry(id, byId.get(id)));
          }
        });
    return out;
  }

  private String put(String key, String id, V value) {
    byId.put(id, value);
    idsByName.put(key, id);
    namesById.put(id, key);
    return id;
  }

  private static String key(String env, String name) {
    return env + '\u0000' + name;
  }
}
