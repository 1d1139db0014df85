package dev.modal4j.secrets;

import dev.modal4j.AlreadyExistsException;
import dev.modal4j.InvalidException;
import dev.modal4j.ModalClient;
import dev.modal4j.ModalException;
import dev.modal4j.NotFoundException;
import dev.modal4j.internal.Args;
import dev.modal4j.internal.CallerFutures;
import dev.modal4j.internal.ClientContext;
import dev.modal4j.internal.CreatedBeforePages;
import dev.modal4j.internal.Futures;
import dev.modal4j.internal.options.EnvNames;
import dev.modal4j.internal.options.Lookups;
import dev.modal4j.proto.ListPagination;
import dev.modal4j.proto.ModalClientGrpc;
import dev.modal4j.proto.ObjectCreationType;
import dev.modal4j.proto.SecretDeleteRequest;
import dev.modal4j.proto.SecretGetOrCreateRequest;
import dev.modal4j.proto.SecretListItem;
import dev.modal4j.proto.SecretListRequest;
import dev.modal4j.proto.SecretListResponse;
import io.grpc.Status;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * Looks up, creates, lists and deletes Modal Secrets. Get it from {@link ModalClient#secrets()}.
 *
 * <pre>{@code
 * Secret named = modal.secrets().fromName("openai");
 * Secret adHoc = modal.secrets().fromMap(Map.of("API_URL", "https://example.com"));
 * modal.secrets().create("my-service", Map.of("TOKEN", token),
 *     SecretCreateParams.builder().overwrite(true).build());
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
   * @throws NotFoundException if there is no such secret, or it lacks a required key (the message
   *     names the missing keys, as Modal's does)
   * @throws InvalidException if the name is null or blank, or {@code params} is null
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
      return CallerFutures.hand(context, lookup(name, request));
    } catch (ModalException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * A secret holding {@code env} (for the client's environment). It is lazy, as in Modal's JS and
   * Go SDKs: this call sends nothing. Requests that take variables inline (exec, sidecars, V2
   * sandboxes) carry them without a server secret; the first use that needs a server id (a sandbox,
   * function options, an image layer, bucket credentials) creates one ephemeral secret, which every
   * later use shares. The returned object never shows the values.
   *
   * @throws InvalidException if a name is not a valid environment variable name or a value is null
   */
  public Secret fromMap(Map<String, String> env) {
    Map<String, String> checked = checkedEnv(env);
    return Secret.lazy(checked, context.environment());
  }

  /**
   * The async form of {@link #fromMap(Map)}; already complete, since nothing is sent.
   *
   * @throws InvalidException if a name is not a valid environment variable name or a value is null
   */
  public CompletableFuture<Secret> fromMapAsync(Map<String, String> env) {
    return CompletableFuture.completedFuture(fromMap(env));
  }

  private CompletableFuture<Secret> lookup(String name, SecretGetOrCreateRequest request) {
    CompletableFuture<Secret> result = new CompletableFuture<>();
    CompletableFuture<Secret> rpc =
        Lookups.renameNotFound(
                context.controlPlane().unary(ModalClientGrpc.getSecretGetOrCreateMethod(), request),
                "Secret '" + name + "' not found")
            .thenApply(r -> Secret.of(r.getSecretId(), name));
    Futures.propagateCancel(result, rpc);
    rpc.whenComplete(
        (secret, err) -> {
          if (err == null) {
            result.complete(secret);
            return;
          }
          Throwable cause = Futures.unwrap(err);
          if (cause instanceof ModalException
              && ((ModalException) cause).statusCode().orElse(null)
                  == Status.Code.FAILED_PRECONDITION
              && String.valueOf(cause.getMessage()).contains("Secret is missing key")) {
            result.completeExceptionally(
                new NotFoundException(cause.getMessage(), cause, Status.Code.FAILED_PRECONDITION));
          } else {
            result.completeExceptionally(cause);
          }
        });
    return result;
  }

  /**
   * Creates the secret {@code name} holding {@code env}, in the client's environment.
   *
   * @throws AlreadyExistsException if a secret of that name exists
   * @throws InvalidException if the name is null or blank, or a key is not a valid environment
   *     variable name or a value is null
   */
  public Secret create(String name, Map<String, String> env) {
    return Futures.join(createAsync(name, env, SecretCreateParams.DEFAULT));
  }

  /**
   * Creates the secret {@code name} holding {@code env}; an existing one is an error, kept, or
   * given the new values (keeping its id), as {@code params} say. This is what Python's {@code
   * modal.Secret.objects.create} does; Modal's Go and JS SDKs have no such call.
   *
   * @throws AlreadyExistsException if a secret of that name exists and neither {@code
   *     allowExisting} nor {@code overwrite} is set
   * @throws InvalidException if an argument is null, the name blank, or a key is not a valid
   *     environment variable name or a value is null
   */
  public Secret create(String name, Map<String, String> env, SecretCreateParams params) {
    return Futures.join(createAsync(name, env, params));
  }

  /**
   * The async form of {@link #create(String, Map, SecretCreateParams)}.
   *
   * @throws InvalidException if an argument is null, the name blank, or a key is not a valid
   *     environment variable name or a value is null
   */
  public CompletableFuture<Secret> createAsync(
      String name, Map<String, String> env, SecretCreateParams params) {
    Args.notBlank(name, "name");
    Map<String, String> checked = checkedEnv(env);
    Args.notNull(params, "params");
    ObjectCreationType type =
        params.overwrite()
            ? ObjectCreationType.OBJECT_CREATION_TYPE_CREATE_OVERWRITE_IF_EXISTS
            : params.allowExisting()
                ? ObjectCreationType.OBJECT_CREATION_TYPE_CREATE_IF_MISSING
                : ObjectCreationType.OBJECT_CREATION_TYPE_CREATE_FAIL_IF_EXISTS;
    SecretGetOrCreateRequest request =
        SecretGetOrCreateRequest.newBuilder()
            .setDeploymentName(name)
            .setEnvironmentName(params.environment().orElse(context.environment()))
            .setObjectCreationType(type)
            .putAllEnvDict(checked)
            .build();
    return CallerFutures.hand(
        context,
        context
            .controlPlane()
            .unary(ModalClientGrpc.getSecretGetOrCreateMethod(), request)
            .thenApply(r -> Secret.of(r.getSecretId(), name)));
  }

  /**
   * Deletes the named secret.
   *
   * @throws NotFoundException if there is no such secret
   * @throws InvalidException if the name is null or blank
   */
  public void delete(String name) {
    Futures.join(deleteAsync(name, SecretDeleteParams.DEFAULT));
  }

  /**
   * Deletes the named secret; with {@code allowMissing}, a missing secret is not an error.
   *
   * @throws NotFoundException if there is no such secret and missing ones are not allowed
   * @throws InvalidException if an argument is null or the name blank
   */
  public void delete(String name, SecretDeleteParams params) {
    Futures.join(deleteAsync(name, params));
  }

  /**
   * The async form of {@link #delete(String, SecretDeleteParams)}.
   *
   * @throws InvalidException if an argument is null or the name blank
   */
  public CompletableFuture<Void> deleteAsync(String name, SecretDeleteParams params) {
    Args.notBlank(name, "name");
    Args.notNull(params, "params");
    SecretGetOrCreateRequest lookup =
        SecretGetOrCreateRequest.newBuilder()
            .setDeploymentName(name)
            .setEnvironmentName(params.environment().orElse(context.environment()))
            .build();
    CompletableFuture<Void> deleted =
        lookup(name, lookup)
            .thenCompose(
                s ->
                    context
                        .controlPlane()
                        .unary(
                            ModalClientGrpc.getSecretDeleteMethod(),
                            SecretDeleteRequest.newBuilder().setSecretId(s.secretId()).build()))
            .thenApply(e -> (Void) null);
    return CallerFutures.hand(
        context, params.allowMissing() ? Lookups.ignoreNotFound(deleted) : deleted);
  }

  /** The named secrets of the client's environment, newest first (ids and names, no values). */
  public List<Secret> list() {
    return Futures.join(listAsync(SecretListParams.DEFAULT));
  }

  /**
   * The named secrets of the params' environment, newest first (ids and names, no values).
   *
   * @throws InvalidException if params is null
   */
  public List<Secret> list(SecretListParams params) {
    return Futures.join(listAsync(params));
  }

  /**
   * The async form of {@link #list(SecretListParams)}.
   *
   * @throws InvalidException if params is null
   */
  public CompletableFuture<List<Secret>> listAsync(SecretListParams params) {
    Args.notNull(params, "params");
    String env = params.environment().orElse(context.environment());
    return CallerFutures.hand(context, listIn(env));
  }

  private CompletableFuture<List<Secret>> listIn(String env) {
    return CreatedBeforePages.collect(
        before ->
            context
                .controlPlane()
                .unary(
                    ModalClientGrpc.getSecretListMethod(),
                    SecretListRequest.newBuilder()
                        .setEnvironmentName(env)
                        .setPagination(
                            ListPagination.newBuilder()
                                .setMaxObjects(CreatedBeforePages.PAGE)
                                .setCreatedBefore(before))
                        .build()),
        SecretListResponse::getItemsList,
        SecretListItem::getCreatedAt,
        item -> Secret.of(item.getSecretId(), item.getLabel()));
  }

  private static Map<String, String> checkedEnv(Map<String, String> env) {
    Args.noNullKeys(env, "env");
    Map<String, String> checked = new TreeMap<>();
    env.forEach(
        (k, v) -> {
          if (v == null) {
            throw new InvalidException("env: the value of '" + k + "' must not be null");
          }
          checked.put(EnvNames.check(k), v);
        });
    return checked;
  }
}
