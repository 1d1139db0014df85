package dev.modal4j.testing.images;

import dev.modal4j.proto.ImageGetByTagRequest;
import dev.modal4j.proto.ImageGetByTagResponse;
import dev.modal4j.proto.ImagePublishRequest;
import dev.modal4j.proto.ImagePublishResponse;
import dev.modal4j.proto.ModalClientGrpc;
import dev.modal4j.testing.EmulatorState;
import dev.modal4j.testing.internal.EmulatorArea;
import dev.modal4j.testing.internal.Unary;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.regex.Pattern;

/**
 * Named images: {@code ImagePublish} (a built image under {@code name:tag} in an environment, a new
 * {@code ir-} revision each time) and {@code ImageGetByTag}. A tag may carry its environment as a
 * namespace, {@code [workspace/]environment/name:tag}, with the request's environment empty.
 */
public final class ImageTagsArea implements EmulatorArea {
  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9\\-_.]{1,64}");

  private final EmulatorState state;
  private final ImageStore images;
  private final PublishedImages published = new PublishedImages();

  /** Serves named images of {@code images}. */
  public ImageTagsArea(EmulatorState state, ImageStore images) {
    this.state = state;
    this.images = images;
  }

  @Override
  public void bind(ServerServiceDefinition.Builder service) {
    Unary.bind(service, ModalClientGrpc.getImagePublishMethod(), this::publish);
    Unary.bind(service, ModalClientGrpc.getImageGetByTagMethod(), this::getByTag);
  }

  private ImagePublishResponse publish(ImagePublishRequest request) {
    Named named = named(request.getTag(), request.getEnvironmentName());
    if (images.get(request.getImageId()).isEmpty()) {
      throw notFound("Image '" + request.getImageId() + "' not found");
    }
    PublishedImages.Revision r =
        published.publish(named.environment, named.tag, request.getImageId(), state.newId("ir"));
    return ImagePublishResponse.newBuilder()
        .setImageId(r.imageId())
        .setRevisionId(r.revisionId())
        .build();
  }

  private ImageGetByTagResponse getByTag(ImageGetByTagRequest request) {
    Named named = named(request.getTag(), request.getEnvironmentName());
    String imageId =
        published
            .get(named.environment, named.tag)
            .map(PublishedImages.Revision::imageId)
            .filter(id -> images.get(id).isPresent())
            .orElseThrow(
                () ->
                    notFound(
                        "Image '"
                            + named.tag
                            + "' not found in environment '"
                            + state.environments().name(named.environment)
                            + "'"));
    return ImageGetByTagResponse.newBuilder().setImageId(imageId).build();
  }

  private record Named(String environment, String tag) {}

  /** The environment and {@code name:tag} a reference names. */
  private Named named(String reference, String environmentName) {
    int colon = reference.lastIndexOf(':');
    String path = colon < 0 ? reference : reference.substring(0, colon);
    String tag = colon < 0 ? "latest" : reference.substring(colon + 1);
    String[] parts = path.split("/", -1);
    String name = parts[parts.length - 1];
    if (parts.length > 3 || !NAME.matcher(name).matches() || !NAME.matcher(tag).matches()) {
      throw Status.INVALID_ARGUMENT
          .withDescription("Invalid image tag '" + reference + "'")
          .asRuntimeException();
    }
    String environment = environmentName;
    if (parts.length > 1) {
      if (!environmentName.isEmpty()) {
        throw Status.INVALID_ARGUMENT
            .withDescription("An image tag with an environment prefix takes no environment_name")
            .asRuntimeException();
      }
      environment = parts[parts.length - 2];
    }
    return new Named(state.environments().resolve(environment), name + ":" + tag);
  }

  private static StatusRuntimeException notFound(String message) {
    return Status.NOT_FOUND.withDescription(message).asRuntimeException();
  }
}
