package dev.modal4j.sandboxes;

import dev.modal4j.InvalidException;
import dev.modal4j.internal.Args;
import dev.modal4j.internal.options.EnvNames;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The argument checks the sandbox params share. */
final class Checks {
  private Checks() {}

  /** A positive whole number of seconds (the wire carries seconds). */
  static Duration positiveSeconds(Duration d, String name) {
    Args.notNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new InvalidException(name + " must be positive, got " + d);
    }
    if (d.getNano() != 0) {
      throw new InvalidException(name + " must be a whole number of seconds, got " + d);
    }
    if (d.getSeconds() > 0xFFFF_FFFFL) {
      throw new InvalidException(name + " is too long: " + d);
    }
    return d;
  }

  static String absolutePath(String path, String name) {
    Args.notBlank(path, name);
    if (!path.startsWith("/")) {
      throw new InvalidException(name + " must be an absolute path, got: " + path);
    }
    return path;
  }

  static Map<String, String> env(Map<String, String> env, String name) {
    Args.noNullKeys(env, name);
    Map<String, String> checked = new TreeMap<>();
    env.forEach(
        (k, v) -> {
          if (v == null) {
            throw new InvalidException(name + ": the value of '" + k + "' must not be null");
          }
          checked.put(EnvNames.check(k), v);
        });
    return checked;
  }

  static Map<String, String> tags(Map<String, String> tags, String name) {
    Args.noNullKeys(tags, name);
    Map<String, String> checked = new TreeMap<>();
    tags.forEach(
        (k, v) -> {
          if (v == null) {
            throw new InvalidException(name + ": the value of '" + k + "' must not be null");
          }
          checked.put(k, v);
        });
    return checked;
  }

  static List<Integer> ports(List<Integer> ports, String name) {
    Args.noNullElements(ports, name);
    for (int p : ports) {
      port(p, name);
    }
    return List.copyOf(ports);
  }

  static int port(int port, String name) {
    if (port < 1 || port > 65535) {
      throw new InvalidException(name + " must be in [1, 65535], got " + port);
    }
    return port;
  }

  static List<String> strings(List<String> values, String name) {
    return List.copyOf(Args.noNullElements(values, name));
  }
}
