package dev.modal4j.volumes;

import dev.modal4j.InvalidException;
import dev.modal4j.ModalClient;
import dev.modal4j.ModalException;
import dev.modal4j.NotFoundException;
import dev.modal4j.internal.Args;
import dev.modal4j.internal.CallerFutures;
import dev.modal4j.internal.ClientContext;
import dev.modal4j.internal.Futures;
import dev.modal4j.internal.options.Lookups;
import dev.modal4j.proto.ModalClientGrpc;
import dev.modal4j.proto.VolumeGetOrCreateRequest;
import java.util.concurrent.CompletableFuture;

/**
 * Looks up Modal Volumes by name. Get it from {@link ModalClient#volumes()}.
 *
 * <pre>{@code
 * Volume data = modal.volumes().fromName("training-data");
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
   * @throws InvalidException if the name is null or blank, or {@code params} is null
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
    VolumeGetOrCreateRequest request =
        VolumeGetOrCreateRequest.newBuilder()
            .setDeploymentName(name)
            .setEnvironmentName(params.environment().orElse(context.environment()))
            .setObjectCreationType(Lookups.creationType(params.createIfMissing()))
            .build();
    try {
      return CallerFutures.hand(
          context,
          Lookups.renameNotFound(
                  context
                      .controlPlane()
                      .unary(ModalClientGrpc.getVolumeGetOrCreateMethod(), request),
                  "Volume '" + name + "' not found")
              .thenApply(r -> Volume.of(r.getVolumeId(), name)));
    } catch (ModalException e) {
      return CompletableFuture.failedFuture(e);
    }
  }
}
