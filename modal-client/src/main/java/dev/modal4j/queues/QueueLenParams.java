package dev.modal4j.queues;

import dev.modal4j.InvalidException;
import dev.modal4j.internal.objects.ObjectArgs;
import java.util.Optional;

/**
 * Options of {@link Queue#len(QueueLenParams)}: one partition (default: the default partition), or
 * the total.
 *
 * <pre>{@code
 * int n = q.len(QueueLenParams.builder().total(true).build());
 * }</pre>
 */
public final class QueueLenParams {
  /** The defaults. */
  public static final QueueLenParams DEFAULT = builder().build();

  private final String partition;
  private final boolean total;

  private QueueLenParams(Builder b) {
    this.partition = b.partition;
    this.total = b.total;
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.partition = partition;
    b.total = total;
    return b;
  }

  /** The partition; empty means the default partition. */
  public Optional<String> partition() {
    return Optional.ofNullable(partition);
  }

  /** Whether all partitions are counted. */
  public boolean total() {
    return total;
  }

  /** The values, for logs. */
  @Override
  public String toString() {
    return "QueueLenParams{" + "partition=" + partition + ", " + "total=" + total + "}";
  }

  /** Builds {@link QueueLenParams}. */
  public static final class Builder {
    private String partition;
    private boolean total;

    private Builder() {}

    /** The partition: 1 to 64 bytes of UTF-8; not set means the default partition. */
    public Builder partition(String partition) {
      this.partition = ObjectArgs.partition(partition);
      return this;
    }

    /** Counts every partition (default false); not with a partition. */
    public Builder total(boolean total) {
      this.total = total;
      return this;
    }

    /** The immutable params. @throws InvalidException if partition and total are both set */
    public QueueLenParams build() {
      if (partition != null && total) {
        throw new InvalidException("partition and total cannot both be set");
      }
      return new QueueLenParams(this);
    }
  }
}
