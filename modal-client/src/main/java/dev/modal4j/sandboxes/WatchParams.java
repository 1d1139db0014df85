package dev.modal4j.sandboxes;

import dev.modal4j.internal.Args;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Options of {@link SandboxFilesystem#watch(String, WatchParams)}: which kinds of events to report
 * (all by default; an empty set reports none), whether to watch subdirectories too, and how long to
 * watch (whole seconds; forever by default).
 */
public final class WatchParams {
  /** Every kind of event, not recursive, no timeout. */
  public static final WatchParams DEFAULT = builder().build();

  private final Set<FileWatchEventType> filter;
  private final boolean recursive;
  private final Duration timeout;

  private WatchParams(Builder b) {
    filter = b.filter == null ? null : Set.copyOf(b.filter);
    recursive = b.recursive;
    timeout = b.timeout;
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.filter =
        filter == null
            ? null
            : EnumSet.copyOf(filter.isEmpty() ? EnumSet.noneOf(FileWatchEventType.class) : filter);
    b.recursive = recursive;
    b.timeout = timeout;
    return b;
  }

  /** The kinds reported; empty when every kind is. */
  public Optional<Set<FileWatchEventType>> filter() {
    return Optional.ofNullable(filter);
  }

  /** Whether events in subdirectories are reported too. */
  public boolean recursive() {
    return recursive;
  }

  /** How long the watch runs; empty for as long as the stream is open. */
  public Optional<Duration> timeout() {
    return Optional.ofNullable(timeout);
  }

  @Override
  public String toString() {
    return "WatchParams{filter="
        + filter
        + ", recursive="
        + recursive
        + ", timeout="
        + timeout
        + "}";
  }

  /** Builds {@link WatchParams}. */
  public static final class Builder {
    private Set<FileWatchEventType> filter;
    private boolean recursive;
    private Duration timeout;

    private Builder() {}

    /**
     * Reports only these kinds (an empty set: none).
     *
     * @throws dev.modal4j.InvalidException if {@code filter} is null or holds null
     */
    public Builder filter(Set<FileWatchEventType> filter) {
      Args.noNullElements(filter, "filter");
      this.filter =
          filter.isEmpty() ? EnumSet.noneOf(FileWatchEventType.class) : EnumSet.copyOf(filter);
      return this;
    }

    /** Reports events in subdirectories too. */
    public Builder recursive(boolean recursive) {
      this.recursive = recursive;
      return this;
    }

    /**
     * Ends the watch after {@code timeout}, truncated to whole seconds (zero ends it at once).
     *
     * @throws dev.modal4j.InvalidException if {@code timeout} is null or negative
     */
    public Builder timeout(Duration timeout) {
      this.timeout = Args.notNegative(timeout, "timeout");
      return this;
    }

    /** The params. */
    public WatchParams build() {
      return new WatchParams(this);
    }
  }
}
