package dev.modal4j.volumes;

import dev.modal4j.InvalidException;
import java.util.OptionalInt;

/**
 * Options of {@link Volume#listFiles(String, ListFilesParams)}.
 *
 * <pre>{@code
 * try (Stream<VolumeEntry> all =
 *     volume.listFiles("/", ListFilesParams.builder().recursive(true).build())) { ... }
 * }</pre>
 */
public final class ListFilesParams {
  /** The defaults: the directory's own entries, all of them. */
  public static final ListFilesParams DEFAULT = builder().build();

  private final boolean recursive;
  private final int maxEntries;

  private ListFilesParams(Builder b) {
    this.recursive = b.recursive;
    this.maxEntries = b.maxEntries;
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.recursive = recursive;
    b.maxEntries = maxEntries;
    return b;
  }

  /** Whether everything below the path is listed, not only its direct entries. */
  public boolean recursive() {
    return recursive;
  }

  /** The most entries Modal is asked to list; empty for no limit. */
  public OptionalInt maxEntries() {
    return maxEntries == 0 ? OptionalInt.empty() : OptionalInt.of(maxEntries);
  }

  @Override
  public String toString() {
    return "ListFilesParams{recursive=" + recursive + ", maxEntries=" + maxEntries() + "}";
  }

  /** Builds {@link ListFilesParams}. */
  public static final class Builder {
    private boolean recursive;
    private int maxEntries;

    private Builder() {}

    /** Whether everything below the path is listed; false by default. */
    public Builder recursive(boolean recursive) {
      this.recursive = recursive;
      return this;
    }

    /**
     * The most entries Modal is asked to list.
     *
     * @throws InvalidException if {@code maxEntries} is not positive
     */
    public Builder maxEntries(int maxEntries) {
      if (maxEntries <= 0) {
        throw new InvalidException("maxEntries must be positive, got " + maxEntries);
      }
      this.maxEntries = maxEntries;
      return this;
    }

    /** The immutable params. */
    public ListFilesParams build() {
      return new ListFilesParams(this);
    }
  }
}
