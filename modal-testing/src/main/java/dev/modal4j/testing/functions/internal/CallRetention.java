package dev.modal4j.testing.functions.internal;

import dev.modal4j.proto.GenericResult;
import dev.modal4j.testing.functions.ExecutionListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * How long calls are kept: a call with no unfinished inputs is removed, with its outputs and result
 * blobs, once it has been idle for the time-to-live (Modal keeps results of spawned calls for a
 * limited time, then reports them expired). The ids of the most recently expired calls are
 * remembered (bounded) so that they can be answered as expired rather than unknown.
 *
 * <p>Memory is bounded too: when the idle calls together hold more than {@code maxIdleOutputs}
 * outputs, the calls idle longest expire early, as if their time-to-live had passed (a batch of a
 * few million spawned inputs would otherwise fill the heap well before the hour). Eviction runs on
 * the scheduler, never under a call's lock.
 */
final class CallRetention {
  static final int EXPIRED_IDS_KEPT = 10_000;

  private final Map<String, CallState> calls;
  private final long ttlNanos;
  private final ScheduledExecutorService scheduler;
  private final ExecutionListener executions;
  private final BlobStore blobs;
  private final Set<String> expired = new LinkedHashSet<>();
  private final int maxIdleOutputs;
  private final LinkedHashMap<CallState, Integer> idle = new LinkedHashMap<>();
  private long idleOutputs;
  private boolean evictionScheduled;

  CallRetention(
      Map<String, CallState> calls,
      Duration ttl,
      ScheduledExecutorService scheduler,
      ExecutionListener executions,
      BlobStore blobs,
      int maxIdleOutputs) {
    this.maxIdleOutputs = maxIdleOutputs;
    this.calls = calls;
    this.ttlNanos = ttl.toNanos();
    this.scheduler = scheduler;
    this.executions = executions;
    this.blobs = blobs;
  }

  /**
   * Notes activity on {@code call} (opened, inputs added, an input finished); if it now has no
   * unfinished inputs its expiry is scheduled, superseding any earlier one. Call-locked.
   */
  void touched(CallState call) {
    int generation = ++call.retentionGeneration;
    if (call.expiryTask != null) {
      call.expiryTask.cancel(false);
      call.expiryTask = null;
    }
    if (call.unfinished > 0) {
      forgetIdle(call);
      return;
    }
    try {
      call.expiryTask =
          scheduler.schedule(() -> expireIfIdle(call, generation), ttlNanos, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // Shutting down: nothing is kept past the emulator anyway.
      return;
    }
    // Each retained input holds at most one output (touched runs before the output is appended).
    noteIdle(call, Math.max(call.inputs.size(), call.outputs.size()));
  }

  /** Records {@code call} as idle with {@code outputs} held, newest last; may start an eviction. */
  private synchronized void noteIdle(CallState call, int outputs) {
    Integer before = idle.remove(call);
    idleOutputs += outputs - (before == null ? 0 : before);
    idle.put(call, outputs);
    if (idleOutputs > maxIdleOutputs && !evictionScheduled) {
      evictionScheduled = true;
      try {
        scheduler.execute(this::evict);
      } catch (RejectedExecutionException e) {
        evictionScheduled = false;
      }
    }
  }

  private synchronized void forgetIdle(CallState call) {
    Integer before = idle.remove(call);
    if (before != null) {
      idleOutputs -= before;
    }
  }

  /** Expires the calls idle longest until the idle ones hold at most maxIdleOutputs outputs. */
  private void evict() {
    while (true) {
      CallState oldest;
      int generation;
      synchronized (this) {
        if (idleOutputs <= maxIdleOutputs || idle.isEmpty()) {
          evictionScheduled = false;
          return;
        }
        oldest = idle.keySet().iterator().next();
      }
      synchronized (oldest) {
        generation = oldest.retentionGeneration;
      }
      forgetIdle(oldest);
      expireIfIdle(oldest, generation);
    }
  }

  /** How many outputs the idle calls hold together (as of their last activity). */
  synchronized long idleOutputs() {
    return idleOutputs;
  }

  /** Whether {@code callId} names a call that expired recently. */
  synchronized boolean isExpired(String callId) {
    return expired.contains(callId);
  }

  /**
   * Removes {@code call} now (its outputs were delivered), without remembering it as expired; its
   * inputs' execution counts are still kept for the time-to-live.
   */
  void remove(CallState call) {
    List<String> inputIds;
    synchronized (call) {
      if (call.expiryTask != null) {
        call.expiryTask.cancel(false);
        call.expiryTask = null;
      }
      inputIds = inputIds(call);
    }
    forgetIdle(call);
    String callId = call.id;
    if (calls.remove(callId, call)) {
      try {
        // Captures the ids only, not the call.
        scheduler.schedule(
            () -> executions.expired(callId, inputIds), ttlNanos, TimeUnit.NANOSECONDS);
      } catch (RejectedExecutionException e) {
        // Shutting down.
      }
    }
  }

  private void expireIfIdle(CallState call, int generation) {
    List<String> inputIds;
    List<String> blobIds = new ArrayList<>();
    synchronized (call) {
      if (call.unfinished > 0 || call.retentionGeneration != generation) {
        return;
      }
      if (call.expiryTask != null) {
        call.expiryTask.cancel(false);
        call.expiryTask = null;
      }
      inputIds = inputIds(call);
      for (OutputEntry e : call.outputs.all()) {
        GenericResult result = e.item.getResult();
        if (!result.getDataBlobId().isEmpty()) {
          blobIds.add(result.getDataBlobId());
        }
      }
    }
    forgetIdle(call);
    remember(call.id);
    executions.expired(call.id, inputIds);
    if (calls.remove(call.id, call)) {
      blobIds.forEach(blobs::remove);
    }
  }

  private synchronized void remember(String callId) {
    expired.add(callId);
    if (expired.size() > EXPIRED_IDS_KEPT) {
      Iterator<String> oldest = expired.iterator();
      oldest.next();
      oldest.remove();
    }
  }

  private static List<String> inputIds(CallState call) {
    List<String> ids = new ArrayList<>(call.inputs.size());
    for (InputState in : call.inputs.values()) {
      ids.add(in.inputId);
    }
    return ids;
  }
}
