package dev.modal4j.volumes;

import dev.modal4j.InvalidException;
import java.util.OptionalLong;

/**
 * Which bytes {@link Volume#readFile(String, ReadFileParams)} reads: from {@code start}, {@code
 * length} bytes (or to the end).
 *
 * <pre>{@code
 * try (InputStream header =
 *     volume.readFile("/data.bin", ReadFileParams.builder().start(0).length(512).build())) { ... }
 * }</pre>
 */
public final class ReadFileParams {
  /** The whole file. */
  public static final ReadFileParams DEFAULT = builder().build();

  private final long start;
  private final long length;

  private ReadFileParams(Builder b) {
    this.start = b.start;
    this.length = b.length;
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.start = start;
    b.length = length;
    return b;
  }

  /** The offset of the first byte read. */
  public long start() {
    return start;
  }

  /** How many bytes are read; empty means to the end of the file. */
  public OptionalLong length() {
    return length == 0 ? OptionalLong.empty() : OptionalLong.of(length);
  }

  @Override
  public String toString() {
    return "ReadFileParams{start=" + start + ", length=" + length() + "}";
  }

  /** Builds {@link ReadFileParams}. */
  public static final class Builder {
    private long start;
    private long length;

    private Builder() {}

    /**
     * The offset of the first byte read; 0 by default.
     *
     * @throws InvalidException if {@code start} is negative
     */
    public Builder start(long start) {
      if (start < 0) {
        throw new InvalidException("start must not be negative, got " + start);
      }
      this.start = start;
      return this;
    }

    /**
     * How many bytes are read (fewer if the file ends first); to the end by default.
     *
     * @throws InvalidException if {@code length} is not positive
     */
    public Builder length(long length) {
      if (length <= 0) {
        throw new InvalidException("length must be positive, got " + length);
      }
      this.length = length;
      return this;
    }

    /** The immutable params. */
    public ReadFileParams build() {
      return new ReadFileParams(this);
    }
  }
}
