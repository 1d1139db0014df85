package dev.modal4j.internal.options;

import dev.modal4j.InvalidException;
import dev.modal4j.internal.ClientContext;
import dev.modal4j.secrets.Secret;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Turns {@link Secret}s into what a request carries: server ids (creating the ephemeral secret of a
 * map-made secret on first use, resources.md §3.2), or, where Modal takes variables inline, the
 * merged variables of the map-made ones plus the ids of the rest (§3.3).
 */
public final class SecretIds {
  private SecretIds() {}

  /**
   * The server id of {@code secret}, created once for a map-made secret.
   *
   * @throws InvalidException (from the call) if the secret is null
   */
  public static CompletableFuture<String> of(ClientContext context, Secret secret) {
    if (secret == null) {
      throw new InvalidException("secret must not be null");
    }
    return SecretAccess.get().resolve(secret, context);
  }

  /** The server ids of {@code secrets}, in order. */
  public static CompletableFuture<List<String>> of(ClientContext context, List<Secret> secrets) {
    return of(context, secrets, Map.of(), "");
  }

  /**
   * The server ids of {@code secrets}, in order, followed by the id of one new ephemeral secret
   * holding {@code env} (in {@code environment}) when {@code env} is not empty. This is what V1
   * sandboxes, function options and image layers send.
   */
  public static CompletableFuture<List<String>> of(
      ClientContext context, List<Secret> secrets, Map<String, String> env, String environment) {
    List<CompletableFuture<String>> ids = new ArrayList<>();
    for (int i = 0; i < secrets.size(); i++) {
      Secret s = secrets.get(i);
      if (s == null) {
        throw new InvalidException("secrets[" + i + "] must not be null");
      }
      ids.add(SecretAccess.get().resolve(s, context));
    }
    if (env != null && !env.isEmpty()) {
      ids.add(EphemeralSecrets.create(context, env, environment));
    }
    return CompletableFuture.allOf(ids.toArray(CompletableFuture[]::new))
        .thenApply(
            v -> {
              List<String> out = new ArrayList<>(ids.size());
              ids.forEach(f -> out.add(f.join()));
              return out;
            });
  }

  /** The merged variables of the map-made secrets among {@code secrets}, later ones winning. */
  public static Map<String, String> localEnv(List<Secret> secrets) {
    Map<String, String> env = new LinkedHashMap<>();
    for (Secret s : secrets) {
      SecretAccess.get().localEnv(s).ifPresent(env::putAll);
    }
    return env;
  }

  /** The ids of the secrets among {@code secrets} that are not map-made (named or by id). */
  public static List<String> serverIds(List<Secret> secrets) {
    List<String> ids = new ArrayList<>();
    for (Secret s : secrets) {
      Optional<Map<String, String>> local = SecretAccess.get().localEnv(s);
      if (local.isEmpty()) {
        ids.add(s.secretId());
      }
    }
    return ids;
  }

  /** {@link #localEnv} of {@code secrets} with {@code env} over it (the explicit env wins). */
  public static Map<String, String> inlineEnv(List<Secret> secrets, Map<String, String> env) {
    Map<String, String> merged = localEnv(secrets);
    merged.putAll(env);
    return merged;
  }
}
