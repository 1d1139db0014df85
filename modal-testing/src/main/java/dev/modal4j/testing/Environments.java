package dev.modal4j.testing;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The environments of an emulated workspace. {@code "main"} always exists and is the default: an
 * empty environment name in a request means {@code "main"}.
 *
 * <p>Stores key their objects by the value {@link #resolve} returns: an environment's stable key,
 * its first name. Renaming an environment ({@link #update}) keeps the key, so everything in it
 * stays; deleting one retires the key (a new environment of the same name starts empty) and tells
 * the {@link #onDeleted} listeners, which drop what it held. {@link #name} gives the current name
 * of a key, for responses. Thread-safe.
 */
public final class Environments {
  /** The default environment's name. */
  public static final String DEFAULT = "main";

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

  /** One environment: its key, current name, settings and creation time. */
  public record Environment(
      String key,
      String name,
      Instant createdAt,
      String webSuffix,
      Optional<Integer> maxConcurrentTasks,
      Optional<Integer> maxConcurrentGpus) {}

  private final Clock clock;
  private final Supplier<String> ids;
  private final Map<String, Environment> byName = new ConcurrentHashMap<>();
  private final Map<String, String> idsByKey = new ConcurrentHashMap<>();
  private final Set<String> usedKeys = ConcurrentHashMap.newKeySet();
  private final List<Consumer<String>> deletedListeners = new CopyOnWriteArrayList<>();

  Environments(Clock clock, Supplier<String> ids) {
    this.clock = clock;
    this.ids = ids;
    create(DEFAULT);
  }

  /**
   * Adds an environment; adding one that exists does nothing.
   *
   * @throws IllegalArgumentException if the name is not a valid environment name
   */
  public Environments create(String name) {
    checkName(name);
    synchronized (this) {
      if (!byName.containsKey(name)) {
        add(name);
      }
    }
    return this;
  }

  /**
   * Adds an environment, as EnvironmentCreate does.
   *
   * @throws StatusRuntimeException INVALID_ARGUMENT for a bad name, ALREADY_EXISTS if it exists
   */
  public synchronized Environment createNew(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw Status.INVALID_ARGUMENT
          .withDescription("Invalid environment name: '" + name + "'")
          .asRuntimeException();
    }
    if (byName.containsKey(name)) {
      throw Status.ALREADY_EXISTS
          .withDescription("Environment '" + name + "' already exists")
          .asRuntimeException();
    }
    return add(name);
  }

  private Environment add(String name) {
    String key = name;
    for (int n = 2; !usedKeys.add(key); n++) {
      key = name + "#" + n;
    }
    Environment env =
        new Environment(key, name, clock.instant(), name, Optional.empty(), Optional.empty());
    byName.put(name, env);
    return env;
  }

  /**
   * The stable key of the environment a request names ({@code ""} or null means {@value #DEFAULT});
   * the same as its name unless it was renamed or an earlier one of its name deleted.
   *
   * @throws StatusRuntimeException NOT_FOUND if there is no such environment
   */
  public String resolve(String name) {
    return find(name).key();
  }

  /**
   * The environment a request names ({@code ""} or null means {@value #DEFAULT}).
   *
   * @throws StatusRuntimeException NOT_FOUND if there is no such environment
   */
  public Environment find(String name) {
    String resolved = name == null || name.isEmpty() ? DEFAULT : name;
    Environment env = byName.get(resolved);
    if (env == null) {
      throw Status.NOT_FOUND
          .withDescription("Environment '" + resolved + "' not found")
          .asRuntimeException();
    }
    return env;
  }

  /** The current name of the environment with this key (the key itself if it is gone). */
  public String name(String key) {
    for (Environment e : byName.values()) {
      if (e.key().equals(key)) {
        return e.name();
      }
    }
    return key;
  }

  /** The id ({@code en-...}) of the environment with this key, made on first use. */
  public String id(String key) {
    return idsByKey.computeIfAbsent(key, k -> ids.get());
  }

  /**
   * Changes an environment, as EnvironmentUpdate does; null leaves a value as it is.
   *
   * @throws StatusRuntimeException NOT_FOUND for an unknown environment, ALREADY_EXISTS if the new
   *     name is taken, INVALID_ARGUMENT for a bad new name
   */
  public synchronized Environment update(
      String currentName,
      String newName,
      String webSuffix,
      Integer maxConcurrentTasks,
      Integer maxConcurrentGpus) {
    Environment env = find(currentName);
    String name = env.name();
    if (newName != null && !newName.equals(name)) {
      if (name.equals(DEFAULT)) {
        throw Status.INVALID_ARGUMENT
            .withDescription("The default environment cannot be renamed")
            .asRuntimeException();
      }
      if (!NAME.matcher(newName).matches()) {
        throw Status.INVALID_ARGUMENT
            .withDescription("Invalid environment name: '" + newName + "'")
            .asRuntimeException();
      }
      if (byName.containsKey(newName)) {
        throw Status.ALREADY_EXISTS
            .withDescription("Environment '" + newName + "' already exists")
            .asRuntimeException();
      }
      name = newName;
    }
    Environment updated =
        new Environment(
            env.key(),
            name,
            env.createdAt(),
            webSuffix != null ? webSuffix : env.webSuffix(),
            maxConcurrentTasks != null ? Optional.of(maxConcurrentTasks) : env.maxConcurrentTasks(),
            maxConcurrentGpus != null ? Optional.of(maxConcurrentGpus) : env.maxConcurrentGpus());
    byName.remove(env.name());
    byName.put(name, updated);
    return updated;
  }

  /**
   * Deletes an environment and, through the {@link #onDeleted} listeners, what it holds.
   *
   * @throws StatusRuntimeException NOT_FOUND for an unknown environment, FAILED_PRECONDITION for
   *     the default one
   */
  public void delete(String name) {
    Environment env;
    synchronized (this) {
      env = find(name);
      if (env.name().equals(DEFAULT)) {
        throw Status.FAILED_PRECONDITION
            .withDescription("The default environment cannot be deleted")
            .asRuntimeException();
      }
      byName.remove(env.name());
    }
    deletedListeners.forEach(l -> l.accept(env.key()));
  }

  /** Calls {@code listener} with the key of every environment deleted from now on. */
  public void onDeleted(Consumer<String> listener) {
    deletedListeners.add(listener);
  }

  /** Every environment, by name. */
  public List<Environment> list() {
    return byName.values().stream()
        .sorted(java.util.Comparator.comparing(Environment::createdAt))
        .toList();
  }

  /** The names of all environments, sorted. */
  public SortedSet<String> names() {
    return Collections.unmodifiableSortedSet(new TreeSet<>(byName.keySet()));
  }

  private static void checkName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("invalid environment name: '" + name + "'");
    }
  }
}
