package dev.modal4j.internal.volumes;

import dev.modal4j.InvalidException;
import dev.modal4j.internal.Args;

/** Checks and normalises the paths the volume file operations take, before any RPC. */
public final class VolumePaths {
  private VolumePaths() {}

  /**
   * A path to list: not null, and without the glob suffixes ({@code *}, {@code **}) Modal's Python
   * SDK no longer accepts.
   *
   * @throws InvalidException naming {@code name} otherwise
   */
  public static String listing(String path, String name) {
    Args.notNull(path, name);
    noNul(path, name);
    if (path.endsWith("**")) {
      throw new InvalidException(
          name + " ends with the glob '**', which is not supported: list with recursive(true)");
    }
    if (path.endsWith("*")) {
      throw new InvalidException(
          name + " ends with the glob '*', which is not supported: list the directory itself");
    }
    return path;
  }

  /**
   * A path of a file or directory in the volume: not blank.
   *
   * @throws InvalidException naming {@code name} otherwise
   */
  public static String existing(String path, String name) {
    Args.notBlank(path, name);
    noNul(path, name);
    return path;
  }

  /**
   * A path to upload a file to: not blank, not ending in "/", normalised (repeated slashes and "."
   * components removed).
   *
   * @throws InvalidException naming {@code name} otherwise
   */
  public static String uploadTarget(String path, String name) {
    Args.notBlank(path, name);
    noNul(path, name);
    if (path.endsWith("/")) {
      throw new InvalidException(name + " must name a file, not end with '/': " + path);
    }
    String n = normalize(path);
    if (n.isEmpty() || n.equals("/") || n.equals(".")) {
      throw new InvalidException(name + " must name a file: " + path);
    }
    return n;
  }

  /**
   * A directory to upload into: not blank, normalised.
   *
   * @throws InvalidException naming {@code name} otherwise
   */
  public static String uploadDirectory(String path, String name) {
    Args.notBlank(path, name);
    noNul(path, name);
    return normalize(path);
  }

  /** Repeated slashes and "." components removed; a trailing slash dropped (but "/" kept). */
  static String normalize(String path) {
    boolean absolute = path.startsWith("/");
    StringBuilder sb = new StringBuilder(absolute ? "/" : "");
    for (String part : path.split("/+")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (sb.length() > 0 && sb.charAt(sb.length() - 1) != '/') {
        sb.append('/');
      }
      sb.append(part);
    }
    return sb.length() == 0 ? "." : sb.toString();
  }

  private static void noNul(String path, String name) {
    if (path.indexOf('\0') >= 0) {
      throw new InvalidException(name + " contains a NUL character");
    }
  }
}
