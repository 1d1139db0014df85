package dev.modal4j.internal.options;

import dev.modal4j.internal.ClientContext;
import dev.modal4j.secrets.Secret;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The SDK's own view into a {@link Secret}: the id it resolves to (creating the ephemeral server
 * secret of a map-made secret once) and the variables of a map-made secret, for the requests that
 * carry them inline. {@code Secret} installs the one instance when its class is initialized, which
 * has happened before any {@code Secret} exists to be asked about.
 */
public abstract class SecretAccess {
  private static volatile SecretAccess instance;

  /** For {@code Secret} only. */
  protected SecretAccess() {}

  /**
   * Installs the implementation; called once, by {@code Secret}.
   *
   * @param access the implementation
   */
  public static void install(SecretAccess access) {
    instance = access;
  }

  static SecretAccess get() {
    return instance;
  }

  /**
   * The secret's server id, creating its ephemeral server secret on the first call for a map-made
   * secret (one creation however many callers ask; a failure is not kept).
   *
   * @param secret the secret
   * @param context the client whose control plane creates it
   * @return the id
   */
  protected abstract CompletableFuture<String> resolve(Secret secret, ClientContext context);

  /**
   * The variables of a map-made secret; empty for named or by-id secrets.
   *
   * @param secret the secret
   * @return its variables, if it was made from a map
   */
  protected abstract Optional<Map<String, String>> localEnv(Secret secret);
}
