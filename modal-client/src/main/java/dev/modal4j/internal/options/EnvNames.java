package dev.modal4j.internal.options;

import dev.modal4j.InvalidException;
import java.util.regex.Pattern;

/** Environment variable names as Modal accepts them for secrets: letters, digits, underscores. */
public final class EnvNames {
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private EnvNames() {}

  /**
   * Returns {@code key} if it is a valid name.
   *
   * @throws InvalidException naming the key otherwise
   */
  public static String check(String key) {
    if (key == null || !NAME.matcher(key).matches()) {
      throw new InvalidException(
          "Invalid environment variable name '"
              + key
              + "': only letters, digits and underscores are allowed, and it cannot start with a"
              + " digit");
    }
    return key;
  }
}
