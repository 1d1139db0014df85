package dev.modal4j.bench;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** Where this JVM's {@code java} binary and the bench's own jar are. */
final class JavaCommand {

  private JavaCommand() {}

  /** The {@code java} launcher of the running JVM. */
  static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** The class path entry holding the bench classes (the shaded jar when run with -jar). */
  static String ownClassPath() {
    try {
      return Path.of(JavaCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI())
          .toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot locate the bench's class path", e);
    }
  }
}
