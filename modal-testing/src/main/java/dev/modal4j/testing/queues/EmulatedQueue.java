package dev.modal4j.testing.queues;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * One queue: partitions of opaque byte values, each a FIFO with its own TTL (counted from the last
 * put), and the calls parked on it. Every method locks the queue.
 */
final class EmulatedQueue {
  private final Clock clock;
  private final double createdAt;
  private final Map<ByteString, PartitionState> partitions = new HashMap<>();
  private final List<Waiter> waiters = new ArrayList<>();
  private long nextSeq = 1;
  private boolean gone;

  EmulatedQueue(Clock clock) {
    this.clock = clock;
    this.createdAt = clock.millis() / 1000.0;
  }

  /** When the queue was made, in seconds since the epoch. */
  double createdAt() {
    return createdAt;
  }

  /** How many partitions hold items now. */
  synchronized int partitionCount() {
    dropExpired(clock.instant());
    return (int) partitions.values().stream().filter(p -> !p.items.isEmpty()).count();
  }

  synchronized void put(
      ByteString key, List<ByteString> values, int ttlSeconds, QueueLimits limits) {
    checkLive();
    for (ByteString v : values) {
      if (v.size() > limits.maxItemBytes()) {
        throw Status.INVALID_ARGUMENT
            .withDescription(
                "Queue item of "
                    + v.size()
                    + " bytes is larger than the limit of "
                    + limits.maxItemBytes()
                    + " bytes")
            .asRuntimeException();
      }
    }
    Instant now = clock.instant();
    PartitionState p = partition(key, now);
    if (p == null) {
      if (partitions.size() >= limits.maxPartitions()) {
        throw Status.RESOURCE_EXHAUSTED
            .withDescription(
                "Queue has reached the limit of " + limits.maxPartitions() + " partitions")
            .asRuntimeException();
      }
      p = new PartitionState(now);
    }
    if (p.items.size() + values.size() > limits.maxPartitionItems()) {
      throw Status.RESOURCE_EXHAUSTED
          .withDescription(
              "Queue partition is full (limit " + limits.maxPartitionItems() + " items)")
          .asRuntimeException();
    }
    partitions.putIfAbsent(key, p);
    for (ByteString v : values) {
      p.items.add(new PartitionState.Item(nextSeq++, v));
    }
    p.expiresAt = now.plus(Duration.ofSeconds(ttlSeconds));
    serveWaiters(key);
  }

  /** Removes and returns up to {@code n} values from the front of a partition. */
  synchronized List<ByteString> take(ByteString key, int n) {
    checkLive();
    PartitionState p = partition(key, clock.instant());
    List<ByteString> out = new ArrayList<>();
    while (p != null && out.size() < n && !p.items.isEmpty()) {
      out.add(p.items.poll().value());
    }
    return out;
  }

  /** Up to {@code max} items after entry {@code after}, without removing them. */
  synchronized List<PartitionState.Item> after(ByteString key, long after, int max) {
    checkLive();
    PartitionState p = partition(key, clock.instant());
    List<PartitionState.Item> out = new ArrayList<>();
    if (p != null) {
      for (PartitionState.Item item : p.items) {
        if (item.seq() > after) {
          out.add(item);
          if (out.size() == max) {
            break;
          }
        }
      }
    }
    return out;
  }

  synchronized int len(ByteString key, boolean total) {
    checkLive();
    Instant now = clock.instant();
    if (!total) {
      PartitionState p = partition(key, now);
      return p == null ? 0 : p.items.size();
    }
    dropExpired(now);
    return partitions.values().stream().mapToInt(p -> p.items.size()).sum();
  }

  synchronized void clear(ByteString key, boolean all) {
    checkLive();
    if (all) {
      partitions.clear();
    } else {
      partitions.remove(key);
    }
  }

  /** Parks a call unless the queue can serve it now. Returns false if it was served at once. */
  synchronized boolean park(Waiter w) {
    checkLive();
    if (w.tryServe(this)) {
      return false;
    }
    waiters.add(w);
    return true;
  }

  /** Serves a call that does not wait (timeout 0); returns false if there was nothing. */
  synchronized boolean serveNow(Waiter w) {
    checkLive();
    return w.tryServe(this);
  }

  synchronized void unpark(Waiter w) {
    waiters.remove(w);
  }

  /** The queue was deleted or expired: its parked calls fail with NOT_FOUND. */
  void remove(String id) {
    List<Waiter> parked;
    synchronized (this) {
      gone = true;
      parked = new ArrayList<>(waiters);
      waiters.clear();
      partitions.clear();
    }
    for (Waiter w : parked) {
      w.cancelTimer();
      w.reply()
          .fail(
              Status.NOT_FOUND.withDescription("Queue " + id + " not found").asRuntimeException());
    }
  }

  synchronized void dropExpired() {
    dropExpired(clock.instant());
  }

  synchronized int parkedCalls() {
    return waiters.size();
  }

  private void dropExpired(Instant now) {
    partitions.values().removeIf(p -> p.expired(now));
  }

  private void serveWaiters(ByteString key) {
    for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
      Waiter w = it.next();
      if (w.reply().isDone()) {
        it.remove();
      } else if (w.partitionKey.equals(key) && w.tryServe(this)) {
        w.cancelTimer();
        it.remove();
      }
    }
  }

  private PartitionState partition(ByteString key, Instant now) {
    PartitionState p = partitions.get(key);
    if (p != null && p.expired(now)) {
      partitions.remove(key);
      return null;
    }
    return p;
  }

  private void checkLive() {
    if (gone) {
      throw Status.NOT_FOUND.withDescription("Queue not found").asRuntimeException();
    }
  }
}
