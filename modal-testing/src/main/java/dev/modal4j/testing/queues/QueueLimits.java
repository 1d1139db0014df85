package dev.modal4j.testing.queues;

/**
 * Modal's queue limits, as the emulator enforces them: items per partition, bytes per item,
 * partitions per queue. Immutable; the defaults are Modal's documented ones.
 *
 * @param maxPartitionItems a put that would take a partition beyond this is RESOURCE_EXHAUSTED
 * @param maxItemBytes a put with a larger value is INVALID_ARGUMENT
 * @param maxPartitions a put that would add a partition beyond this is RESOURCE_EXHAUSTED
 */
public record QueueLimits(int maxPartitionItems, int maxItemBytes, int maxPartitions) {
  /** 5,000 items per partition, 1 MiB per item, 100,000 partitions. */
  public static final QueueLimits MODAL = new QueueLimits(5_000, 1024 * 1024, 100_000);
}
