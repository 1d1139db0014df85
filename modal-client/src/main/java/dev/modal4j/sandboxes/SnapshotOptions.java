package dev.modal4j.sandboxes;

import dev.modal4j.InvalidException;
import dev.modal4j.internal.Args;
import java.time.Duration;

/** The checks and wire values shared by the snapshot params (protocol/resources.md §5.13). */
final class SnapshotOptions {
  /** The overall budget of a snapshot call unless one is given. */
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(55);

  /** How long a snapshot image lives unless a TTL is given: 30 days. */
  static final Duration DEFAULT_TTL = Duration.ofDays(30);

  /** The wire's TTL for an image that never expires. */
  static final long NO_EXPIRY = -1;

  private static final int MIN_KEY_BYTES = 16;
  private static final int MAX_KEY_BYTES = 512;

  private SnapshotOptions() {}

  static Duration timeout(Duration timeout) {
    Args.notNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new InvalidException("timeout must be positive, got " + timeout);
    }
    return timeout;
  }

  static Duration ttl(Duration ttl) {
    Args.notNull(ttl, "ttl");
    if (ttl.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new InvalidException("ttl must be at least 1 s, got " + ttl);
    }
    if (ttl.getNano() != 0) {
      throw new InvalidException("ttl must be a whole number of seconds, got " + ttl);
    }
    return ttl;
  }

  static byte[] key(byte[] key) {
    Args.notNull(key, "experimentalEncryptionKey");
    if (key.length < MIN_KEY_BYTES || key.length > MAX_KEY_BYTES) {
      throw new InvalidException(
          "experimentalEncryptionKey must be 16 to 512 bytes, got " + key.length);
    }
    return key.clone();
  }
}
