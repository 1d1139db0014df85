package dev.modal4j.sandboxes;

import dev.modal4j.InvalidException;
import java.time.Duration;
import java.util.Optional;

/**
 * Options of {@link Sandbox#snapshotDirectory(String, SnapshotDirectoryParams)}: the call's overall
 * time budget, how long the image lives, and an encryption key (Modal's JS SDK: {@code timeoutMs},
 * {@code ttlMs}, {@code experimentalEncryptionKey}).
 */
public final class SnapshotDirectoryParams {
  /** A 55 s budget and an image that lives 30 days. */
  public static final SnapshotDirectoryParams DEFAULT = builder().build();

  private final Duration timeout;
  private final Duration ttl;
  private final byte[] key;

  private SnapshotDirectoryParams(Builder b) {
    this.timeout = b.timeout;
    this.ttl = b.ttl;
    this.key = b.key;
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.timeout = timeout;
    b.ttl = ttl;
    b.key = key;
    return b;
  }

  /** The overall budget of the call, retries included (default 55 s). */
  public Duration timeout() {
    return timeout;
  }

  /** How long the image lives from its creation (default 30 days); empty: it never expires. */
  public Optional<Duration> ttl() {
    return Optional.ofNullable(ttl);
  }

  /**
   * The key the snapshot is encrypted with (experimental); the same key must be given to mount it.
   * Modal does not keep it. A copy.
   */
  public Optional<byte[]> experimentalEncryptionKey() {
    return Optional.ofNullable(key).map(byte[]::clone);
  }

  long wireTtlSeconds() {
    return ttl == null ? SnapshotOptions.NO_EXPIRY : ttl.getSeconds();
  }

  @Override
  public String toString() {
    return "SnapshotDirectoryParams{timeout="
        + timeout
        + ", ttl="
        + ttl
        + (key == null ? "" : ", with a key")
        + "}";
  }

  /** Builds {@link SnapshotDirectoryParams}. */
  public static final class Builder {
    private Duration timeout = SnapshotOptions.DEFAULT_TIMEOUT;
    private Duration ttl = SnapshotOptions.DEFAULT_TTL;
    private byte[] key;

    private Builder() {}

    /**
     * The overall budget; when it runs out the call fails with {@link
     * dev.modal4j.TimeoutException}.
     *
     * @throws InvalidException if it is null, zero or negative
     */
    public Builder timeout(Duration timeout) {
      this.timeout = SnapshotOptions.timeout(timeout);
      return this;
    }

    /**
     * How long the image lives, measured from its creation.
     *
     * @throws InvalidException if it is null, under 1 s, or not a whole number of seconds
     */
    public Builder ttl(Duration ttl) {
      this.ttl = SnapshotOptions.ttl(ttl);
      return this;
    }

    /** The image never expires. */
    public Builder noExpiry() {
      this.ttl = null;
      return this;
    }

    /**
     * Encrypts the snapshot with a key of the caller's (experimental); copied.
     *
     * @throws InvalidException if it is null, or not 16 to 512 bytes long
     */
    public Builder experimentalEncryptionKey(byte[] experimentalEncryptionKey) {
      this.key = SnapshotOptions.key(experimentalEncryptionKey);
      return this;
    }

    /** The params with the values set so far. */
    public SnapshotDirectoryParams build() {
      return new SnapshotDirectoryParams(this);
    }
  }
}
