package dev.modal4j.internal.options;

import dev.modal4j.internal.ClientContext;
import dev.modal4j.proto.ModalClientGrpc;
import dev.modal4j.proto.ObjectCreationType;
import dev.modal4j.proto.SecretGetOrCreateRequest;
import dev.modal4j.proto.SecretGetOrCreateResponse;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Creates ephemeral secrets from env maps (SecretGetOrCreate with EPHEMERAL). */
public final class EphemeralSecrets {
  private EphemeralSecrets() {}

  /**
   * Creates a secret holding {@code env} and returns its id. The names must already be checked
   * ({@link EnvNames}).
   */
  public static CompletableFuture<String> create(
      ClientContext context, Map<String, String> env, String environment) {
    SecretGetOrCreateRequest request =
        SecretGetOrCreateRequest.newBuilder()
            .setObjectCreationType(ObjectCreationType.OBJECT_CREATION_TYPE_EPHEMERAL)
            .putAllEnvDict(env)
            .setEnvironmentName(environment)
            .build();
    return context
        .controlPlane()
        .unary(ModalClientGrpc.getSecretGetOrCreateMethod(), request)
        .thenApply(SecretGetOrCreateResponse::getSecretId);
  }
}
