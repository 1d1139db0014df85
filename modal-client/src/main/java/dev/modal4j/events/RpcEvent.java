package dev.modal4j.events;

import dev.modal4j.internal.Args;
import java.time.Duration;

/**
 * One ended RPC attempt.
 *
 * @param method the gRPC method's bare name, e.g. {@code FunctionGetOutputs}
 * @param attempt 1 for the first attempt of a call, 2 for its first retry, and so on
 * @param status the gRPC status code's name: {@code OK}, {@code UNAVAILABLE}, ...
 * @param duration from sending the attempt to its end
 */
public record RpcEvent(String method, int attempt, String status, Duration duration) {
  /** Checks the arguments. */
  public RpcEvent {
    Args.notNull(method, "method");
    Args.notNull(status, "status");
    Args.notNull(duration, "duration");
  }

  /** Whether the attempt succeeded. */
  public boolean ok() {
    return "OK".equals(status);
  }
}
