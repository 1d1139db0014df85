package dev.modal4j.queues;

import dev.modal4j.internal.objects.ObjectArgs;
import java.time.Duration;
import java.util.Optional;

/**
 * Options of {@link Queue#put(Object, QueuePutParams)} and {@link Queue#putMany(java.util.List,
 * QueuePutParams)}.
 *
 * <pre>{@code
 * q.put(42, QueuePutParams.builder().partition("p1").partitionTtl(Duration.ofMinutes(5)).build());
 * }</pre>
 */
public final class QueuePutParams {
  /** The defaults. */
  public static final QueuePutParams DEFAULT = builder().build();

  private final Duration timeout;
  private final String partition;
  private final Duration partitionTtl;

  private QueuePutParams(Builder b) {
    this.timeout = b.timeout;
    this.partition = b.partition;
    this.partitionTtl = b.partitionTtl;
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
    b.partitionTtl = partitionTtl;
    return b;
  }

  /** How long to retry while the queue is full; empty means as long as it takes. */
  public Optional<Duration> timeout() {
    return Optional.ofNullable(timeout);
  }

  /** The partition; empty means the default partition. */
  public Optional<String> partition() {
    return Optional.ofNullable(partition);
  }

  /** How long the partition lives after this put (default 24 hours). */
  public Duration partitionTtl() {
    return partitionTtl;
  }

  /** The values, for logs. */
  @Override
  public String toString() {
    return "QueuePutParams{"
        + "timeout="
        + timeout
        + ", "
        + "partition="
        + partition
        + ", "
        + "partitionTtl="
        + partitionTtl
        + "}";
  }

  /** Builds {@link QueuePutParams}. */
  public static final class Builder {
    private Duration timeout;
    private String partition;
    private Duration partitionTtl = Duration.ofHours(24);

    private Builder() {}

    /**
     * How long to retry while the queue is full before {@code QueueFullException}; zero means fail
     * at once.
     */
    public Builder timeout(Duration timeout) {
      this.timeout = ObjectArgs.timeout(timeout, "timeout");
      return this;
    }

    /** The partition: 1 to 64 bytes of UTF-8; not set means the default partition. */
    public Builder partition(String partition) {
      this.partition = ObjectArgs.partition(partition);
      return this;
    }

    /** How long the partition lives after this put: whole seconds, default 24 hours. */
    public Builder partitionTtl(Duration partitionTtl) {
      this.partitionTtl = ObjectArgs.wholeSeconds(partitionTtl, "partitionTtl");
      return this;
    }

    /** The immutable params. */
    public QueuePutParams build() {
      return new QueuePutParams(this);
    }
  }
}
