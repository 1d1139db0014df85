package dev.modal4j.logs;

import dev.modal4j.InvalidException;
import dev.modal4j.internal.Args;
import java.time.Duration;
import java.util.Optional;

/** How long {@link Logs#stream(LogsStreamParams)} follows new entries. */
public final class LogsStreamParams {
  /** No idle timeout: a function's stream runs until closed, a call's until it has finished. */
  public static final LogsStreamParams DEFAULT = builder().build();

  private final Duration timeout;

  private LogsStreamParams(Builder b) {
    this.timeout = b.timeout;
  }

  /** A new builder with nothing set. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.timeout = timeout;
    return b;
  }

  /**
   * The stream ends once no entry has arrived for this long; {@code Duration.ZERO} ends it at once.
   */
  public Optional<Duration> timeout() {
    return Optional.ofNullable(timeout);
  }

  @Override
  public String toString() {
    return "LogsStreamParams{timeout=" + timeout + "}";
  }

  /** Builder of {@link LogsStreamParams}. */
  public static final class Builder {
    private Duration timeout;

    private Builder() {}

    /**
     * Ends the stream once no entry has arrived for {@code timeout}.
     *
     * @throws InvalidException if null or negative
     */
    public Builder timeout(Duration timeout) {
      this.timeout = Args.notNegative(timeout, "timeout");
      return this;
    }

    /** The params. */
    public LogsStreamParams build() {
      return new LogsStreamParams(this);
    }
  }
}
