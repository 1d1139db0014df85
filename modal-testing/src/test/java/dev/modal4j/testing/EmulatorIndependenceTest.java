package dev.modal4j.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modal4j.testing.functions.internal.CborCodec;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The emulator must not agree with the SDK by sharing its code: nothing in modal-testing's main
 * code may use the SDK's internals or Jackson's CBOR. Checked twice: in the sources (imports and
 * fully qualified names, comments aside) and in the compiled classes' constant pools, which also
 * catch names a source scan could miss.
 */
class EmulatorIndependenceTest {
  private static final List<String> FORBIDDEN =
      List.of("dev.modal4j.internal", "com.fasterxml.jackson.dataformat.cbor");
  private static final Pattern COMMENTS = Pattern.compile("(?s)/\\*.*?\\*/|//[^\\n]*");

  private static Path mainClasses() throws URISyntaxException {
    return Path.of(CborCodec.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  private static List<Path> files(Path root, String suffix) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
    }
  }

  @Test
  void mainSourcesReferNeitherToSdkInternalsNorToJacksonCbor() throws Exception {
    Path sources = mainClasses().getParent().getParent().resolve("src/main/java");
    List<Path> javaFiles = files(sources, ".java");
    assertThat(javaFiles).as("main sources under %s", sources).hasSizeGreaterThan(50);
    List<String> offences = new ArrayList<>();
    for (Path file : javaFiles) {
      String code = COMMENTS.matcher(Files.readString(file)).replaceAll(" ");
      for (String name : FORBIDDEN) {
        if (code.contains(name)) {
          offences.add(sources.relativize(file) + " uses " + name);
        }
      }
    }
    assertThat(offences).isEmpty();
  }

  @Test
  void compiledMainClassesReferNeitherToSdkInternalsNorToJacksonCbor() throws Exception {
    Path classes = mainClasses();
    List<Path> classFiles = files(classes, ".class");
    assertThat(classFiles).as("main classes under %s", classes).hasSizeGreaterThan(50);
    List<String> offences = new ArrayList<>();
    for (Path file : classFiles) {
      // Constant-pool strings are modified UTF-8, which is plain ASCII for package names.
      String pool = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
      for (String name : FORBIDDEN) {
        if (pool.contains(name.replace('.', '/')) || pool.contains(name)) {
          offences.add(classes.relativize(file) + " refers to " + name);
        }
      }
    }
    assertThat(offences).isEmpty();
  }
}
