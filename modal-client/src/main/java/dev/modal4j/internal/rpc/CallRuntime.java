package dev.modal4j.internal.rpc;

import dev.modal4j.ClientClosedException;
import dev.modal4j.ModalException;
import dev.modal4j.internal.events.Events;
import io.grpc.CallCredentials;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.LongSupplier;

/**
 * What all invokers of one client share: credentials, executors, the throttle cap, and the calls in
 * flight, which {@link #close()} aborts with {@link ClientClosedException}.
 */
public final class CallRuntime {
  private final CallCredentials credentials;
  private final ScheduledExecutorService scheduler;
  private final Executor executor;
  private final Duration maxThrottleWait;
  private final LongSupplier nanoTime;
  private final Events events;
  private final Set<ActiveCall> active = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  /**
   * @param credentials adds the auth token; may be null (no token)
   * @param maxThrottleWait cap on server-directed retry time; null = unlimited, zero = disabled
   */
  public CallRuntime(
      CallCredentials credentials,
      ScheduledExecutorService scheduler,
      Executor executor,
      Duration maxThrottleWait,
      LongSupplier nanoTime) {
    this(credentials, scheduler, executor, maxThrottleWait, nanoTime, null);
  }

  /**
   * @param credentials adds the auth token; may be null (no token)
   * @param maxThrottleWait cap on server-directed retry time; null = unlimited, zero = disabled
   * @param events the client's event listener; null when it has none
   */
  public CallRuntime(
      CallCredentials credentials,
      ScheduledExecutorService scheduler,
      Executor executor,
      Duration maxThrottleWait,
      LongSupplier nanoTime,
      Events events) {
    this.events = events;
    this.credentials = credentials;
    this.scheduler = scheduler;
    this.executor = executor;
    this.maxThrottleWait = maxThrottleWait;
    this.nanoTime = nanoTime;
  }

  CallCredentials credentials() {
    return credentials;
  }

  ScheduledExecutorService scheduler() {
    return scheduler;
  }

  Executor executor() {
    return executor;
  }

  Duration maxThrottleWait() {
    return maxThrottleWait;
  }

  /** The client's events; null when it has no listener. */
  public Events events() {
    return events;
  }

  long nanoTime() {
    return nanoTime.getAsLong();
  }

  /** Whether {@link #close()} was called. */
  public boolean isClosed() {
    return closed;
  }

  /** Tracks a call; false (and not tracked) if the client is already closed. */
  boolean register(ActiveCall call) {
    active.add(call);
    if (closed) {
      active.remove(call);
      return false;
    }
    return true;
  }

  void unregister(ActiveCall call) {
    active.remove(call);
  }

  /** Marks the runtime closed and aborts every call in flight. */
  public void close() {
    closed = true;
    for (ActiveCall call : active) {
      call.abort(closedException());
    }
    active.clear();
  }

  static ClientClosedException closedException() {
    return new ClientClosedException("The ModalClient is closed");
  }

  /** A call that can be aborted when the client closes. */
  interface ActiveCall {
    void abort(ModalException reason);
  }
}
