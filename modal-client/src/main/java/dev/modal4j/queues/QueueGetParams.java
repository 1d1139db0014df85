package dev.modal4j.queues;

import dev.modal4j.internal.objects.ObjectArgs;
import java.time.Duration;
import java.util.Optional;

/**
 * Options of {@link Queue#get(Class, QueueGetParams)} and {@link Queue#getMany(int, Class,
 * QueueGetParams)}.
 *
 * <pre>{@code
 * String s = q.get(String.class,
 *     QueueGetParams.builder().timeout(Duration.ofSeconds(5)).partition("p1").build());
 * }</pre>
 */
public final class QueueGetParams {
  /** The defaults. */
  public static final QueueGetParams DEFAULT = builder().build();

  private final Duration timeout;
  private final String partition;

  private QueueGetParams(Builder b) {
    this.timeout = b.timeout;
    this.partition = b.partition;
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.timeout = timeout;
    b.partition = partition;
    return b;
  }

  /** How long to wait for a value; empty means wait as long as it takes. */
  public Optional<Duration> timeout() {
    return Optional.ofNullable(timeout);
  }

  /** The partition; empty means the default partition. */
  public Optional<String> partition() {
    return Optional.ofNullable(partition);
  }

  /** The values, for logs. */
  @Override
  public String toString() {
    return "QueueGetParams{" + "timeout=" + timeout + ", " + "partition=" + partition + "}";
  }

  /** Builds {@link QueueGetParams}. */
  public static final class Builder {
    private Duration timeout;
    private String partition;

    private Builder() {}

    /** How long to wait for a value before {@code QueueEmptyException}; zero means do not wait. */
    public Builder timeout(Duration timeout) {
      this.timeout = ObjectArgs.timeout(timeout, "timeout");
      return this;
    }

    /** The partition: 1 to 64 bytes of UTF-8; not set means the default partition. */
    public Builder partition(String partition) {
      this.partition = ObjectArgs.partition(partition);
      return this;
    }

    /** The immutable params. */
    public QueueGetParams build() {
      return new QueueGetParams(this);
    }
  }
}
