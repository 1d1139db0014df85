package dev.modal4j.testing;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Collections;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The environments of an emulated workspace. {@code "main"} always exists and is the default: an
 * empty environment name in a request means {@code "main"}.
 */
public final class Environments {
  /** The default environment's name. */
  public static final String DEFAULT = "main";

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

  private final Set<String> names = ConcurrentHashMap.newKeySet();

  Environments() {
    names.add(DEFAULT);
  }

  /**
   * Adds an environment; adding one that exists does nothing.
   *
   * @throws IllegalArgumentException if the name is not a valid environment name
   */
  public Environments create(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("invalid environment name: '" + name + "'");
    }
    names.add(name);
    return this;
  }

  /**
   * The canonical name of the environment a request names ({@code ""} or null means {@value
   * #DEFAULT}).
   *
   * @throws StatusRuntimeException NOT_FOUND if there is no such environment
   */
  public String resolve(String name) {
    String resolved = name == null || name.isEmpty() ? DEFAULT : name;
    if (!names.contains(resolved)) {
      throw Status.NOT_FOUND
          .withDescription("Environment '" + resolved + "' not found")
          .asRuntimeException();
    }
    return resolved;
  }

  /** The names of all environments, sorted. */
  public SortedSet<String> names() {
    return Collections.unmodifiableSortedSet(new TreeSet<>(names));
  }
}
