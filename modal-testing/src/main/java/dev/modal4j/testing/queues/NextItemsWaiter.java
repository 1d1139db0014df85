package dev.modal4j.testing.queues;

import com.google.protobuf.ByteString;
import dev.modal4j.proto.QueueItem;
import dev.modal4j.proto.QueueNextItemsResponse;
import dev.modal4j.testing.internal.AsyncUnary;
import java.util.List;

/** A QueueNextItems parked until an item after its entry id arrives. */
final class NextItemsWaiter extends Waiter {
  static final int MAX_ITEMS = 100;

  private final long after;
  private final AsyncUnary.Reply<QueueNextItemsResponse> reply;

  NextItemsWaiter(ByteString key, long after, AsyncUnary.Reply<QueueNextItemsResponse> reply) {
    super(key);
    this.after = after;
    this.reply = reply;
  }

  @Override
  boolean tryServe(EmulatedQueue queue) {
    if (reply.isDone()) {
      return true;
    }
    List<PartitionState.Item> items = queue.after(partitionKey, after, MAX_ITEMS);
    if (items.isEmpty()) {
      return false;
    }
    QueueNextItemsResponse.Builder b = QueueNextItemsResponse.newBuilder();
    for (PartitionState.Item item : items) {
      b.addItems(
          QueueItem.newBuilder().setValue(item.value()).setEntryId(Long.toString(item.seq())));
    }
    reply.send(b.build());
    return true;
  }

  @Override
  void timeOut() {
    reply.send(QueueNextItemsResponse.getDefaultInstance());
  }

  @Override
  AsyncUnary.Reply<?> reply() {
    return reply;
  }
}
