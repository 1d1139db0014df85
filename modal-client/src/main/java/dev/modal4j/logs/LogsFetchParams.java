package dev.modal4j.logs;

import dev.modal4j.internal.Args;
import java.time.Instant;
import java.util.Optional;

/**
 * Which logs {@link Logs#fetch(LogsFetchParams)} reads: a time range (at most 35 days), a source
 * and a text to search for.
 *
 * <pre>{@code
 * LogsFetchParams params = LogsFetchParams.builder()
 *     .since(Instant.now().minus(Duration.ofHours(4)))
 *     .source(LogSource.STDOUT)
 *     .searchText("error")
 *     .build();
 * }</pre>
 */
public final class LogsFetchParams {
  /** No range, source or search text: a function call's logs since it was created. */
  public static final LogsFetchParams DEFAULT = builder().build();

  private final Instant since;
  private final Instant until;
  private final LogSource source;
  private final String searchText;

  private LogsFetchParams(Builder b) {
    this.since = b.since;
    this.until = b.until;
    this.source = b.source;
    this.searchText = b.searchText;
  }

  /** A new builder with nothing set. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.since = since;
    b.until = until;
    b.source = source;
    b.searchText = searchText;
    return b;
  }

  /**
   * The start of the range (inclusive). Required for functions and sandboxes; a function call's
   * logs start at its creation when it is not set.
   */
  public Optional<Instant> since() {
    return Optional.ofNullable(since);
  }

  /** The end of the range (exclusive); now when not set. */
  public Optional<Instant> until() {
    return Optional.ofNullable(until);
  }

  /** Only entries of this source; all sources when not set. */
  public Optional<LogSource> source() {
    return Optional.ofNullable(source);
  }

  /** Only entries containing this text; all entries when not set. */
  public Optional<String> searchText() {
    return Optional.ofNullable(searchText);
  }

  @Override
  public String toString() {
    return "LogsFetchParams{since="
        + since
        + ", until="
        + until
        + ", source="
        + source
        + ", searchText="
        + (searchText == null ? null : "'" + searchText + "'")
        + "}";
  }

  /** Builder of {@link LogsFetchParams}. */
  public static final class Builder {
    private Instant since;
    private Instant until;
    private LogSource source;
    private String searchText;

    private Builder() {}

    /** The start of the range (inclusive). */
    public Builder since(Instant since) {
      this.since = Args.notNull(since, "since");
      return this;
    }

    /** The end of the range (exclusive). */
    public Builder until(Instant until) {
      this.until = Args.notNull(until, "until");
      return this;
    }

    /** Only entries of this source. */
    public Builder source(LogSource source) {
      this.source = Args.notNull(source, "source");
      return this;
    }

    /** Only entries containing this text; an empty text means no filter. */
    public Builder searchText(String searchText) {
      Args.notNull(searchText, "searchText");
      this.searchText = searchText.isEmpty() ? null : searchText;
      return this;
    }

    /** The params. */
    public LogsFetchParams build() {
      return new LogsFetchParams(this);
    }
  }
}
