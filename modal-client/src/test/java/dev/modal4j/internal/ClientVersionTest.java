package dev.modal4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ClientVersionTest {
  @Test
  void versionIsThePomVersion() throws Exception {
    String pom = Files.readString(Path.of("pom.xml"));
    Matcher m = Pattern.compile("(?s)<parent>.*?<version>([^<]+)</version>").matcher(pom);
    assertThat(m.find()).as("modal-client/pom.xml has a parent version").isTrue();
    assertThat(ClientVersion.VERSION).isEqualTo(m.group(1)).isNotEqualTo(ClientVersion.UNKNOWN);
    assertThat(ClientVersion.LIBMODAL_VERSION).isEqualTo("modal4j/" + m.group(1));
  }
}
