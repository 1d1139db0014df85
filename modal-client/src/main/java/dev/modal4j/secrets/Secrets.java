package dev.modal4j.secrets;

import dev.modal4j.InvalidException;
import dev.modal4j.ModalClient;
import dev.modal4j.ModalException;
import dev.modal4j.NotFoundException;
import dev.modal4j.internal.Args;
import dev.modal4j.internal.CallerFutures;
import dev.modal4j.internal.ClientContext;
import dev.modal4j.internal.Futures;
import dev.modal4j.internal.options.EnvNames;
import dev.modal4j.internal.options.EphemeralSecrets;
import dev.modal4j.internal.options.Lookups;
import dev.modal4j.proto.ModalClientGrpc;
import dev.modal4j.proto.SecretGetOrCreateRequest;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * Looks up and creates Modal Secrets. Get it from {@link ModalClient#secrets()}.
 *
 * <pre>{@code
 * Secret named = modal.secrets().fromName("openai");
 * Secret adHoc = modal.secrets().fromMap(Map.of("API_URL", "https://example.com"));
 * }</pre>
 *
 * <p>The blocking methods throw the exceptions listed; the {@code Async} methods complete their
 * future exceptionally with the same exceptions, except that bad arguments are refused by both
 * forms with an {@link InvalidException} thrown from the call (see {@link dev.modal4j}).
 */
public final class Secrets {
  private final ClientContext context;

  /**
   * Used by {@link dev.modal4j.ModalClient}; applications obtain this service from the client.
   *
   * @param context the client's internals
   */
  public Secrets(ClientContext context) {
    this.context = Args.notNull(context, "context");
  }

  /**
   * The secret named {@code name} in the client's environment.
   *
   * @throws NotFoundException if there is no such secret
   * @throws InvalidException if the name is null or blank
   */
  public Secret fromName(String name) {
    return Futures.join(fromNameAsync(name, SecretFromNameParams.DEFAULT));
  }

  /**
   * The secret named {@code name}, looked up as {@code params} say.
   *
   * @throws NotFoundException if there is no such secret
   * @throws InvalidException if the name is null or blank, {@code params} is null, or a required
   *     key is missing
   */
  public Secret fromName(String name, SecretFromNameParams params) {
    return Futures.join(fromNameAsync(name, params));
  }

  /** The async form of {@link #fromName(String)}. */
  public CompletableFuture<Secret> fromNameAsync(String name) {
    Args.notBlank(name, "name");
    return fromNameAsync(name, SecretFromNameParams.DEFAULT);
  }

  /** The async form of {@link #fromName(String, SecretFromNameParams)}. */
  public CompletableFuture<Secret> fromNameAsync(String name, SecretFromNameParams params) {
    Args.notBlank(name, "name");
    Args.notNull(params, "params");
    SecretGetOrCreateRequest request =
        SecretGetOrCreateRequest.newBuilder()
            .setDeploymentName(name)
            .setEnvironmentName(params.environment().orElse(context.environment()))
            .addAllRequiredKeys(params.requiredKeys())
            .build();
    try {
      return CallerFutures.hand(
          context,
          Lookups.renameNotFound(
                  context
                      .controlPlane()
                      .unary(ModalClientGrpc.getSecretGetOrCreateMethod(), request),
                  "Secret '" + name + "' not found")
              .thenApply(r -> Secret.of(r.getSecretId(), name)));
    } catch (ModalException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * Creates an ephemeral secret holding {@code env} (in the client's environment). The values are
   * sent to Modal and not kept in the returned object.
   *
   * @throws InvalidException if a name is not a valid environment variable name or a value is null
   */
  public Secret fromMap(Map<String, String> env) {
    return Futures.join(fromMapAsync(env));
  }

  /** The async form of {@link #fromMap(Map)}. */
  public CompletableFuture<Secret> fromMapAsync(Map<String, String> env) {
    Args.noNullKeys(env, "env");
    Map<String, String> checked = new TreeMap<>();
    env.forEach(
        (k, v) -> {
          if (v == null) {
            throw new InvalidException("env: the value of '" + k + "' must not be null");
          }
          checked.put(EnvNames.check(k), v);
        });
    try {
      return CallerFutures.hand(
          context,
          EphemeralSecrets.create(context, checked, context.environment())
              .thenApply(id -> Secret.of(id, null)));
    } catch (ModalException e) {
      return CompletableFuture.failedFuture(e);
    }
  }
}
