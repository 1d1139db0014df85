package dev.modal4j.internal.events;

import dev.modal4j.events.BlobTransferEvent;
import dev.modal4j.events.EventListener;
import dev.modal4j.events.MapProgressEvent;
import dev.modal4j.events.RetryEvent;
import dev.modal4j.events.RpcEvent;
import dev.modal4j.events.ThrottleEvent;
import dev.modal4j.events.TokenRefreshEvent;
import dev.modal4j.functions.MapProgress;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's {@link EventListener}, called so that it can never break a call: whatever it throws
 * is logged and dropped. Callers hold a nullable {@code Events} and test it for null before
 * building any event, so a client without a listener allocates nothing on its hot paths.
 */
public final class Events {
  private static final Logger log = LoggerFactory.getLogger(Events.class);

  private final EventListener listener;
  private final AtomicLong maps = new AtomicLong();

  private Events(EventListener listener) {
    this.listener = Objects.requireNonNull(listener);
  }

  /** Events for {@code listener}, or null when there is none. */
  public static Events of(EventListener listener) {
    return listener == null ? null : new Events(listener);
  }

  /** An ended RPC attempt; {@code attempt} counts from 1. */
  public void rpcEnd(String method, int attempt, String status, long nanos) {
    try {
      listener.rpcEnd(new RpcEvent(method, attempt, status, Duration.ofNanos(nanos)));
    } catch (RuntimeException | Error e) {
      logFailure("rpcEnd", e);
    }
  }

  /** A client retry after {@code delay}. */
  public void retry(String method, int retry, String status, Duration delay) {
    try {
      listener.retry(new RetryEvent(method, retry, status, delay));
    } catch (RuntimeException | Error e) {
      logFailure("retry", e);
    }
  }

  /** A server-directed retry after {@code delay}. */
  public void throttled(String method, int throttleRetry, String status, Duration delay) {
    try {
      listener.throttled(new ThrottleEvent(method, throttleRetry, status, delay));
    } catch (RuntimeException | Error e) {
      logFailure("throttled", e);
    }
  }

  /** An ended token fetch. */
  public void tokenRefresh(boolean success, long nanos, Instant expiry) {
    try {
      listener.tokenRefresh(
          new TokenRefreshEvent(success, Duration.ofNanos(nanos), Optional.ofNullable(expiry)));
    } catch (RuntimeException | Error e) {
      logFailure("tokenRefresh", e);
    }
  }

  /** An ended blob transfer. */
  public void blobTransfer(
      BlobTransferEvent.Direction direction, long bytes, long nanos, boolean success) {
    try {
      listener.blobTransfer(
          new BlobTransferEvent(direction, bytes, Duration.ofNanos(nanos), success));
    } catch (RuntimeException | Error e) {
      logFailure("blobTransfer", e);
    }
  }

  /** A new id for a map of this client. */
  public String newMapId() {
    return "map-" + maps.incrementAndGet();
  }

  /** A map's progress snapshot; {@code done} on its last one. */
  public void mapProgress(String mapId, String functionName, MapProgress progress, boolean done) {
    try {
      listener.mapProgress(new MapProgressEvent(mapId, functionName, progress, done));
    } catch (RuntimeException | Error e) {
      logFailure("mapProgress", e);
    }
  }

  private void logFailure(String callback, Throwable e) {
    if (e instanceof VirtualMachineError) {
      throw (VirtualMachineError) e;
    }
    log.warn("EventListener.{} threw; ignoring it", callback, e);
  }

  @Override
  public String toString() {
    return "Events{" + listener.getClass().getName() + "}";
  }
}
