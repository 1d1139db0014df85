package dev.modal4j.queues;

import dev.modal4j.InvalidException;
import dev.modal4j.NotFoundException;
import dev.modal4j.internal.Args;
import dev.modal4j.internal.CallerFutures;
import dev.modal4j.internal.ClientContext;
import dev.modal4j.internal.CreatedBeforePages;
import dev.modal4j.internal.Futures;
import dev.modal4j.internal.objects.Heartbeat;
import dev.modal4j.internal.options.Lookups;
import dev.modal4j.proto.ListPagination;
import dev.modal4j.proto.ModalClientGrpc;
import dev.modal4j.proto.ObjectCreationType;
import dev.modal4j.proto.QueueDeleteRequest;
import dev.modal4j.proto.QueueGetOrCreateRequest;
import dev.modal4j.proto.QueueHeartbeatRequest;
import dev.modal4j.proto.QueueListRequest;
import dev.modal4j.proto.QueueListResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Finds, creates and deletes Modal Queues. Get it from {@link dev.modal4j.ModalClient#queues()}.
 *
 * <pre>{@code
 * Queue jobs = modal.queues().fromName("jobs",
 *     QueueFromNameParams.builder().createIfMissing(true).build());
 * try (Queue scratch = modal.queues().ephemeral()) { ... }
 * }</pre>
 *
 * <p>The blocking methods throw the exceptions listed; the {@code Async} methods complete their
 * future exceptionally with the same exceptions, except that bad arguments are refused by both
 * forms with an {@link InvalidException} thrown from the call (see {@link dev.modal4j}).
 */
public final class Queues {
  private final ClientContext context;

  /**
   * Used by {@link dev.modal4j.ModalClient}; applications obtain this service from the client.
   *
   * @param context the client's internals
   * @throws InvalidException if context is null
   */
  public Queues(ClientContext context) {
    this.context = Args.notNull(context, "context");
  }

  /**
   * A new nameless queue in the client's environment, kept alive by heartbeats until {@link
   * Queue#close()} (or the client's close); Modal then deletes it.
   */
  public Queue ephemeral() {
    return Futures.join(startEphemeral(QueueEphemeralParams.DEFAULT));
  }

  /**
   * A new nameless queue, as {@link #ephemeral()}, in the params' environment.
   *
   * @throws InvalidException if params is null
   */
  public Queue ephemeral(QueueEphemeralParams params) {
    return Futures.join(startEphemeral(params));
  }

  /**
   * The async form of {@link #ephemeral(QueueEphemeralParams)}.
   *
   * @throws InvalidException if params is null
   */
  public CompletableFuture<Queue> ephemeralAsync(QueueEphemeralParams params) {
    return CallerFutures.hand(context, startEphemeral(params));
  }

  private CompletableFuture<Queue> startEphemeral(QueueEphemeralParams params) {
    Args.notNull(params, "params");
    QueueGetOrCreateRequest req =
        QueueGetOrCreateRequest.newBuilder()
            .setEnvironmentName(params.environment().orElse(context.environment()))
            .setObjectCreationType(ObjectCreationType.OBJECT_CREATION_TYPE_EPHEMERAL)
            .build();
    return context
        .controlPlane()
        .unary(ModalClientGrpc.getQueueGetOrCreateMethod(), req)
        .thenApply(
            r -> {
              String id = r.getQueueId();
              Heartbeat hb =
                  Heartbeat.start(
                      context,
                      () ->
                          context
                              .controlPlane()
                              .unary(
                                  ModalClientGrpc.getQueueHeartbeatMethod(),
                                  QueueHeartbeatRequest.newBuilder().setQueueId(id).build()));
              return new Queue(context, id, null, hb);
            });
  }

  /**
   * The queue named {@code name} in the client's environment.
   *
   * @throws NotFoundException if there is no such queue
   * @throws InvalidException if the name is null or blank
   */
  public Queue fromName(String name) {
    return Futures.join(startFromName(name, QueueFromNameParams.DEFAULT));
  }

  /**
   * The queue named {@code name}, looked up (or created) as the params say.
   *
   * @throws NotFoundException if there is no such queue and it is not to be created
   * @throws InvalidException if an argument is null or the name blank
   */
  public Queue fromName(String name, QueueFromNameParams params) {
    return Futures.join(startFromName(name, params));
  }

  /**
   * The async form of {@link #fromName(String, QueueFromNameParams)}.
   *
   * @throws InvalidException if an argument is null or the name blank
   */
  public CompletableFuture<Queue> fromNameAsync(String name, QueueFromNameParams params) {
    return CallerFutures.hand(context, startFromName(name, params));
  }

  private CompletableFuture<Queue> startFromName(String name, QueueFromNameParams params) {
    Args.notBlank(name, "name");
    Args.notNull(params, "params");
    QueueGetOrCreateRequest req =
        QueueGetOrCreateRequest.newBuilder()
            .setDeploymentName(name)
            .setEnvironmentName(params.environment().orElse(context.environment()))
            .setObjectCreationType(Lookups.creationType(params.createIfMissing()))
            .build();
    return Lookups.renameNotFound(
            context.controlPlane().unary(ModalClientGrpc.getQueueGetOrCreateMethod(), req),
            "Queue '" + name + "' not found")
        .thenApply(r -> new Queue(context, r.getQueueId(), name, null));
  }

  /**
   * Deletes the named queue and everything in it.
   *
   * @throws NotFoundException if there is no such queue
   * @throws InvalidException if the name is null or blank
   */
  public void delete(String name) {
    Futures.join(startDelete(name, QueueDeleteParams.DEFAULT));
  }

  /**
   * Deletes the named queue; with {@code allowMissing}, a missing queue is not an error.
   *
   * @throws NotFoundException if there is no such queue and missing ones are not allowed
   * @throws InvalidException if an argument is null or the name blank
   */
  public void delete(String name, QueueDeleteParams params) {
    Futures.join(startDelete(name, params));
  }

  /**
   * The async form of {@link #delete(String, QueueDeleteParams)}.
   *
   * @throws InvalidException if an argument is null or the name blank
   */
  public CompletableFuture<Void> deleteAsync(String name, QueueDeleteParams params) {
    return CallerFutures.hand(context, startDelete(name, params));
  }

  private CompletableFuture<Void> startDelete(String name, QueueDeleteParams params) {
    Args.notBlank(name, "name");
    Args.notNull(params, "params");
    QueueFromNameParams lookup =
        QueueFromNameParams.builder().environment(params.environment().orElse("")).build();
    CompletableFuture<Void> deleted =
        startFromName(name, lookup)
            .thenCompose(
                q ->
                    context
                        .controlPlane()
                        .unary(
                            ModalClientGrpc.getQueueDeleteMethod(),
                            QueueDeleteRequest.newBuilder().setQueueId(q.queueId()).build()))
            .thenApply(e -> (Void) null);
    if (!params.allowMissing()) {
      return deleted;
    }
    return Lookups.ignoreNotFound(deleted);
  }

  /** The named queues of the client's environment, newest first. */
  public List<Queue> list() {
    return Futures.join(listAsync(QueueListParams.DEFAULT));
  }

  /**
   * The named queues of the params' environment, newest first (QueueList).
   *
   * @throws NotFoundException if the environment does not exist
   * @throws InvalidException if params is null
   */
  public List<Queue> list(QueueListParams params) {
    return Futures.join(listAsync(params));
  }

  /**
   * The async form of {@link #list(QueueListParams)}.
   *
   * @throws InvalidException if params is null
   */
  public CompletableFuture<List<Queue>> listAsync(QueueListParams params) {
    Args.notNull(params, "params");
    String env = params.environment().orElse(context.environment());
    return CallerFutures.hand(
        context,
        CreatedBeforePages.collect(
            before ->
                context
                    .controlPlane()
                    .unary(
                        ModalClientGrpc.getQueueListMethod(),
                        QueueListRequest.newBuilder()
                            .setEnvironmentName(env)
                            .setPagination(
                                ListPagination.newBuilder()
                                    .setMaxObjects(CreatedBeforePages.PAGE)
                                    .setCreatedBefore(before))
                            .build()),
            QueueListResponse::getQueuesList,
            QueueListResponse.QueueInfo::getCreatedAt,
            item -> new Queue(context, item.getQueueId(), item.getName(), null)));
  }
}
