package dev.modal4j.testing.images;

import dev.modal4j.proto.ImageContextFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The build context of one layer, from its definition's {@code context_files}: each file's name is
 * a path in the context (a leading {@code /} is the context's root, as a Dockerfile {@code COPY}
 * source reads it; Modal's Python SDK sends names such as {@code /modal_requirements.txt}). A name
 * that would leave the context (a {@code ..} step, a drive or backslash path, a NUL) or that names
 * the files the build itself puts in the context fails the build, naming the file.
 */
final class BuildContext {
  /** Where the emulator's own build files go in the context; no context file may use it. */
  static final String RESERVED = ".modal4j";

  private BuildContext() {}

  /**
   * The files by their path relative to the context's root, in the definition's order.
   *
   * @throws IllegalArgumentException naming the first file whose name is refused, and why
   */
  static Map<String, byte[]> files(List<ImageContextFile> files) {
    Map<String, byte[]> out = new LinkedHashMap<>();
    for (ImageContextFile file : files) {
      String path = relative(file.getFilename());
      if (out.put(path, file.getData().toByteArray()) != null) {
        throw new IllegalArgumentException(
            "context file '" + file.getFilename() + "' is given more than once");
      }
    }
    return out;
  }

  /** The same permission bits, by each file's path relative to the context's root. */
  static Map<String, Integer> modes(Map<String, Integer> byName) {
    Map<String, Integer> out = new LinkedHashMap<>();
    byName.forEach((name, mode) -> out.put(relative(name), mode));
    return out;
  }

  /** Why the build context cannot be made, if it cannot. */
  static Optional<String> problem(List<ImageContextFile> files) {
    try {
      files(files);
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of("Image build failed: " + e.getMessage());
    }
  }

  private static String relative(String name) {
    String why = null;
    if (name.isEmpty()) {
      why = "is empty";
    } else if (name.indexOf('\0') >= 0 || name.indexOf('\\') >= 0) {
      why = "holds a NUL or a backslash";
    } else if (name.matches("^[A-Za-z]:.*")) {
      why = "is a drive path";
    }
    List<String> steps = new ArrayList<>();
    if (why == null) {
      for (String step : name.split("/")) {
        if (step.equals("..")) {
          why = "leaves the build context";
          break;
        }
        if (!step.isEmpty() && !step.equals(".")) {
          steps.add(step);
        }
      }
    }
    if (why == null && steps.isEmpty()) {
      why = "names no file";
    }
    if (why == null
        && (steps.get(0).equals(RESERVED)
            || steps.size() == 1 && steps.get(0).equals(".dockerignore"))) {
      why = "is reserved for the emulator's own build files";
    }
    if (why != null) {
      throw new IllegalArgumentException("context file '" + name + "' " + why);
    }
    return String.join("/", steps);
  }
}
