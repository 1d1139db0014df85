package dev.modal4j.sandboxes;

/**
 * Which Modal sandbox backend a handle talks to, read off its id (protocol/resources.md §5.1): V1
 * ids are {@code sb-} and exactly 22 characters of {@code [0-9A-Za-z]}; every other shape is V2.
 */
final class SandboxVersion {
  private static final int V1_SUFFIX_LENGTH = 22;

  private SandboxVersion() {}

  /** Whether {@code sandboxId} names a V2 sandbox. */
  static boolean isV2(String sandboxId) {
    if (!sandboxId.startsWith("sb-") || sandboxId.length() != "sb-".length() + V1_SUFFIX_LENGTH) {
      return true;
    }
    for (int i = "sb-".length(); i < sandboxId.length(); i++) {
      char c = sandboxId.charAt(i);
      boolean alnum = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
      if (!alnum) {
        return true;
      }
    }
    return false;
  }
}
