package dev.modal4j.secrets;

import dev.modal4j.InvalidException;
import dev.modal4j.internal.Args;
import dev.modal4j.internal.ClientContext;
import dev.modal4j.internal.options.EphemeralSecrets;
import dev.modal4j.internal.options.SecretAccess;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A Modal Secret: a set of environment variables stored by Modal, referred to by its id.
 *
 * <p>Get one from {@code modal.secrets().fromName("my-secret")} or make one from a map with {@code
 * modal.secrets().fromMap(Map.of("KEY", "value"))}. A secret made from a map is lazy, as in Modal's
 * JS and Go SDKs: nothing is sent until it is used. Where Modal lets variables travel with a
 * request (exec, sidecars, V2 sandboxes) they go there and no server secret is ever made; elsewhere
 * (sandboxes, function options, image layers, bucket credentials) one ephemeral server secret is
 * created on first use and shared by every later use. Values never appear in {@link #toString()}.
 */
public final class Secret {
  static {
    SecretAccess.install(new Access());
  }

  private final String name;
  private final Map<String, String> localEnv;
  private final String environment;
  private final Object lock = new Object();
  private volatile String secretId;
  private CompletableFuture<String> hydrating;

  private Secret(String secretId, String name, Map<String, String> localEnv, String environment) {
    this.secretId = secretId;
    this.name = name;
    this.localEnv = localEnv;
    this.environment = environment;
  }

  /**
   * A secret already known by id (prefix {@code st-}), e.g. one created elsewhere.
   *
   * @throws InvalidException if the id is null or blank
   */
  public static Secret fromId(String secretId) {
    Args.notBlank(secretId, "secretId");
    return new Secret(secretId, null, null, null);
  }

  static Secret of(String secretId, String name) {
    return new Secret(Objects.requireNonNull(secretId, "secretId"), name, null, null);
  }

  static Secret lazy(Map<String, String> env, String environment) {
    return new Secret(null, null, Map.copyOf(env), environment);
  }

  /**
   * The secret's id, e.g. {@code st-...}; an empty string for a secret made from a map that no use
   * has needed on the server yet (as in Modal's JS SDK).
   */
  public String secretId() {
    String id = secretId;
    return id == null ? "" : id;
  }

  /** The secret's name, for named secrets; empty for ephemeral ones. */
  public Optional<String> name() {
    return Optional.ofNullable(name);
  }

  private CompletableFuture<String> resolve(ClientContext context) {
    String id = secretId;
    if (id != null) {
      return CompletableFuture.completedFuture(id);
    }
    CompletableFuture<String> pending;
    synchronized (lock) {
      if (secretId != null) {
        return CompletableFuture.completedFuture(secretId);
      }
      if (hydrating == null) {
        CompletableFuture<String> created = new CompletableFuture<>();
        hydrating = created;
        CompletableFuture<String> rpc;
        try {
          rpc = EphemeralSecrets.create(context, localEnv, environment);
        } catch (RuntimeException e) {
          rpc = CompletableFuture.failedFuture(e);
        }
        rpc.whenComplete(
            (created2, err) -> {
              synchronized (lock) {
                if (err == null) {
                  secretId = created2;
                } else {
                  hydrating = null;
                }
              }
              if (err == null) {
                created.complete(created2);
              } else {
                created.completeExceptionally(err);
              }
            });
      }
      pending = hydrating;
    }
    return pending.copy();
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Secret)) {
      return false;
    }
    Secret other = (Secret) o;
    return localEnv == null && other.localEnv == null && secretId.equals(other.secretId);
  }

  @Override
  public int hashCode() {
    return localEnv == null ? secretId.hashCode() : System.identityHashCode(this);
  }

  @Override
  public String toString() {
    if (localEnv != null) {
      String id = secretId;
      return "Secret{from a map of "
          + localEnv.size()
          + " variables"
          + (id == null ? "" : ", " + id)
          + "}";
    }
    return "Secret{" + secretId + (name == null ? "" : ", name=" + name) + "}";
  }

  private static final class Access extends SecretAccess {
    @Override
    protected CompletableFuture<String> resolve(Secret secret, ClientContext context) {
      return secret.resolve(context);
    }

    @Override
    protected Optional<Map<String, String>> localEnv(Secret secret) {
      return Optional.ofNullable(secret.localEnv);
    }
  }
}
