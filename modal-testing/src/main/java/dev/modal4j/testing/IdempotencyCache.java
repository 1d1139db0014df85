package dev.modal4j.testing;

import com.google.protobuf.MessageLite;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcomes of unary calls by method and {@code x-idempotency-key}, so that a retried call gets
 * the first call's answer instead of being served again. An entry is claimed when the first call
 * arrives; calls with the same key that arrive while it runs wait for its outcome. A successful
 * outcome is kept for the time-to-live (bounded in count and bytes, oldest dropped first); a failed
 * one is handed to the waiting calls and then forgotten, since a failed request changed nothing and
 * may be served afresh.
 */
final class IdempotencyCache {
  private final long ttlNanos;
  private final int maxEntries;
  private final long maxBytes;
  private final Map<String, Entry> entries = new LinkedHashMap<>();
  private long bytes;

  IdempotencyCache(Duration ttl, int maxEntries, long maxBytes) {
    this.ttlNanos = ttl.toNanos();
    this.maxEntries = maxEntries;
    this.maxBytes = maxBytes;
  }

  /** Whether keys are honoured at all (a zero time-to-live ignores them). */
  boolean enabled() {
    return ttlNanos > 0;
  }

  /** The entry for {@code slot}, and whether this caller created it (and so must serve it). */
  synchronized Claim claim(String slot) {
    long now = System.nanoTime();
    evict(now);
    Entry existing = entries.get(slot);
    if (existing != null) {
      return new Claim(existing, false);
    }
    Entry created = new Entry(slot, now);
    entries.put(slot, created);
    return new Claim(created, true);
  }

  /** How many outcomes (and claims still running) are held. */
  synchronized int size() {
    return entries.size();
  }

  private void evict(long now) {
    for (Iterator<Entry> it = entries.values().iterator(); it.hasNext(); ) {
      Entry oldest = it.next();
      boolean expired = now - oldest.createdNanos > ttlNanos;
      if (!expired && entries.size() <= maxEntries && bytes <= maxBytes) {
        return;
      }
      it.remove();
      bytes -= oldest.bytes;
    }
  }

  private synchronized void forget(Entry entry) {
    if (entries.get(entry.slot) == entry) {
      entries.remove(entry.slot);
      bytes -= entry.bytes;
    }
  }

  private synchronized void account(Entry entry, long size) {
    if (entries.get(entry.slot) == entry) {
      entry.bytes = size;
      bytes += size;
    }
  }

  /** The result of {@link #claim}. */
  record Claim(Entry entry, boolean owner) {}

  /** One key's outcome; the calls waiting for it are answered when it is known. */
  final class Entry {
    private final String slot;
    private final long createdNanos;
    private final List<ServerCall<?, ?>> waiting = new ArrayList<>();
    private boolean done;
    private Object response;
    private Status failure;
    private Metadata failureTrailers;
    private long bytes;

    private Entry(String slot, long createdNanos) {
      this.slot = slot;
      this.createdNanos = createdNanos;
    }

    /** Records the first call's successful response and answers every waiting call with it. */
    void succeeded(Object message) {
      List<ServerCall<?, ?>> toAnswer;
      synchronized (this) {
        if (done) {
          return;
        }
        done = true;
        response = message;
        toAnswer = new ArrayList<>(waiting);
        waiting.clear();
      }
      account(this, message instanceof MessageLite m ? m.getSerializedSize() : 0);
      toAnswer.forEach(this::answer);
    }

    /** Forgets this key after a failure and hands the failure to every waiting call. */
    void failed(Status status, Metadata trailers) {
      List<ServerCall<?, ?>> toAnswer;
      synchronized (this) {
        if (done) {
          return;
        }
        done = true;
        failure = status;
        failureTrailers = trailers;
        toAnswer = new ArrayList<>(waiting);
        waiting.clear();
      }
      forget(this);
      toAnswer.forEach(this::answer);
    }

    /** Answers {@code call} with the outcome now, or once the first call has one. */
    void replayTo(ServerCall<?, ?> call) {
      synchronized (this) {
        if (!done) {
          waiting.add(call);
          return;
        }
      }
      answer(call);
    }

    /** Stops waiting for {@code call} (it was cancelled by its client). */
    synchronized void abandon(ServerCall<?, ?> call) {
      waiting.remove(call);
    }

    synchronized boolean isDone() {
      return done;
    }

    @SuppressWarnings("unchecked")
    private <R> void answer(ServerCall<?, R> call) {
      Object message;
      Status status;
      Metadata trailers = new Metadata();
      synchronized (this) {
        message = response;
        status = failure;
        if (failureTrailers != null) {
          trailers.merge(failureTrailers);
        }
      }
      // Each answer gets its own trailers: gRPC owns a Metadata once a call is closed with it.
      try {
        if (status != null) {
          call.close(status, trailers);
          return;
        }
        call.sendHeaders(new Metadata());
        call.sendMessage((R) message);
        call.close(Status.OK, trailers);
      } catch (RuntimeException e) {
        // The retrying client went away; nothing to deliver.
      }
    }
  }
}
