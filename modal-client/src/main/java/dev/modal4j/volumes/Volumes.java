package dev.modal4j.volumes;

import dev.modal4j.InvalidException;
import dev.modal4j.ModalClient;
import dev.modal4j.ModalException;
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
import dev.modal4j.proto.VolumeDeleteRequest;
import dev.modal4j.proto.VolumeFsVersion;
import dev.modal4j.proto.VolumeGetOrCreateRequest;
import dev.modal4j.proto.VolumeHeartbeatRequest;
import dev.modal4j.proto.VolumeListItem;
import dev.modal4j.proto.VolumeListRequest;
import dev.modal4j.proto.VolumeListResponse;
import dev.modal4j.proto.VolumeRenameRequest;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Finds, creates, lists and deletes Modal Volumes. Get it from {@link ModalClient#volumes()}.
 *
 * <pre>{@code
 * Volume data = modal.volumes().fromName("training-data",
 *     VolumeFromNameParams.builder().createIfMissing(true).build());
 * try (Volume scratch = modal.volumes().ephemeral()) { ... }
 * }</pre>
 *
 * <p>The blocking methods throw the exceptions listed; the {@code Async} methods complete their
 * future exceptionally with the same exceptions, except that bad arguments are refused by both
 * forms with an {@link InvalidException} thrown from the call (see {@link dev.modal4j}).
 */
public final class Volumes {

  private final ClientContext context;

  /**
   * Used by {@link dev.modal4j.ModalClient}; applications obtain this service from the client.
   *
   * @param context the client's internals
   */
  public Volumes(ClientContext context) {
    this.context = Args.notNull(context, "context");
  }

  /**
   * The volume named {@code name} in the client's environment.
   *
   * @throws NotFoundException if there is no such volume
   * @throws InvalidException if the name is null or blank
   */
  public Volume fromName(String name) {
    return Futures.join(fromNameAsync(name, VolumeFromNameParams.DEFAULT));
  }

  /**
   * The volume named {@code name}, looked up (or created) as {@code params} say.
   *
   * @throws NotFoundException if there is no such volume and it is not to be created
   * @throws InvalidException if the name is null or blank, {@code params} is null, or the volume
   *     found has another version than the one asked for
   */
  public Volume fromName(String name, VolumeFromNameParams params) {
    return Futures.join(fromNameAsync(name, params));
  }

  /** The async form of {@link #fromName(String)}. */
  public CompletableFuture<Volume> fromNameAsync(String name) {
    Args.notBlank(name, "name");
    return fromNameAsync(name, VolumeFromNameParams.DEFAULT);
  }

  /** The async form of {@link #fromName(String, VolumeFromNameParams)}. */
  public CompletableFuture<Volume> fromNameAsync(String name, VolumeFromNameParams params) {
    Args.notBlank(name, "name");
    Args.notNull(params, "params");
    try {
      return CallerFutures.hand(context, startFromName(name, params));
    } catch (ModalException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private CompletableFuture<Volume> startFromName(String name, VolumeFromNameParams params) {
    VolumeGetOrCreateRequest request =
        VolumeGetOrCreateRequest.newBuilder()
            .setDeploymentName(name)
            .setEnvironmentName(params.environment().orElse(context.environment()))
            .setObjectCreationType(Lookups.creationType(params.createIfMissing()))
            .setVersionValue(params.version())
            .build();
    return Lookups.renameNotFound(
            context.controlPlane().unary(ModalClientGrpc.getVolumeGetOrCreateMethod(), request),
            "Volume '" + name + "' not found")
        .thenApply(
            r -> {
              int version = versionOf(r.getMetadata().getVersion());
              if (params.version() != 0 && version != params.version()) {
                throw new InvalidException(
                    "Volume '"
                        + name
                        + "' is version "
                        + version
                        + ", not the version "
                        + params.version()
                        + " asked for");
              }
              return Volume.of(context, r.getVolumeId(), name, r.getMetadata(), null);
            });
  }

  /**
   * The volume with id {@code volumeId} (prefix {@code vo-}), bound to this client for file
   * operations; its version is fetched from Modal when an operation first needs it.
   *
   * @throws InvalidException if the id is null or blank
   */
  public Volume fromId(String volumeId) {
    Args.notBlank(volumeId, "volumeId");
    return Volume.of(context, volumeId, null, null, null);
  }

  /**
   * Renames the volume {@code oldName} of the client's environment to {@code newName}.
   *
   * @throws NotFoundException if there is no volume {@code oldName}
   * @throws InvalidException if a name is null or blank
   */
  public void rename(String oldName, String newName) {
    Futures.join(renameAsync(oldName, newName));
  }

  /**
   * The async form of {@link #rename(String, String)}.
   *
   * @throws InvalidException if a name is null or blank
   */
  public CompletableFuture<Void> renameAsync(String oldName, String newName) {
    Args.notBlank(oldName, "oldName");
    Args.notBlank(newName, "newName");
    return CallerFutures.hand(
        context,
        startFromName(oldName, VolumeFromNameParams.DEFAULT)
            .thenCompose(
                v ->
                    context
                        .controlPlane()
                        .unary(
                            ModalClientGrpc.getVolumeRenameMethod(),
                            VolumeRenameRequest.newBuilder()
                                .setVolumeId(v.volumeId())
                                .setName(newName)
                                .build()))
            .thenApply(e -> (Void) null));
  }

  /**
   * A new nameless volume in the client's environment, kept alive by a heartbeat every 300 seconds
   * until {@link Volume#close()} (or the client's close); Modal then deletes it.
   */
  public Volume ephemeral() {
    return Futures.join(ephemeralAsync(VolumeEphemeralParams.DEFAULT));
  }

  /**
   * A new nameless volume as {@link #ephemeral()}, in the params' environment and version.
   *
   * @throws InvalidException if params is null
   */
  public Volume ephemeral(VolumeEphemeralParams params) {
    return Futures.join(ephemeralAsync(params));
  }

  /**
   * The async form of {@link #ephemeral(VolumeEphemeralParams)}.
   *
   * @throws InvalidException if params is null
   */
  public CompletableFuture<Volume> ephemeralAsync(VolumeEphemeralParams params) {
    Args.notNull(params, "params");
    VolumeGetOrCreateRequest request =
        VolumeGetOrCreateRequest.newBuilder()
            .setEnvironmentName(params.environment().orElse(context.environment()))
            .setObjectCreationType(ObjectCreationType.OBJECT_CREATION_TYPE_EPHEMERAL)
            .setVersionValue(params.version())
            .build();
    return CallerFutures.hand(
        context,
        context
            .controlPlane()
            .unary(ModalClientGrpc.getVolumeGetOrCreateMethod(), request)
            .thenApply(
                r -> {
                  String id = r.getVolumeId();
                  Heartbeat hb =
                      Heartbeat.start(
                          context,
                          () ->
                              context
                                  .controlPlane()
                                  .unary(
                                      ModalClientGrpc.getVolumeHeartbeatMethod(),
                                      VolumeHeartbeatRequest.newBuilder().setVolumeId(id).build()));
                  return Volume.of(context, id, null, r.getMetadata(), hb);
                }));
  }

  /**
   * Deletes the named volume and its files.
   *
   * @throws NotFoundException if there is no such volume
   * @throws InvalidException if the name is null or blank
   */
  public void delete(String name) {
    Futures.join(deleteAsync(name, VolumeDeleteParams.DEFAULT));
  }

  /**
   * Deletes the named volume and its files; with {@code allowMissing}, a missing volume is not an
   * error.
   *
   * @throws NotFoundException if there is no such volume and missing ones are not allowed
   * @throws InvalidException if an argument is null or the name blank
   */
  public void delete(String name, VolumeDeleteParams params) {
    Futures.join(deleteAsync(name, params));
  }

  /**
   * The async form of {@link #delete(String, VolumeDeleteParams)}.
   *
   * @throws InvalidException if an argument is null or the name blank
   */
  public CompletableFuture<Void> deleteAsync(String name, VolumeDeleteParams params) {
    Args.notBlank(name, "name");
    Args.notNull(params, "params");
    VolumeFromNameParams lookup =
        VolumeFromNameParams.builder().environment(params.environment().orElse("")).build();
    CompletableFuture<Void> deleted =
        startFromName(name, lookup)
            .thenCompose(
                v ->
                    context
                        .controlPlane()
                        .unary(
                            ModalClientGrpc.getVolumeDeleteMethod(),
                            VolumeDeleteRequest.newBuilder().setVolumeId(v.volumeId()).build()))
            .thenApply(e -> (Void) null);
    return CallerFutures.hand(
        context, params.allowMissing() ? Lookups.ignoreNotFound(deleted) : deleted);
  }

  /** The named volumes of the client's environment, newest first. */
  public List<Volume> list() {
    return Futures.join(listAsync(VolumeListParams.DEFAULT));
  }

  /**
   * The named volumes of the params' environment, newest first.
   *
   * @throws InvalidException if params is null
   */
  public List<Volume> list(VolumeListParams params) {
    return Futures.join(listAsync(params));
  }

  /**
   * The async form of {@link #list(VolumeListParams)}.
   *
   * @throws InvalidException if params is null
   */
  public CompletableFuture<List<Volume>> listAsync(VolumeListParams params) {
    Args.notNull(params, "params");
    String env = params.environment().orElse(context.environment());
    return CallerFutures.hand(context, listIn(env));
  }

  private CompletableFuture<List<Volume>> listIn(String env) {
    return CreatedBeforePages.collect(
        before ->
            context
                .controlPlane()
                .unary(
                    ModalClientGrpc.getVolumeListMethod(),
                    VolumeListRequest.newBuilder()
                        .setEnvironmentName(env)
                        .setPagination(
                            ListPagination.newBuilder()
                                .setMaxObjects(CreatedBeforePages.PAGE)
                                .setCreatedBefore(before))
                        .build()),
        VolumeListResponse::getItemsList,
        VolumeListItem::getCreatedAt,
        item ->
            Volume.of(
                context,
                item.getVolumeId(),
                item.getLabel(),
                item.hasMetadata() ? item.getMetadata() : null,
                null));
  }

  private static int versionOf(VolumeFsVersion version) {
    return version == VolumeFsVersion.VOLUME_FS_VERSION_V2 ? 2 : 1;
  }
}
