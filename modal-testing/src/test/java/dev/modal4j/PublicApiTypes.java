package dev.modal4j;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The public types of modal-client's public API, found by listing the classes of the jar or classes
 * directory that holds {@link ModalClient}: every public class (nested ones too, when all their
 * enclosing classes are public) under {@code dev.modal4j} outside {@code dev.modal4j.internal}. A
 * new public type or area package is found without changing this list.
 */
final class PublicApiTypes {
  private static final String ROOT = "dev/modal4j/";
  private static final String INTERNAL = "dev/modal4j/internal/";

  private PublicApiTypes() {}

  static List<Class<?>> list() {
    List<String> names = new ArrayList<>();
    Path location = location();
    if (Files.isDirectory(location)) {
      try (Stream<Path> files = Files.walk(location.resolve(ROOT))) {
        files
            .map(p -> location.relativize(p).toString().replace('\\', '/'))
            .forEach(n -> addIfApi(n, names));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    } else {
      try (JarFile jar = new JarFile(location.toFile())) {
        Enumeration<JarEntry> entries = jar.entries();
        while (entries.hasMoreElements()) {
          addIfApi(entries.nextElement().getName(), names);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    List<Class<?>> types = new ArrayList<>();
    for (String name : names) {
      Class<?> c = load(name);
      if (isPublicApi(c)) {
        types.add(c);
      }
    }
    types.sort((a, b) -> a.getName().compareTo(b.getName()));
    return types;
  }

  private static Path location() {
    try {
      return Path.of(ModalClient.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void addIfApi(String entry, List<String> names) {
    if (entry.startsWith(ROOT)
        && !entry.startsWith(INTERNAL)
        && entry.endsWith(".class")
        && !entry.endsWith("package-info.class")
        && !entry.endsWith("module-info.class")) {
      names.add(entry.substring(0, entry.length() - ".class".length()).replace('/', '.'));
    }
  }

  private static Class<?> load(String name) {
    try {
      return Class.forName(name, false, PublicApiTypes.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean isPublicApi(Class<?> c) {
    if (c.isAnonymousClass() || c.isLocalClass() || c.isSynthetic()) {
      return false;
    }
    for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
      if (!Modifier.isPublic(k.getModifiers())) {
        return false;
      }
    }
    return true;
  }
}
