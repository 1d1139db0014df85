package dev.modal4j.testing.queues;

import com.google.protobuf.ByteString;
import java.time.Instant;
import java.util.ArrayDeque;

/** One FIFO partition: its values with their entry numbers, and when it expires. */
final class PartitionState {
  record Item(long seq, ByteString value) {}

  final ArrayDeque<Item> items = new ArrayDeque<>();
  Instant expiresAt;

  PartitionState(Instant expiresAt) {
    this.expiresAt = expiresAt;
  }

  boolean expired(Instant now) {
    return now.isAfter(expiresAt);
  }
}
