package dev.modal4j.testing.internal;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Objects such as queues and dicts, found by environment and name or by id, with Modal's
 * get-or-create semantics; ephemeral ones (no name) live while heartbeats come in, and are removed
 * once none came for the ephemeral timeout, by the emulator's clock. Thread-safe.
 *
 * @param <T> the object
 */
public final class SharedObjects<T> {
  private final String kind;
  private final UnaryOperator<String> environmentName;
  private final Clock clock;
  private final Consumer<T> onRemoved;
  private final Map<String, String> idsByName = new HashMap<>();
  private final Map<String, Entry<T>> byId = new HashMap<>();
  private volatile Duration ephemeralTimeout;

  private static final class Entry<T> {
    final T value;
    String nameKey; // null for ephemeral objects
    Instant lastHeartbeat;

    Entry(T value, String nameKey, Instant now) {
      this.value = value;
      this.nameKey = nameKey;
      this.lastHeartbeat = now;
    }
  }

  /**
   * Creates an empty registry.
   *
   * @param kind "Queue", "Dict": used in error messages
   * @param onRemoved told of each object deleted or expired (outside the registry's lock)
   * @param environmentName the current name of an environment key, for messages (environments can
   *     be renamed)
   */
  public SharedObjects(
      String kind,
      Clock clock,
      Duration ephemeralTimeout,
      Consumer<T> onRemoved,
      UnaryOperator<String> environmentName) {
    this.kind = kind;
    this.environmentName = environmentName;
    this.clock = clock;
    this.ephemeralTimeout = ephemeralTimeout;
    this.onRemoved = onRemoved;
  }

  /** How long an ephemeral object lives after its last heartbeat. */
  public void ephemeralTimeout(Duration timeout) {
    this.ephemeralTimeout = timeout;
  }

  /** Creates an ephemeral object; returns its id. */
  public synchronized String addEphemeral(String id, T value) {
    byId.put(id, new Entry<>(value, null, clock.instant()));
    return id;
  }

  /**
   * The id of the named object after applying a creation type (0 lookup, 1 create if missing, 2
   * create, failing if it exists).
   */
  public String getOrCreate(
      String env, String name, int creationType, Supplier<String> newId, Supplier<T> make) {
    if (name.isEmpty()) {
      throw Status.INVALID_ARGUMENT
          .withDescription(kind + " name is required")
          .asRuntimeException();
    }
    if (name.length() > 64 || !name.matches("[a-zA-Z0-9\\-_.]+")) {
      throw Status.INVALID_ARGUMENT
          .withDescription("Invalid " + kind + " name '" + name + "'")
          .asRuntimeException();
    }
    String key = env + '\u0000' + name;
    synchronized (this) {
      String existing = idsByName.get(key);
      switch (creationType) {
        case 0:
          if (existing == null) {
            throw notFoundByName(name, env);
          }
          return existing;
        case 1:
          if (existing != null) {
            return existing;
          }
          break;
        case 2:
          if (existing != null) {
            throw alreadyExists(kind, name, environmentName.apply(env));
          }
          break;
        default:
          throw Status.INVALID_ARGUMENT
              .withDescription(
                  "object_creation_type " + creationType + " is not supported for a named " + kind)
              .asRuntimeException();
      }
      String id = newId.get();
      byId.put(id, new Entry<>(make.get(), key, clock.instant()));
      idsByName.put(key, id);
      return id;
    }
  }

  /**
   * Gives the named object {@code id} the name {@code newName} in its environment: NOT_FOUND if
   * there is no such object, INVALID_ARGUMENT for an ephemeral one or a bad name, ALREADY_EXISTS if
   * the name is taken.
   */
  public synchronized void rename(String id, String newName) {
    if (newName.isEmpty() || newName.length() > 64 || !newName.matches("[a-zA-Z0-9\\-_.]+")) {
      throw Status.INVALID_ARGUMENT
          .withDescription("Invalid " + kind + " name '" + newName + "'")
          .asRuntimeException();
    }
    Entry<T> e = byId.get(id);
    if (e == null || isExpired(e, clock.instant())) {
      throw Status.NOT_FOUND.withDescription(kind + " " + id + " not found").asRuntimeException();
    }
    if (e.nameKey == null) {
      throw Status.INVALID_ARGUMENT
          .withDescription("An ephemeral " + kind + " has no name to change")
          .asRuntimeException();
    }
    String key = e.nameKey.substring(0, e.nameKey.indexOf('\u0000') + 1) + newName;
    if (key.equals(e.nameKey)) {
      return;
    }
    if (idsByName.containsKey(key)) {
      throw Status.ALREADY_EXISTS
          .withDescription(kind + " '" + newName + "' already exists")
          .asRuntimeException();
    }
    idsByName.remove(e.nameKey);
    idsByName.put(key, id);
    e.nameKey = key;
  }

  /** The id of a named object, if it exists. */
  public synchronized Optional<String> idOf(String env, String name) {
    return Optional.ofNullable(idsByName.get(env + '\u0000' + name));
  }

  /** The named objects of {@code env}, by id. */
  public synchronized Map<String, T> named(String env) {
    Map<String, T> out = new HashMap<>();
    String prefix = env + '\u0000';
    idsByName.forEach(
        (key, id) -> {
          if (key.startsWith(prefix) && byId.containsKey(id)) {
            out.put(id, byId.get(id).value);
          }
        });
    return out;
  }

  /**
   * A named object with its name.
   *
   * @param name the object's name
   * @param value the object
   * @param <T> the object
   */
  public record Named<T>(String name, T value) {}

  /** The named objects of {@code env} with their names, by id. */
  public synchronized Map<String, Named<T>> namedWithNames(String env) {
    Map<String, Named<T>> out = new HashMap<>();
    String prefix = env + '\u0000';
    idsByName.forEach(
        (key, id) -> {
          if (key.startsWith(prefix) && byId.containsKey(id)) {
            out.put(id, new Named<>(key.substring(prefix.length()), byId.get(id).value));
          }
        });
    return out;
  }

  /** The live object with this id, or NOT_FOUND. */
  public T get(String id) {
    Entry<T> e;
    boolean expired;
    synchronized (this) {
      e = byId.get(id);
      expired = e != null && isExpired(e, clock.instant());
      if (expired) {
        byId.remove(id);
      }
    }
    if (e == null || expired) {
      if (expired) {
        onRemoved.accept(e.value);
      }
      throw Status.NOT_FOUND.withDescription(kind + " " + id + " not found").asRuntimeException();
    }
    return e.value;
  }

  /** Records a heartbeat of an ephemeral object (a named one accepts and ignores it). */
  public void heartbeat(String id) {
    get(id);
    synchronized (this) {
      Entry<T> e = byId.get(id);
      if (e != null) {
        e.lastHeartbeat = clock.instant();
      }
    }
  }

  /** Deletes an object; NOT_FOUND if there is none. */
  public void delete(String id) {
    T value = get(id);
    synchronized (this) {
      Entry<T> e = byId.remove(id);
      if (e != null && e.nameKey != null) {
        idsByName.remove(e.nameKey);
      }
    }
    onRemoved.accept(value);
  }

  /** Deletes every named object of {@code env} (an environment being deleted). */
  public void dropEnvironment(String env) {
    named(env).keySet().forEach(this::delete);
  }

  /** Removes the ephemeral objects whose heartbeats stopped; returns how many. */
  public int sweep() {
    List<T> gone = new ArrayList<>();
    Instant now = clock.instant();
    synchronized (this) {
      byId.entrySet()
          .removeIf(
              en -> {
                if (isExpired(en.getValue(), now)) {
                  gone.add(en.getValue().value);
                  return true;
                }
                return false;
              });
    }
    gone.forEach(onRemoved);
    return gone.size();
  }

  /** How many objects there are (expired ones included until swept). */
  public synchronized int size() {
    return byId.size();
  }

  private boolean isExpired(Entry<T> e, Instant now) {
    return e.nameKey == null && now.isAfter(e.lastHeartbeat.plus(ephemeralTimeout));
  }

  private StatusRuntimeException notFoundByName(String name, String env) {
    return notFound(kind, name, environmentName.apply(env));
  }

  /** NOT_FOUND for the named {@code kind} ("Queue", "Secret") in the environment so named. */
  public static StatusRuntimeException notFound(String kind, String name, String environment) {
    return Status.NOT_FOUND
        .withDescription(kind + " '" + name + "' not found in environment '" + environment + "'")
        .asRuntimeException();
  }

  /** ALREADY_EXISTS for the named {@code kind} in the environment so named. */
  public static StatusRuntimeException alreadyExists(String kind, String name, String environment) {
    return Status.ALREADY_EXISTS
        .withDescription(
            kind + " '" + name + "' already exists in environment '" + environment + "'")
        .asRuntimeException();
  }
}
