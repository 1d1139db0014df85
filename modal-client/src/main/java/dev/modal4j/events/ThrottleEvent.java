package dev.modal4j.events;

import dev.modal4j.internal.Args;
import java.time.Duration;

/**
 * The server asked the client to retry later (a retry policy in the status details), and the client
 * will.
 *
 * @param method the gRPC method's bare name
 * @param throttleRetry 1 for the call's first throttled retry, 2 for the second, ...
 * @param status the throttled attempt's gRPC status code name
 * @param delay how long the client waits, as the server asked (at least 100 ms)
 */
public record ThrottleEvent(String method, int throttleRetry, String status, Duration delay) {
  /** Checks the arguments. */
  public ThrottleEvent {
    Args.notNull(method, "method");
    Args.notNull(status, "status");
    Args.notNull(delay, "delay");
  }
}
