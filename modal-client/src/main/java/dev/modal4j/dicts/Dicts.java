package dev.modal4j.dicts;

import dev.modal4j.InvalidException;
import dev.modal4j.NotFoundException;
import dev.modal4j.internal.Args;
import dev.modal4j.internal.CallerFutures;
import dev.modal4j.internal.ClientContext;
import dev.modal4j.internal.CreatedBeforePages;
import dev.modal4j.internal.Futures;
import dev.modal4j.internal.objects.Heartbeat;
import dev.modal4j.internal.options.Lookups;
import dev.modal4j.proto.DictDeleteRequest;
import dev.modal4j.proto.DictGetOrCreateRequest;
import dev.modal4j.proto.DictHeartbeatRequest;
import dev.modal4j.proto.DictListRequest;
import dev.modal4j.proto.DictListResponse;
import dev.modal4j.proto.ListPagination;
import dev.modal4j.proto.ModalClientGrpc;
import dev.modal4j.proto.ObjectCreationType;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Finds, creates and deletes Modal Dicts. Get it from {@link dev.modal4j.ModalClient#dicts()}.
 *
 * <pre>{@code
 * Dict cache = modal.dicts().fromName("cache",
 *     DictFromNameParams.builder().createIfMissing(true).build());
 * try (Dict scratch = modal.dicts().ephemeral()) { ... }
 * }</pre>
 *
 * <p>The blocking methods throw the exceptions listed; the {@code Async} methods complete their
 * future exceptionally with the same exceptions, except that bad arguments are refused by both
 * forms with an {@link InvalidException} thrown from the call (see {@link dev.modal4j}).
 */
public final class Dicts {
  private final ClientContext context;

  /**
   * Used by {@link dev.modal4j.ModalClient}; applications obtain this service from the client.
   *
   * @param context the client's internals
   * @throws InvalidException if context is null
   */
  public Dicts(ClientContext context) {
    this.context = Args.notNull(context, "context");
  }

  /**
   * A new nameless dict in the client's environment, kept alive by heartbeats until {@link
   * Dict#close()} (or the client's close); Modal then deletes it.
   */
  public Dict ephemeral() {
    return Futures.join(startEphemeral(DictEphemeralParams.DEFAULT));
  }

  /**
   * A new nameless dict, as {@link #ephemeral()}, in the params' environment.
   *
   * @throws InvalidException if params is null
   */
  public Dict ephemeral(DictEphemeralParams params) {
    return Futures.join(startEphemeral(params));
  }

  /**
   * The async form of {@link #ephemeral(DictEphemeralParams)}.
   *
   * @throws InvalidException if params is null
   */
  public CompletableFuture<Dict> ephemeralAsync(DictEphemeralParams params) {
    return CallerFutures.hand(context, startEphemeral(params));
  }

  private CompletableFuture<Dict> startEphemeral(DictEphemeralParams params) {
    Args.notNull(params, "params");
    DictGetOrCreateRequest req =
        DictGetOrCreateRequest.newBuilder()
            .setEnvironmentName(params.environment().orElse(context.environment()))
            .setObjectCreationType(ObjectCreationType.OBJECT_CREATION_TYPE_EPHEMERAL)
            .build();
    return context
        .controlPlane()
        .unary(ModalClientGrpc.getDictGetOrCreateMethod(), req)
        .thenApply(
            r -> {
              String id = r.getDictId();
              Heartbeat hb =
                  Heartbeat.start(
                      context,
                      () ->
                          context
                              .controlPlane()
                              .unary(
                                  ModalClientGrpc.getDictHeartbeatMethod(),
                                  DictHeartbeatRequest.newBuilder().setDictId(id).build()));
              return new Dict(context, id, null, hb);
            });
  }

  /**
   * The dict named {@code name} in the client's environment.
   *
   * @throws NotFoundException if there is no such dict
   * @throws InvalidException if the name is null or blank
   */
  public Dict fromName(String name) {
    return Futures.join(startFromName(name, DictFromNameParams.DEFAULT));
  }

  /**
   * The dict named {@code name}, looked up (or created) as the params say.
   *
   * @throws NotFoundException if there is no such dict and it is not to be created
   * @throws InvalidException if an argument is null or the name blank
   */
  public Dict fromName(String name, DictFromNameParams params) {
    return Futures.join(startFromName(name, params));
  }

  /**
   * The async form of {@link #fromName(String, DictFromNameParams)}.
   *
   * @throws InvalidException if an argument is null or the name blank
   */
  public CompletableFuture<Dict> fromNameAsync(String name, DictFromNameParams params) {
    return CallerFutures.hand(context, startFromName(name, params));
  }

  private CompletableFuture<Dict> startFromName(String name, DictFromNameParams params) {
    Args.notBlank(name, "name");
    Args.notNull(params, "params");
    DictGetOrCreateRequest req =
        DictGetOrCreateRequest.newBuilder()
            .setDeploymentName(name)
            .setEnvironmentName(params.environment().orElse(context.environment()))
            .setObjectCreationType(Lookups.creationType(params.createIfMissing()))
            .build();
    return Lookups.renameNotFound(
            context.controlPlane().unary(ModalClientGrpc.getDictGetOrCreateMethod(), req),
            "Dict '" + name + "' not found")
        .thenApply(r -> new Dict(context, r.getDictId(), name, null));
  }

  /**
   * Deletes the named dict and everything in it.
   *
   * @throws NotFoundException if there is no such dict
   * @throws InvalidException if the name is null or blank
   */
  public void delete(String name) {
    Futures.join(startDelete(name, DictDeleteParams.DEFAULT));
  }

  /**
   * Deletes the named dict; with {@code allowMissing}, a missing dict is not an error.
   *
   * @throws NotFoundException if there is no such dict and missing ones are not allowed
   * @throws InvalidException if an argument is null or the name blank
   */
  public void delete(String name, DictDeleteParams params) {
    Futures.join(startDelete(name, params));
  }

  /**
   * The async form of {@link #delete(String, DictDeleteParams)}.
   *
   * @throws InvalidException if an argument is null or the name blank
   */
  public CompletableFuture<Void> deleteAsync(String name, DictDeleteParams params) {
    return CallerFutures.hand(context, startDelete(name, params));
  }

  private CompletableFuture<Void> startDelete(String name, DictDeleteParams params) {
    Args.notBlank(name, "name");
    Args.notNull(params, "params");
    DictFromNameParams lookup =
        DictFromNameParams.builder().environment(params.environment().orElse("")).build();
    CompletableFuture<Void> deleted =
        startFromName(name, lookup)
            .thenCompose(
                q ->
                    context
                        .controlPlane()
                        .unary(
                            ModalClientGrpc.getDictDeleteMethod(),
                            DictDeleteRequest.newBuilder().setDictId(q.dictId()).build()))
            .thenApply(e -> (Void) null);
    if (!params.allowMissing()) {
      return deleted;
    }
    return Lookups.ignoreNotFound(deleted);
  }

  /** The named dicts of the client's environment, newest first. */
  public List<Dict> list() {
    return Futures.join(listAsync(DictListParams.DEFAULT));
  }

  /**
   * The named dicts of the params' environment, newest first (DictList).
   *
   * @throws NotFoundException if the environment does not exist
   * @throws InvalidException if params is null
   */
  public List<Dict> list(DictListParams params) {
    return Futures.join(listAsync(params));
  }

  /**
   * The async form of {@link #list(DictListParams)}.
   *
   * @throws InvalidException if params is null
   */
  public CompletableFuture<List<Dict>> listAsync(DictListParams params) {
    Args.notNull(params, "params");
    String env = params.environment().orElse(context.environment());
    return CallerFutures.hand(
        context,
        CreatedBeforePages.collect(
            before ->
                context
                    .controlPlane()
                    .unary(
                        ModalClientGrpc.getDictListMethod(),
                        DictListRequest.newBuilder()
                            .setEnvironmentName(env)
                            .setPagination(
                                ListPagination.newBuilder()
                                    .setMaxObjects(CreatedBeforePages.PAGE)
                                    .setCreatedBefore(before))
                            .build()),
            DictListResponse::getDictsList,
            DictListResponse.DictInfo::getCreatedAt,
            item -> new Dict(context, item.getDictId(), item.getName(), null)));
  }
}
