package dev.modal4j.internal.map;

import dev.modal4j.proto.FunctionInput;
import dev.modal4j.proto.FunctionRetryPolicy;
import java.time.Duration;

/**
 * One input of a map while it is in flight, and the state machine of its attempts.
 *
 * <p>Several threads act on one item: the put sender, the output poller, the retry sender and the
 * lost-input check. Every transition is one method holding the item's monitor, so a decision (say,
 * "retry this attempt") and the state it rests on cannot be overtaken by another thread, and an
 * item completes exactly once. {@code token} and {@code retryCount} are readable without the lock
 * (backends read them to build requests) but written only under it.
 */
final class MapItem {
  /** Retries after INTERNAL_FAILURE or a lost input, not charged to the retry policy. */
  static final int MAX_SYSTEM_RETRIES = 8;

  enum State {
    /** The put or resubmission is in flight: its token is not known yet. */
    SENDING,
    /** The attempt is running on the server. */
    WAITING,
    /** The attempt failed; a resubmission is due (now or after a backoff). */
    WAITING_TO_RETRY,
    /** The resubmission is in flight. */
    RETRYING,
    /** The final output has been taken; nothing happens to the item any more. */
    COMPLETE
  }

  /** What a failed or lost attempt leads to. */
  enum Verdict {
    /** The report is about an attempt already judged, or the item is complete: ignore it. */
    STALE,
    /** No retries left: the item is complete, with this failure as its result. */
    GIVE_UP,
    /** The item now waits to retry: schedule it after {@link #retryDelay()}. */
    RETRY,
    /** The attempt's token is not known yet; the sender schedules the retry once it is. */
    DEFERRED
  }

  final int idx;
  final FunctionInput input;
  private volatile String token = "";
  private volatile int retryCount;
  private State state = State.SENDING;
  private long waitingSinceNanos;
  private int policyRetries;
  private int systemRetries;
  private Duration deferredRetry;
  private Duration retryDelay = Duration.ZERO;

  MapItem(int idx, FunctionInput input) {
    this.idx = idx;
    this.input = input;
  }

  /** The token of the current attempt (input JWT or attempt token); empty before the first put. */
  String token() {
    return token;
  }

  /** Resubmissions so far; the server echoes it on outputs, so stale attempts can be told apart. */
  int retryCount() {
    return retryCount;
  }

  synchronized State state() {
    return state;
  }

  /**
   * The backoff of the retry decided by the last {@link Verdict#RETRY}: stable until the retry
   * sender takes the item, so the thread that got the verdict reads its own delay.
   */
  synchronized Duration retryDelay() {
    return retryDelay;
  }

  /**
   * The put or resubmission returned {@code newToken} (null: keep the old one). Returns the delay
   * of a retry decided while it was in flight (the item now waits to retry), or null.
   */
  synchronized Duration sent(String newToken, long nowNanos) {
    if (newToken != null) {
      token = newToken;
    }
    waitingSinceNanos = nowNanos;
    if (state != State.SENDING && state != State.RETRYING) {
      return null;
    }
    if (deferredRetry == null) {
      state = State.WAITING;
      return null;
    }
    Duration delay = deferredRetry;
    deferredRetry = null;
    state = State.WAITING_TO_RETRY;
    return delay;
  }

  /** The retry sender takes the item for resubmission; false if it no longer waits to retry. */
  synchronized boolean beginRetry() {
    if (state != State.WAITING_TO_RETRY) {
      return false;
    }
    retryCount++;
    state = State.RETRYING;
    return true;
  }

  /** A final output of attempt {@code attempt} arrived: true if it completes the item (once). */
  synchronized boolean complete(int attempt) {
    if (state == State.COMPLETE || attempt != retryCount) {
      return false;
    }
    state = State.COMPLETE;
    deferredRetry = null;
    return true;
  }

  /**
   * Attempt {@code attempt} failed: after an INTERNAL_FAILURE ({@code system}) or by the function
   * ({@code policy} decides). A second report of the same attempt is {@link Verdict#STALE}.
   */
  synchronized Verdict failed(int attempt, boolean system, FunctionRetryPolicy policy) {
    if (state == State.COMPLETE
        || state == State.WAITING_TO_RETRY
        || deferredRetry != null
        || attempt != retryCount) {
      return Verdict.STALE;
    }
    Duration delay;
    if (system) {
      if (systemRetries >= MAX_SYSTEM_RETRIES) {
        state = State.COMPLETE;
        return Verdict.GIVE_UP;
      }
      systemRetries++;
      delay = Duration.ZERO;
    } else {
      delay = RetryDelays.delay(policy, policyRetries + 1);
      if (delay == null) {
        state = State.COMPLETE;
        return Verdict.GIVE_UP;
      }
      policyRetries++;
    }
    if (state == State.SENDING || state == State.RETRYING) {
      deferredRetry = delay;
      return Verdict.DEFERRED;
    }
    state = State.WAITING_TO_RETRY;
    retryDelay = delay;
    return Verdict.RETRY;
  }

  /**
   * The server reported attempt {@code attempt} lost. {@link Verdict#GIVE_UP} means the input was
   * lost too often (the item is not completed: the map fails).
   */
  synchronized Verdict lost(int attempt) {
    if (state != State.WAITING || attempt != retryCount) {
      return Verdict.STALE;
    }
    if (systemRetries >= MAX_SYSTEM_RETRIES) {
      return Verdict.GIVE_UP;
    }
    systemRetries++;
    state = State.WAITING_TO_RETRY;
    retryDelay = Duration.ZERO;
    return Verdict.RETRY;
  }

  /** The current attempt if it is running on the server, else -1. */
  synchronized int runningAttempt() {
    return state == State.WAITING ? retryCount : -1;
  }

  /** True if the current attempt has run on the server for at least {@code nanos}. */
  synchronized boolean runningLongerThan(long nowNanos, long nanos) {
    return state == State.WAITING && nowNanos - waitingSinceNanos >= nanos;
  }

  synchronized int systemRetries() {
    return systemRetries;
  }
}
