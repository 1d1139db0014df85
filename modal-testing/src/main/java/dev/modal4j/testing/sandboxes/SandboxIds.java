package dev.modal4j.testing.sandboxes;

import java.security.SecureRandom;
import java.time.Instant;

/**
 * The shapes of sandbox ids. A V1 sandbox id is {@code sb-} and 22 characters of {@code
 * [0-9A-Za-z]}; a V2 one is {@code sb-} and a 26-character ULID (48 bits of milliseconds, then 80
 * random bits, in Crockford's base 32), and its task id ends in {@code V}. Modal's SDKs tell the
 * two apart by that shape alone (anything not V1-shaped is V2), so the emulator's ids keep it.
 */
final class SandboxIds {
  private static final String CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  private static final SecureRandom RANDOM = new SecureRandom();

  private SandboxIds() {}

  /**
   * Whether {@code sandboxId} is V2-shaped: anything that is not {@code sb-} + 22 alphanumerics.
   */
  static boolean isV2(String sandboxId) {
    if (!sandboxId.startsWith("sb-") || sandboxId.length() != 25) {
      return true;
    }
    for (int i = 3; i < sandboxId.length(); i++) {
      char c = sandboxId.charAt(i);
      boolean alnum = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
      if (!alnum) {
        return true;
      }
    }
    return false;
  }

  /** A new V2 sandbox id and its task id. */
  static EmulatedSandbox.Ids newV2(Instant now) {
    String ulid = ulid(now.toEpochMilli());
    return new EmulatedSandbox.Ids("sb-" + ulid, "ta-" + ulid + "V");
  }

  /** A ULID for {@code millis}: 10 characters of time, 16 of randomness. */
  static String ulid(long millis) {
    char[] out = new char[26];
    long time = millis & 0xFFFF_FFFF_FFFFL;
    for (int i = 9; i >= 0; i--) {
      out[i] = CROCKFORD.charAt((int) (time & 31));
      time >>>= 5;
    }
    for (int i = 10; i < 26; i++) {
      out[i] = CROCKFORD.charAt(RANDOM.nextInt(32));
    }
    return new String(out);
  }
}
