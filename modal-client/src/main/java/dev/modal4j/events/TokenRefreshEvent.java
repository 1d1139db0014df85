package dev.modal4j.events;

import dev.modal4j.internal.Args;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One ended fetch of the client's auth token (AuthTokenGet). The token itself is never passed.
 *
 * @param success whether a token was obtained
 * @param duration how long the fetch took
 * @param expiry when the new token expires; empty if the fetch failed
 */
public record TokenRefreshEvent(boolean success, Duration duration, Optional<Instant> expiry) {
  /** Checks the arguments. */
  public TokenRefreshEvent {
    Args.notNull(duration, "duration");
    Args.notNull(expiry, "expiry");
  }
}
