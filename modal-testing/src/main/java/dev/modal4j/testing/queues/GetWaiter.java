package dev.modal4j.testing.queues;

import com.google.protobuf.ByteString;
import dev.modal4j.proto.QueueGetResponse;
import dev.modal4j.testing.internal.AsyncUnary;
import java.util.List;

/** A QueueGet parked on an empty partition. */
final class GetWaiter extends Waiter {
  private final int n;
  private final AsyncUnary.Reply<QueueGetResponse> reply;

  GetWaiter(ByteString key, int n, AsyncUnary.Reply<QueueGetResponse> reply) {
    super(key);
    this.n = n;
    this.reply = reply;
  }

  @Override
  boolean tryServe(EmulatedQueue queue) {
    if (reply.isDone()) {
      return true;
    }
    List<ByteString> values = queue.take(partitionKey, n);
    if (values.isEmpty()) {
      return false;
    }
    reply.send(QueueGetResponse.newBuilder().addAllValues(values).build());
    return true;
  }

  @Override
  void timeOut() {
    reply.send(QueueGetResponse.getDefaultInstance());
  }

  @Override
  AsyncUnary.Reply<?> reply() {
    return reply;
  }
}
