package dev.modal4j.volumes;

import dev.modal4j.internal.Args;
import java.util.Optional;

/**
 * How {@link Volume#withMountOptions} mounts a volume: read-only or not, and which directory of the
 * volume. An option left unset keeps the volume's current value.
 *
 * <pre>{@code
 * Volume items = data.withMountOptions(
 *     VolumeMountOptions.builder().readOnly(true).subPath("/items").build());
 * }</pre>
 */
public final class VolumeMountOptions {
  private final Boolean readOnly;
  private final String subPath;

  private VolumeMountOptions(Builder b) {
    this.readOnly = b.readOnly;
    this.subPath = b.subPath;
  }

  /** A builder with nothing set. */
  public static Builder builder() {
    return new Builder();
  }

  /** Whether to mount read-only; empty keeps the volume's setting. */
  public Optional<Boolean> readOnly() {
    return Optional.ofNullable(readOnly);
  }

  /** The directory of the volume to mount ("/" = the whole volume); empty keeps the current. */
  public Optional<String> subPath() {
    return Optional.ofNullable(subPath);
  }

  @Override
  public String toString() {
    return "VolumeMountOptions{readOnly=" + readOnly + ", subPath=" + subPath + "}";
  }

  /** Builds {@link VolumeMountOptions}. */
  public static final class Builder {
    private Boolean readOnly;
    private String subPath;

    private Builder() {}

    /** Mounts the volume read-only (true) or writable (false). */
    public Builder readOnly(boolean readOnly) {
      this.readOnly = readOnly;
      return this;
    }

    /**
     * Mounts only this directory of the volume; "/" mounts the whole volume.
     *
     * @throws dev.modal4j.InvalidException if null, or a path with a ".." segment
     */
    public Builder subPath(String subPath) {
      Args.notNull(subPath, "subPath");
      for (String part : subPath.split("/")) {
        if (part.equals("..")) {
          throw new dev.modal4j.InvalidException(
              "subPath: must stay inside the volume, got '" + subPath + "'");
        }
      }
      this.subPath = subPath;
      return this;
    }

    /** The immutable options. */
    public VolumeMountOptions build() {
      return new VolumeMountOptions(this);
    }
  }
}
