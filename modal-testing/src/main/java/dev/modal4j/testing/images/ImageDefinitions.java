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
 * {@code base_images}. A {@code COPY} copies from the layer's build context, made of its {@code
 * context_files} (see {@link BuildContext}).
 */
final class ImageDefinitions {
  /** The builder versions Modal knows. */
  static final Set<String> BUILDER_VERSIONS =
      Set.of("2023.12", "2024.04", "2024.10", "2025.06", "PREVIEW");

  private static final Pattern REFERENCE =
      Pattern.compile("[A-Za-z0-9][A-Za-z0-9._\\-/:@+]{0,254}");

  private ImageDefinitions() {}

  /**
   * What one layer definition asks for, resolved against the layers it starts from.
   *
   * @param base the image to build on: a registry tag, or the reference the parent layer was built
   *     (or saved) as
   * @param inherited layers of the parent not built into {@code base} (none when it was built)
   * @param added this layer's own commands and build variables, when any remain to run
   * @param satisfied the commands left out because the base image satisfies them (Modal client
   *     set-up, see {@link ModalClientLayers})
   * @param fromRegistry whether {@code base} is the registry tag of the first layer
   * @param contextProblem why the layer's build context cannot be made, when it cannot (the build
   *     fails with it)
   */
  record Definition(
      String base,
      List<ImageLayer> inherited,
      Optional<ImageLayer> added,
      List<String> satisfied,
      boolean fromRegistry,
      Optional<String> contextProblem) {

    /** The image as a record, when nothing is built for it: every layer kept over the base. */
    ImageRecord unbuilt(String imageId, String appId, String builderVersion) {
      List<ImageLayer> layers = new ArrayList<>(inherited);
      added.ifPresent(layers::add);
      return new ImageRecord(imageId, appId, base, layers, builderVersion);
    }
  }

  /**
   * Resolves one layer definition.
   *
   * @param images finds the layers named by {@code base_images}
   * @param buildEnv the variables of this layer's secrets
   * @throws StatusRuntimeException INVALID_ARGUMENT for a malformed definition, NOT_FOUND for an
   *     unknown base image
   */
  static Definition resolve(
      Image image, Function<String, Optional<ImageRecord>> images, Map<String, String> buildEnv) {
    return resolve(image, images, buildEnv, Map.of());
  }

  /**
   * Resolves one layer definition whose context files have these permission bits (by file name;
   * files without one have {@code 0644}).
   */
  static Definition resolve(
      Image image,
      Function<String, Optional<ImageRecord>> images,
      Map<String, String> buildEnv,
      Map<String, Integer> modes) {
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
    Set<String> contextFiles = new java.util.HashSet<>();
    image.getContextFilesList().forEach(f -> contextFiles.add(f.getFilename()));
    List<String> kept = new ArrayList<>();
    List<String> satisfied = new ArrayList<>();
    for (String command : commands.subList(1, commands.size())) {
      String upper = command.trim().toUpperCase(Locale.ROOT);
      if (upper.startsWith("FROM ")) {
        throw invalid("An image layer may start FROM only once, got: " + command);
      }
      if (ModalClientLayers.satisfied(command)
          && (!upper.startsWith("COPY " + ModalClientLayers.REQUIREMENTS.toUpperCase(Locale.ROOT))
              || contextFiles.contains(ModalClientLayers.REQUIREMENTS))) {
        satisfied.add(command);
        continue;
      }
      kept.add(command);
    }
    String base;
    List<ImageLayer> inherited = new ArrayList<>();
    Optional<BaseImage> named = baseNamed(image.getBaseImagesList(), from);
    if (named.isPresent()) {
      ImageRecord parent =
          images
              .apply(named.get().getImageId())
              .orElseThrow(
                  () ->
                      Status.NOT_FOUND
                          .withDescription("Image '" + named.get().getImageId() + "' not found")
                          .asRuntimeException());
      base = parent.registryTag();
      inherited.addAll(parent.layers());
    } else {
      if (!image.getBaseImagesList().isEmpty() || !REFERENCE.matcher(from).matches()) {
        throw invalid("Unknown base image or invalid image reference in: " + first);
      }
      base = from;
    }
    Optional<String> contextProblem = BuildContext.problem(image.getContextFilesList());
    Map<String, byte[]> context =
        contextProblem.isEmpty() ? BuildContext.files(image.getContextFilesList()) : Map.of();
    Map<String, Integer> contextModes =
        contextProblem.isEmpty() ? BuildContext.modes(modes) : Map.of();
    Optional<ImageLayer> added =
        kept.isEmpty()
            ? Optional.empty()
            : Optional.of(new ImageLayer(kept, buildEnv, context, contextModes));
    return new Definition(base, inherited, added, satisfied, named.isEmpty(), contextProblem);
  }

  private static Optional<BaseImage> baseNamed(List<BaseImage> bases, String tag) {
    return bases.stream().filter(b -> b.getDockerTag().equals(tag)).findFirst();
  }

  private static StatusRuntimeException invalid(String message) {
    return Status.INVALID_ARGUMENT.withDescription(message).asRuntimeException();
  }
}
