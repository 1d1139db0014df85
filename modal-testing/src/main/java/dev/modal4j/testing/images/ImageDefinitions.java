package dev.modal4j.testing.images;

import dev.modal4j.proto.BaseImage;
import dev.modal4j.proto.Image;
import dev.modal4j.testing.sandboxes.backend.ImageLayer;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Checks one layer definition as Modal's builder would and resolves it against the layers it starts
 * from: the first command is {@code FROM <registry tag>} or {@code FROM <base tag>} naming one of
 * {@code base_images}; copying from a local context is refused (there is none).
 */
final class ImageDefinitions {
  /** The builder versions Modal knows. */
  static final Set<String> BUILDER_VERSIONS =
      Set.of("2023.12", "2024.04", "2024.10", "2025.06", "PREVIEW");

  private static final Pattern REFERENCE =
      Pattern.compile("[A-Za-z0-9][A-Za-z0-9._\\-/:@+]{0,254}");

  private ImageDefinitions() {}

  /**
   * The image this layer builds, under {@code imageId}.
   *
   * @param images finds the layers named by {@code base_images}
   * @param buildEnv the variables of this layer's secrets
   * @throws StatusRuntimeException INVALID_ARGUMENT for a malformed definition, NOT_FOUND for an
   *     unknown base image
   */
  static ImageRecord resolve(
      String imageId,
      String appId,
      String builderVersion,
      Image image,
      Function<String, Optional<ImageRecord>> images,
      Map<String, String> buildEnv) {
    List<String> commands = image.getDockerfileCommandsList();
    if (commands.isEmpty()) {
      throw invalid("Image definition has no Dockerfile commands; the first must be FROM");
    }
    String first = commands.get(0).trim();
    String[] words = first.split("\\s+");
    if (!words[0].equalsIgnoreCase("FROM") || words.length < 2) {
      throw invalid("The first Dockerfile command must be FROM <image>, got: " + first);
    }
    String from = words[words.length - 1];
    if (words.length > 2 && words[words.length - 2].equalsIgnoreCase("AS")) {
      from = words[words.length - 3];
    }
    for (String command : commands.subList(1, commands.size())) {
      String upper = command.trim().toUpperCase(Locale.ROOT);
      if (upper.startsWith("COPY ") && !upper.startsWith("COPY --FROM=")) {
        throw invalid("COPY commands that copy from local context are not yet supported.");
      }
      if (upper.startsWith("FROM ")) {
        throw invalid("An image layer may start FROM only once, got: " + command);
      }
    }
    String registryTag;
    List<ImageLayer> layers = new ArrayList<>();
    Optional<BaseImage> base = baseNamed(image.getBaseImagesList(), from);
    if (base.isPresent()) {
      ImageRecord parent =
          images
              .apply(base.get().getImageId())
              .orElseThrow(
                  () ->
                      Status.NOT_FOUND
                          .withDescription("Image '" + base.get().getImageId() + "' not found")
                          .asRuntimeException());
      registryTag = parent.registryTag();
      layers.addAll(parent.layers());
    } else {
      if (!image.getBaseImagesList().isEmpty() || !REFERENCE.matcher(from).matches()) {
        throw invalid("Unknown base image or invalid image reference in: " + first);
      }
      registryTag = from;
    }
    if (commands.size() > 1) {
      layers.add(new ImageLayer(commands.subList(1, commands.size()), buildEnv));
    }
    return new ImageRecord(imageId, appId, registryTag, layers, builderVersion);
  }

  private static Optional<BaseImage> baseNamed(List<BaseImage> bases, String tag) {
    return bases.stream().filter(b -> b.getDockerTag().equals(tag)).findFirst();
  }

  private static StatusRuntimeException invalid(String message) {
    return Status.INVALID_ARGUMENT.withDescription(message).asRuntimeException();
  }
}
