package dev.modal4j.testing;

import dev.modal4j.proto.AppState;
import java.time.Instant;
import java.util.Optional;

/**
 * An app known to the emulator: its id, name, environment and lifecycle.
 *
 * @param appId the id clients use, e.g. {@code ap-...}
 * @param name the app's name (for ephemeral apps, the name it was created with)
 * @param environment the canonical environment name
 * @param state {@code APP_STATE_DEPLOYED} or {@code APP_STATE_EPHEMERAL}
 * @param createdAt when the app was created
 * @param deployedAt when it was last deployed; null if never
 * @param version the deployment version, 1 after the first deployment, 0 if never deployed
 */
public record RegisteredApp(
    String appId,
    String name,
    String environment,
    AppState state,
    Instant createdAt,
    Instant deployedAt,
    int version) {

  /** Whether the app is deployed and can be found by its deployment name. */
  public boolean deployed() {
    return state == AppState.APP_STATE_DEPLOYED;
  }

  /** When the app was last deployed, if ever. */
  public Optional<Instant> lastDeployedAt() {
    return Optional.ofNullable(deployedAt);
  }
}
