package dev.modal4j.events;

import dev.modal4j.internal.Args;
import java.time.Duration;

/**
 * A failed attempt that the client will retry after a backoff.
 *
 * @param method the gRPC method's bare name
 * @param retry 1 for the first retry of the call, 2 for the second, ...
 * @param status the failed attempt's gRPC status code name
 * @param delay how long the client waits before the retry
 */
public record RetryEvent(String method, int retry, String status, Duration delay) {
  /** Checks the arguments. */
  public RetryEvent {
    Args.notNull(method, "method");
    Args.notNull(status, "status");
    Args.notNull(delay, "delay");
  }
}
