package dev.modal4j.queues;

import dev.modal4j.InvalidException;
import dev.modal4j.internal.objects.ObjectArgs;
import java.util.Optional;

/**
 * Options of {@link Queue#clear(QueueClearParams)}: one partition (default: the default partition),
 * or all.
 *
 * <pre>{@code
 * q.clear(QueueClearParams.builder().all(true).build());
 * }</pre>
 */
public final class QueueClearParams {
  /** The defaults. */
  public static final QueueClearParams DEFAULT = builder().build();

  private final String partition;
  private final boolean all;

  private QueueClearParams(Builder b) {
    this.partition = b.partition;
    this.all = b.all;
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.partition = partition;
    b.all = all;
    return b;
  }

  /** The partition; empty means the default partition. */
  public Optional<String> partition() {
    return Optional.ofNullable(partition);
  }

  /** Whether every partition is cleared. */
  public boolean all() {
    return all;
  }

  /** The values, for logs. */
  @Override
  public String toString() {
    return "QueueClearParams{" + "partition=" + partition + ", " + "all=" + all + "}";
  }

  /** Builds {@link QueueClearParams}. */
  public static final class Builder {
    private String partition;
    private boolean all;

    private Builder() {}

    /** The partition: 1 to 64 bytes of UTF-8; not set means the default partition. */
    public Builder partition(String partition) {
      this.partition = ObjectArgs.partition(partition);
      return this;
    }

    /** Clears every partition (default false); not with a partition. */
    public Builder all(boolean all) {
      this.all = all;
      return this;
    }

    /** The immutable params. @throws InvalidException if partition and all are both set */
    public QueueClearParams build() {
      if (partition != null && all) {
        throw new InvalidException("partition and all cannot both be set");
      }
      return new QueueClearParams(this);
    }
  }
}
