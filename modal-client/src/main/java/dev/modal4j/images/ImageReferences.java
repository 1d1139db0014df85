package dev.modal4j.images;

import dev.modal4j.InvalidException;
import java.util.regex.Pattern;

/**
 * Names of published images, {@code [[workspace/]environment/]name[:tag]}, checked before any RPC
 * as Modal's SDKs check them: the tag defaults to {@code latest}; name and tag follow the object
 * name rule; a name may not start with {@code im-}; what precedes the last {@code /} is a
 * namespace, sent in the reference itself with no environment beside it.
 */
final class ImageReferences {
  static final String DEFAULT_TAG = "latest";

  private static final Pattern CHARSET = Pattern.compile("[a-zA-Z0-9\\-_.]+");
  private static final Pattern APP_ID = Pattern.compile("ap-[a-zA-Z0-9]{22}");
  private static final int MAX_LENGTH = 64;

  /**
   * A parsed reference.
   *
   * @param namespace what preceded the last {@code /} (empty when there was none)
   * @param tag the reference to send: namespace, name and tag, as {@code ns/name:tag}
   */
  record Parsed(String namespace, String tag) {}

  private ImageReferences() {}

  /**
   * Parses and checks {@code reference}.
   *
   * @throws InvalidException naming what is wrong
   */
  static Parsed parse(String reference) {
    int colon = reference.indexOf(':');
    String name = colon < 0 ? reference : reference.substring(0, colon);
    String tag = colon < 0 ? DEFAULT_TAG : reference.substring(colon + 1);
    String namespace = "";
    int slash = name.lastIndexOf('/');
    if (slash >= 0) {
      namespace = name.substring(0, slash);
      String after = name.substring(slash + 1);
      if (namespace.isEmpty()) {
        throw new InvalidException("Invalid Image name: '/' prefix must be non-empty.");
      }
      if (after.isEmpty()) {
        throw new InvalidException("Invalid Image name: name after '/' must be non-empty.");
      }
      name = after;
    }
    check(name, "Image");
    if (name.startsWith("im-")) {
      throw new InvalidException("Image name cannot start with 'im-' (reserved for image IDs).");
    }
    check(tag, "Image tag");
    String full = namespace.isEmpty() ? name : namespace + "/" + name;
    return new Parsed(namespace, full + ":" + tag);
  }

  /**
   * The environment to send with {@code parsed}: none when the reference has a namespace (then
   * {@code environment} must be empty), else {@code environment} or the client's.
   *
   * @throws InvalidException if both a namespace and an environment are given
   */
  static String environment(Parsed parsed, String environment, String clientEnvironment) {
    if (!parsed.namespace().isEmpty()) {
      if (!environment.isEmpty()) {
        throw new InvalidException(
            "Cannot specify 'environment' when the image name contains a '/'.");
      }
      return "";
    }
    return environment.isEmpty() ? clientEnvironment : environment;
  }

  private static void check(String value, String kind) {
    if (value.length() > MAX_LENGTH
        || !CHARSET.matcher(value).matches()
        || APP_ID.matcher(value).matches()) {
      throw new InvalidException(
          "Invalid "
              + kind
              + " name: '"
              + value
              + "'. Names may contain only alphanumeric characters, dashes, periods, and"
              + " underscores, must be shorter than 64 characters, and cannot conflict with App ID"
              + " strings.");
    }
  }
}
