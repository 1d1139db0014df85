package dev.modal4j.sandboxes;

import dev.modal4j.internal.ClientContext;
import dev.modal4j.internal.options.SecretIds;
import dev.modal4j.secrets.Secret;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Makes the credentials secrets of a sandbox's bucket mounts known by id before it is created. */
final class SandboxSecrets {
  private SandboxSecrets() {}

  /** Completes once every bucket mount's secret has its server id (map-made ones created once). */
  static CompletableFuture<Void> bucketSecrets(ClientContext context, SandboxCreateParams params) {
    List<Secret> secrets = new ArrayList<>();
    params.cloudBucketMounts.values().forEach(m -> m.secret().ifPresent(secrets::add));
    if (secrets.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    return SecretIds.of(context, secrets).thenApply(ids -> null);
  }
}
