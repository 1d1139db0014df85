package dev.modal4j.apps;

import dev.modal4j.internal.Args;
import java.time.Instant;
import java.util.Optional;

/**
 * One App of an environment, as {@link Apps#list()} reports it (AppList).
 *
 * @param appId the App's id ({@code ap-...})
 * @param name the App's name; empty for an App created without one
 * @param description the App's description
 * @param state its lifecycle state (deployed, ephemeral, stopped, ...)
 * @param createdAt when it was created
 * @param stoppedAt when it stopped, if it has
 * @param runningTasks how many of its containers are running now
 */
public record AppSummary(
    String appId,
    String name,
    String description,
    AppState state,
    Instant createdAt,
    Optional<Instant> stoppedAt,
    int runningTasks) {
  /** Checks that nothing is null. */
  public AppSummary {
    Args.notNull(appId, "appId");
    Args.notNull(name, "name");
    Args.notNull(description, "description");
    Args.notNull(state, "state");
    Args.notNull(createdAt, "createdAt");
    Args.notNull(stoppedAt, "stoppedAt");
  }
}
