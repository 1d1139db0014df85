package dev.modal4j.testing.classes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The cloud storage buckets (S3, R2, GCS) the emulator knows, each backed by a local directory: a
 * sandbox that mounts a bucket sees that directory (or, with a key prefix, the subdirectory of that
 * name). Buckets are not Modal objects, so they belong to no environment; tests and fixtures files
 * declare them with {@link #add}. Thread-safe.
 */
public final class CloudBuckets {
  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9._-]{1,221}");

  private final Map<String, Path> directories = new ConcurrentHashMap<>();

  /** Creates an empty set. */
  public CloudBuckets() {}

  /**
   * Declares bucket {@code name}, backed by {@code directory} (which must exist); declaring it
   * again replaces the directory.
   *
   * @throws IllegalArgumentException if the name is not a bucket name or the directory is missing
   */
  public CloudBuckets add(String name, Path directory) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("invalid bucket name: '" + name + "'");
    }
    if (directory == null || !Files.isDirectory(directory)) {
      throw new IllegalArgumentException(
          "bucket '" + name + "': directory " + directory + " does not exist");
    }
    directories.put(name, directory.toAbsolutePath().normalize());
    return this;
  }

  /** The directory of bucket {@code name}, if it is known. */
  public Optional<Path> directory(String name) {
    return Optional.ofNullable(directories.get(name));
  }

  /** The names of the known buckets, sorted. */
  public SortedSet<String> names() {
    return new TreeSet<>(directories.keySet());
  }
}
