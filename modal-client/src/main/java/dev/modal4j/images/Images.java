package dev.modal4j.images;

import dev.modal4j.InvalidException;
import dev.modal4j.ModalClient;
import dev.modal4j.ModalException;
import dev.modal4j.NotFoundException;
import dev.modal4j.internal.Args;
import dev.modal4j.internal.CallerFutures;
import dev.modal4j.internal.ClientContext;
import dev.modal4j.internal.Futures;
import dev.modal4j.proto.ImageFromIdRequest;
import dev.modal4j.proto.ModalClientGrpc;
import dev.modal4j.secrets.Secret;
import io.grpc.Status;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Defines container images. Get it from {@link ModalClient#images()}.
 *
 * <pre>{@code
 * Image python = modal.images().fromRegistry("python:3.12-slim");
 * Sandbox sb = modal.sandboxes().create(app, python);
 * }</pre>
 *
 * <p>The blocking methods throw the exceptions listed; the {@code Async} methods complete their
 * future exceptionally with the same exceptions, except that bad arguments are refused by both
 * forms with an {@link InvalidException} thrown from the call (see {@link dev.modal4j}).
 */
public final class Images {
  static {
    dev.modal4j.internal.ImageHandles.register(
        (context, id) -> new Image(new ImageBuilds(context), null, id, null, List.of(), id));
  }

  private final ImageBuilds builds;

  /**
   * Used by {@link dev.modal4j.ModalClient}; applications obtain this service from the client.
   *
   * @param context the client's internals
   */
  public Images(ClientContext context) {
    this.builds = new ImageBuilds(Args.notNull(context, "context"));
  }

  /**
   * The public registry image {@code tag} (for example {@code "alpine:3.21"}). Nothing is sent
   * until the image is built.
   *
   * @throws InvalidException if the tag is null or blank
   */
  public Image fromRegistry(String tag) {
    Args.notBlank(tag, "tag");
    return new Image(
        builds,
        tag,
        null,
        null,
        List.of(new ImageLayer(List.of(), DockerfileParams.DEFAULT)),
        null);
  }

  /**
   * The private registry image {@code tag}, pulled with the credentials in {@code secret}, which
   * must hold {@code REGISTRY_USERNAME} and {@code REGISTRY_PASSWORD}.
   *
   * @throws InvalidException if the tag is null or blank, or the secret is null
   */
  public Image fromRegistry(String tag, Secret secret) {
    Args.notBlank(tag, "tag");
    Args.notNull(secret, "secret");
    return new Image(
        builds,
        tag,
        null,
        secret,
        List.of(new ImageLayer(List.of(), DockerfileParams.DEFAULT)),
        null);
  }

  /**
   * The image with id {@code imageId}, which must exist.
   *
   * @throws NotFoundException if there is no such image
   * @throws InvalidException if the id is null or blank
   */
  public Image fromId(String imageId) {
    return Futures.join(fromIdAsync(imageId));
  }

  /** The async form of {@link #fromId(String)}. */
  public CompletableFuture<Image> fromIdAsync(String imageId) {
    Args.notBlank(imageId, "imageId");
    String notFound = "Image '" + imageId + "' not found";
    try {
      CompletableFuture<Image> result =
          builds
              .context()
              .controlPlane()
              .unary(
                  ModalClientGrpc.getImageFromIdMethod(),
                  ImageFromIdRequest.newBuilder().setImageId(imageId).build())
              .handle(
                  (resp, err) -> {
                    if (err == null) {
                      return new Image(
                          builds, null, resp.getImageId(), null, List.of(), resp.getImageId());
                    }
                    Throwable cause = Futures.unwrap(err);
                    if (cause instanceof NotFoundException
                        || (cause instanceof ModalException
                            && ((ModalException) cause).statusCode().orElse(null)
                                == Status.Code.FAILED_PRECONDITION
                            && String.valueOf(cause.getMessage())
                                .contains("Could not find image with ID"))) {
                      throw new NotFoundException(notFound, cause, Status.Code.NOT_FOUND);
                    }
                    throw Futures.propagate(cause);
                  });
      return CallerFutures.hand(builds.context(), result);
    } catch (ModalException e) {
      return CompletableFuture.failedFuture(e);
    }
  }
}
