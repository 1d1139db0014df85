package dev.modal4j.apps;

import dev.modal4j.internal.Args;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Timestamps and attributions of an App's lifecycle.
 *
 * @param state the App's state now
 * @param version the deployment version, if deployed
 * @param createdAt when the App was created
 * @param createdBy who created it
 * @param deployedAt when it was last deployed, if ever
 * @param deployedBy who deployed it last, if ever
 * @param stoppedAt when it was stopped, if it was
 * @param stoppedBy who stopped it, if it was stopped
 */
public record AppLifecycle(
    AppState state,
    OptionalInt version,
    Instant createdAt,
    String createdBy,
    Optional<Instant> deployedAt,
    Optional<String> deployedBy,
    Optional<Instant> stoppedAt,
    Optional<String> stoppedBy) {
  /** Checks the arguments. */
  public AppLifecycle {
    Args.notNull(state, "state");
    Args.notNull(version, "version");
    Args.notNull(createdAt, "createdAt");
    Args.notNull(createdBy, "createdBy");
    Args.notNull(deployedAt, "deployedAt");
    Args.notNull(deployedBy, "deployedBy");
    Args.notNull(stoppedAt, "stoppedAt");
    Args.notNull(stoppedBy, "stoppedBy");
  }
}
