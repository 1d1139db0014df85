package dev.modal4j.images;

import dev.modal4j.InvalidException;
import dev.modal4j.ModalClient;
import dev.modal4j.ModalException;
import dev.modal4j.NotFoundException;
import dev.modal4j.internal.Args;
import dev.modal4j.internal.CallerFutures;
import dev.modal4j.internal.ClientContext;
import dev.modal4j.internal.Futures;
import dev.modal4j.proto.ImageDeleteRequest;
import dev.modal4j.proto.ImageFromIdRequest;
import dev.modal4j.proto.ImageGetByTagRequest;
import dev.modal4j.proto.ModalClientGrpc;
import dev.modal4j.proto.RegistryAuthType;
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
    return privateImage(tag, secret, RegistryAuthType.REGISTRY_AUTH_TYPE_STATIC_CREDS);
  }

  /**
   * The image {@code tag} of a private AWS Elastic Container Registry, pulled with the credentials
   * in {@code secret}: {@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY} and {@code
   * AWS_REGION}, or {@code AWS_ROLE_ARN} and {@code AWS_REGION} for an OIDC role.
   *
   * @throws InvalidException if the tag is null or blank, or the secret is null
   */
  public Image fromAwsEcr(String tag, Secret secret) {
    return privateImage(tag, secret, RegistryAuthType.REGISTRY_AUTH_TYPE_AWS);
  }

  /**
   * The image {@code tag} of a private Google Artifact Registry (or Container Registry), pulled
   * with the service account key in {@code secret}'s {@code SERVICE_ACCOUNT_JSON}.
   *
   * @throws InvalidException if the tag is null or blank, or the secret is null
   */
  public Image fromGcpArtifactRegistry(String tag, Secret secret) {
    return privateImage(tag, secret, RegistryAuthType.REGISTRY_AUTH_TYPE_GCP);
  }

  private Image privateImage(String tag, Secret secret, RegistryAuthType type) {
    Args.notBlank(tag, "tag");
    Args.notNull(secret, "secret");
    return new Image(
        builds,
        tag,
        null,
        new RegistryAuth(type, secret),
        List.of(new ImageLayer(List.of(), DockerfileParams.DEFAULT)),
        null);
  }

  /**
   * The image published as {@code name} ({@code name[:tag]}, tag {@code latest} when absent, or
   * {@code environment/name[:tag]}) in the client's environment; see {@link Image#publish(String)}.
   *
   * @throws NotFoundException if no image is published under that name
   * @throws InvalidException if the name is null or invalid (it may not start with {@code im-})
   */
  public Image fromName(String name) {
    return Futures.join(fromNameAsync(name, ImageFromNameParams.DEFAULT));
  }

  /**
   * The image published as {@code name} in {@code params}' environment; see {@link
   * #fromName(String)}.
   *
   * @throws NotFoundException if no image is published under that name
   * @throws InvalidException if an argument is null or invalid, or the name holds a {@code /} and
   *     an environment is given too
   */
  public Image fromName(String name, ImageFromNameParams params) {
    return Futures.join(fromNameAsync(name, params));
  }

  /**
   * The async form of {@link #fromName(String, ImageFromNameParams)}.
   *
   * @throws InvalidException as {@link #fromName(String, ImageFromNameParams)} does, from the call
   */
  public CompletableFuture<Image> fromNameAsync(String name, ImageFromNameParams params) {
    Args.notNull(name, "name");
    Args.notNull(params, "params");
    ImageReferences.Parsed parsed = ImageReferences.parse(name);
    String environment =
        ImageReferences.environment(
            parsed, params.environment().orElse(""), builds.context().environment());
    try {
      return CallerFutures.hand(
          builds.context(),
          builds
              .context()
              .controlPlane()
              .unary(
                  ModalClientGrpc.getImageGetByTagMethod(),
                  ImageGetByTagRequest.newBuilder()
                      .setTag(parsed.tag())
                      .setEnvironmentName(environment)
                      .build())
              .thenApply(
                  r -> new Image(builds, null, r.getImageId(), null, List.of(), r.getImageId())));
    } catch (ModalException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * Deletes the image {@code imageId} (not the layers it was built on): sandboxes and functions can
   * no longer start from it.
   *
   * @throws NotFoundException if there is no such image
   * @throws InvalidException if the id is null or blank
   */
  public void delete(String imageId) {
    Futures.join(deleteAsync(imageId));
  }

  /** The async form of {@link #delete(String)}. */
  public CompletableFuture<Void> deleteAsync(String imageId) {
    Args.notBlank(imageId, "imageId");
    try {
      CompletableFuture<Void> result =
          builds
              .context()
              .controlPlane()
              .unary(
                  ModalClientGrpc.getImageDeleteMethod(),
                  ImageDeleteRequest.newBuilder().setImageId(imageId).build())
              .handle(
                  (resp, err) -> {
                    if (err == null) {
                      return (Void) null;
                    }
                    throw notFound(Futures.unwrap(err));
                  });
      return CallerFutures.hand(builds.context(), result);
    } catch (ModalException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** Modal's image lookups say NOT_FOUND, or FAILED_PRECONDITION "Could not find image with ID". */
  private static RuntimeException notFound(Throwable cause) {
    if (cause instanceof NotFoundException) {
      return (NotFoundException) cause;
    }
    if (cause instanceof ModalException
        && ((ModalException) cause).statusCode().orElse(null) == Status.Code.FAILED_PRECONDITION
        && String.valueOf(cause.getMessage()).contains("Could not find image with ID")) {
      return new NotFoundException(cause.getMessage(), cause, Status.Code.NOT_FOUND);
    }
    return Futures.propagate(cause);
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
