package dev.modal4j.testing.queues;

import com.google.protobuf.ByteString;
import dev.modal4j.testing.internal.AsyncUnary;
import java.util.concurrent.ScheduledFuture;

/**
 * A parked QueueGet or QueueNextItems: it waits, holding no thread, until a put to its partition
 * can serve it, its timeout passes, the client cancels, or the queue goes away.
 */
abstract class Waiter {
  final ByteString partitionKey;
  volatile ScheduledFuture<?> timer;

  Waiter(ByteString partitionKey) {
    this.partitionKey = partitionKey;
  }

  /** Called with the queue locked: answers and returns true if the queue can serve it now. */
  abstract boolean tryServe(EmulatedQueue queue);

  /** Answers with nothing (the timeout passed). */
  abstract void timeOut();

  /** The call's reply, to fail it when the queue goes away. */
  abstract AsyncUnary.Reply<?> reply();

  void cancelTimer() {
    ScheduledFuture<?> t = timer;
    if (t != null) {
      t.cancel(false);
    }
  }
}
