package dev.modal4j.queues;

import dev.modal4j.internal.objects.ObjectArgs;
import java.time.Duration;
import java.util.Optional;

/**
 * Options of {@link Queue#iterate(Class, QueueIterateParams)}.
 *
 * <pre>{@code
 * try (Stream<String> s = q.iterate(String.class,
 *     QueueIterateParams.builder().itemPollTimeout(Duration.ofSeconds(2)).build())) {
 *   s.forEach(System.out::println);
 * }
 * }</pre>
 */
public final class QueueIterateParams {
  /** The defaults. */
  public static final QueueIterateParams DEFAULT = builder().build();

  private final Duration itemPollTimeout;
  private final String partition;

  private QueueIterateParams(Builder b) {
    this.itemPollTimeout = b.itemPollTimeout;
    this.partition = b.partition;
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.itemPollTimeout = itemPollTimeout;
    b.partition = partition;
    return b;
  }

  /** How long to wait for a further item before the stream ends (default 0). */
  public Duration itemPollTimeout() {
    return itemPollTimeout;
  }

  /** The partition; empty means the default partition. */
  public Optional<String> partition() {
    return Optional.ofNullable(partition);
  }

  /** The values, for logs. */
  @Override
  public String toString() {
    return "QueueIterateParams{"
        + "itemPollTimeout="
        + itemPollTimeout
        + ", "
        + "partition="
        + partition
        + "}";
  }

  /** Builds {@link QueueIterateParams}. */
  public static final class Builder {
    private Duration itemPollTimeout = Duration.ZERO;
    private String partition;

    private Builder() {}

    /**
     * How long to wait for a further item before the stream ends (default 0: end at the first empty
     * poll).
     */
    public Builder itemPollTimeout(Duration itemPollTimeout) {
      this.itemPollTimeout = ObjectArgs.timeout(itemPollTimeout, "itemPollTimeout");
      return this;
    }

    /** The partition: 1 to 64 bytes of UTF-8; not set means the default partition. */
    public Builder partition(String partition) {
      this.partition = ObjectArgs.partition(partition);
      return this;
    }

    /** The immutable params. */
    public QueueIterateParams build() {
      return new QueueIterateParams(this);
    }
  }
}
