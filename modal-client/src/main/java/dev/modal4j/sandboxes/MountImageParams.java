package dev.modal4j.sandboxes;

import dev.modal4j.InvalidException;
import java.util.Optional;

/** Options of {@link Sandbox#mountImage(String, dev.modal4j.images.Image, MountImageParams)}. */
public final class MountImageParams {
  /** No encryption key. */
  public static final MountImageParams DEFAULT = builder().build();

  private final byte[] key;

  private MountImageParams(Builder b) {
    this.key = b.key;
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.key = key;
    return b;
  }

  /** The key the image was encrypted with (experimental); a copy. */
  public Optional<byte[]> experimentalEncryptionKey() {
    return Optional.ofNullable(key).map(byte[]::clone);
  }

  @Override
  public String toString() {
    return "MountImageParams{" + (key == null ? "" : "with a key") + "}";
  }

  /** Builds {@link MountImageParams}. */
  public static final class Builder {
    private byte[] key;

    private Builder() {}

    /**
     * The key the snapshot was encrypted with (experimental); copied.
     *
     * @throws InvalidException if it is null, or not 16 to 512 bytes long
     */
    public Builder experimentalEncryptionKey(byte[] experimentalEncryptionKey) {
      this.key = SnapshotOptions.key(experimentalEncryptionKey);
      return this;
    }

    /** The params with the values set so far. */
    public MountImageParams build() {
      return new MountImageParams(this);
    }
  }
}
