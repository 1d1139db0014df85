package dev.modal4j.logs;

import dev.modal4j.InvalidException;
import dev.modal4j.internal.Args;
import java.util.Optional;

/** How many of the most recent entries {@link Logs#tail(LogsTailParams)} reads, of which source. */
public final class LogsTailParams {
  /** The most entries a tail may ask for. */
  public static final int MAX_ENTRIES = 20_000;

  /** The last 100 entries of every source. */
  public static final LogsTailParams DEFAULT = builder().build();

  private final int entries;
  private final LogSource source;

  private LogsTailParams(Builder b) {
    this.entries = b.entries;
    this.source = b.source;
  }

  /** A new builder with the defaults (100 entries, all sources). */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.entries = entries;
    b.source = source;
    return b;
  }

  /** How many entries, at most: 100 unless set. */
  public int entries() {
    return entries;
  }

  /** Only entries of this source; all sources when not set. */
  public Optional<LogSource> source() {
    return Optional.ofNullable(source);
  }

  @Override
  public String toString() {
    return "LogsTailParams{entries=" + entries + ", source=" + source + "}";
  }

  /** Builder of {@link LogsTailParams}. */
  public static final class Builder {
    private int entries = 100;
    private LogSource source;

    private Builder() {}

    /**
     * How many of the most recent entries to read.
     *
     * @throws InvalidException if negative or above {@link #MAX_ENTRIES}
     */
    public Builder entries(int entries) {
      if (entries < 0) {
        throw new InvalidException(
            "entries must not be negative: cannot fetch a negative number of log entries, got "
                + entries);
      }
      if (entries > MAX_ENTRIES) {
        throw new InvalidException(
            "entries must be at most " + MAX_ENTRIES + " (cannot fetch more), got " + entries);
      }
      this.entries = entries;
      return this;
    }

    /** Only entries of this source. */
    public Builder source(LogSource source) {
      this.source = Args.notNull(source, "source");
      return this;
    }

    /** The params. */
    public LogsTailParams build() {
      return new LogsTailParams(this);
    }
  }
}
