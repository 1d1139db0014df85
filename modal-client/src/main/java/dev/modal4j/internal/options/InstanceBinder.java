package dev.modal4j.internal.options;

import com.google.protobuf.ByteString;
import dev.modal4j.internal.ClientContext;
import dev.modal4j.internal.Futures;
import dev.modal4j.proto.FunctionBindParamsRequest;
import dev.modal4j.proto.FunctionBindParamsResponse;
import dev.modal4j.proto.ModalClientGrpc;
import dev.modal4j.secrets.Secret;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds class parameters and instance options to one base (service) function with
 * FunctionBindParams (functions.md §9.2), remembering the last {@value #CAPACITY} bindings so the
 * same parameters and options bind once. One binder is shared by every object derived from the same
 * looked-up class or function.
 */
public final class InstanceBinder {
  static final int CAPACITY = 32;
  private static final Logger log = LoggerFactory.getLogger(InstanceBinder.class);

  private final ClientContext context;
  private final String baseFunctionId;
  private final String environment;
  private final Map<Key, CompletableFuture<FunctionBindParamsResponse>> cache =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(
            Map.Entry<Key, CompletableFuture<FunctionBindParamsResponse>> e) {
          return size() > CAPACITY;
        }
      };

  /**
   * @param environment sent with the binding and used for the env secret
   */
  public InstanceBinder(ClientContext context, String baseFunctionId, String environment) {
    this.context = Objects.requireNonNull(context, "context");
    this.baseFunctionId = Objects.requireNonNull(baseFunctionId, "baseFunctionId");
    this.environment = Objects.requireNonNull(environment, "environment");
  }

  /**
   * The bound function for these serialized parameters and options. The options are checked first
   * ({@link FunctionOptionsProto#validate}), so a bad combination fails before any RPC; an env map
   * becomes an ephemeral secret just before binding. A failed binding is not remembered.
   */
  public CompletableFuture<FunctionBindParamsResponse> bind(
      ByteString serializedParams, OptionValues options) {
    FunctionOptionsProto.validate(options);
    Key key = new Key(serializedParams, options);
    CompletableFuture<FunctionBindParamsResponse> result;
    boolean created = false;
    synchronized (cache) {
      result = cache.get(key);
      if (result == null) {
        result = new CompletableFuture<>();
        cache.put(key, result);
        created = true;
      }
    }
    if (created) {
      start(key, result);
    }
    return result.thenApply(r -> r);
  }

  private void start(Key key, CompletableFuture<FunctionBindParamsResponse> result) {
    CompletableFuture<List<String>> secretIds;
    try {
      secretIds = secretIds(key.options);
    } catch (RuntimeException e) {
      secretIds = CompletableFuture.failedFuture(e);
    }
    secretIds
        .thenCompose(ids -> send(key, ids))
        .whenComplete(
            (r, err) -> {
              if (err == null) {
                log.debug("Bound {} to {}", baseFunctionId, r.getBoundFunctionId());
                result.complete(r);
              } else {
                synchronized (cache) {
                  cache.remove(key, result);
                }
                result.completeExceptionally(Futures.unwrap(err));
              }
            });
  }

  private CompletableFuture<List<String>> secretIds(OptionValues options) {
    List<Secret> bucketSecrets = new ArrayList<>();
    if (options.cloudBucketMounts() != null) {
      options.cloudBucketMounts().values().forEach(m -> m.secret().ifPresent(bucketSecrets::add));
    }
    List<Secret> secrets = options.secrets() == null ? List.of() : options.secrets();
    Map<String, String> env = options.env() == null ? Map.of() : options.env();
    return SecretIds.of(context, bucketSecrets)
        .thenCompose(ids -> SecretIds.of(context, secrets, env, environment));
  }

  private CompletableFuture<FunctionBindParamsResponse> send(Key key, List<String> secretIds) {
    FunctionBindParamsRequest.Builder request =
        FunctionBindParamsRequest.newBuilder()
            .setFunctionId(baseFunctionId)
            .setSerializedParams(key.params)
            .setEnvironmentName(environment);
    if (!key.options.isEmpty()) {
      request.setFunctionOptions(FunctionOptionsProto.toProto(key.options, secretIds));
    }
    try {
      return context
          .controlPlane()
          .unary(ModalClientGrpc.getFunctionBindParamsMethod(), request.build());
    } catch (RuntimeException e) {
      throw new CompletionException(e);
    }
  }

  private static final class Key {
    final ByteString params;
    final OptionValues options;

    Key(ByteString params, OptionValues options) {
      this.params = params;
      this.options = options;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key
          && ((Key) o).params.equals(params)
          && ((Key) o).options.equals(options);
    }

    @Override
    public int hashCode() {
      return 31 * params.hashCode() + options.hashCode();
    }
  }
}
