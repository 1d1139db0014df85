package dev.modal4j.queues;

import com.fasterxml.jackson.databind.JavaType;
import com.google.protobuf.ByteString;
import dev.modal4j.internal.ClientContext;
import dev.modal4j.internal.Futures;
import dev.modal4j.internal.pickle.Pickles;
import dev.modal4j.proto.ModalClientGrpc;
import dev.modal4j.proto.QueueItem;
import dev.modal4j.proto.QueueNextItemsRequest;
import dev.modal4j.proto.QueueNextItemsResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Walks a partition with QueueNextItems: each poll waits up to the time left before the item poll
 * deadline (at most 30 s); items push the deadline out by the item poll timeout; an empty poll past
 * the deadline ends the walk. Not thread-safe (one stream, one consumer).
 */
final class QueueIterator<T> implements Iterator<T> {
  private static final Duration MAX_POLL = Duration.ofSeconds(30);

  private final ClientContext context;
  private final String queueId;
  private final ByteString key;
  private final Duration itemPollTimeout;
  private final JavaType type;
  private final ArrayDeque<ByteString> buffer = new ArrayDeque<>();
  private String lastEntryId = "";
  private long fetchDeadline;
  private boolean done;

  private QueueIterator(
      ClientContext context,
      String queueId,
      ByteString key,
      Duration itemPollTimeout,
      JavaType type) {
    this.context = context;
    this.queueId = queueId;
    this.key = key;
    this.itemPollTimeout = itemPollTimeout;
    this.type = type;
    this.fetchDeadline = System.nanoTime() + itemPollTimeout.toNanos();
  }

  static <T> Stream<T> stream(
      ClientContext context,
      String queueId,
      ByteString key,
      Duration itemPollTimeout,
      JavaType type) {
    QueueIterator<T> it = new QueueIterator<>(context, queueId, key, itemPollTimeout, type);
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED), false);
  }

  @Override
  public boolean hasNext() {
    while (buffer.isEmpty() && !done) {
      long left = Math.max(0, fetchDeadline - System.nanoTime());
      Duration poll = Duration.ofNanos(Math.min(left, MAX_POLL.toNanos()));
      QueueNextItemsRequest req =
          QueueNextItemsRequest.newBuilder()
              .setQueueId(queueId)
              .setPartitionKey(key)
              .setLastEntryId(lastEntryId)
              .setItemPollTimeout(poll.toNanos() / 1e9f)
              .build();
      QueueNextItemsResponse resp =
          Futures.join(
              context.controlPlane().unary(ModalClientGrpc.getQueueNextItemsMethod(), req));
      if (resp.getItemsCount() > 0) {
        for (QueueItem item : resp.getItemsList()) {
          buffer.add(item.getValue());
          lastEntryId = item.getEntryId();
        }
        fetchDeadline = System.nanoTime() + itemPollTimeout.toNanos();
      } else if (System.nanoTime() - fetchDeadline >= 0) {
        done = true;
      }
    }
    return !buffer.isEmpty();
  }

  @Override
  public T next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return Pickles.decode(buffer.poll().toByteArray(), type);
  }
}
