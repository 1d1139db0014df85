package dev.modal4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(20)
class ClientBuilderTest {
  @TempDir Path home;

  private ModalClient.Builder builder() {
    return ModalClient.builder()
        .tokenId("ak-1")
        .tokenSecret("as-builder-secret")
        .environmentVariables(Map.of())
        .homeDirectory(home);
  }

  @Test
  void plaintextToARemoteHostIsRefusedBeforeConnecting() {
    for (String url : new String[] {"http://example.com", "http://10.0.0.1:8080"}) {
      assertThatThrownBy(() -> builder().serverUrl(url).build())
          .isInstanceOf(InvalidException.class)
          .hasMessageContaining("plaintext")
          .hasMessageContaining("allowInsecure");
    }
  }

  @Test
  void plaintextIsAllowedToLoopbackOrWhenExplicitlyAllowed() {
    for (String url : new String[] {"http://localhost:1", "http://127.0.0.1:1", "http://[::1]:1"}) {
      builder().serverUrl(url).build().close();
    }
    builder().serverUrl("http://example.com").allowInsecure(true).build().close();
    builder().serverUrl("https://example.com").build().close();
  }

  @Test
  void unsupportedSchemesAreInvalid() {
    assertThatThrownBy(() -> builder().serverUrl("ftp://example.com").build())
        .isInstanceOf(InvalidException.class)
        .hasMessageContaining("https://");
    assertThatThrownBy(() -> builder().serverUrl("not a url").build())
        .isInstanceOf(InvalidException.class);
  }

  @Test
  void environmentGetterReturnsTheResolvedEnvironment() throws Exception {
    Files.writeString(
        home.resolve(".modal.toml"),
        "[p]\nactive = true\ntoken_id = \"ak\"\ntoken_secret = \"as\"\nenvironment = \"prof\"\n");
    try (ModalClient c =
        ModalClient.builder().environmentVariables(Map.of()).homeDirectory(home).build()) {
      assertThat(c.environment()).isEqualTo("prof");
    }
    try (ModalClient c =
        ModalClient.builder()
            .environmentVariables(Map.of("MODAL_ENVIRONMENT", "from-env"))
            .homeDirectory(home)
            .build()) {
      assertThat(c.environment()).isEqualTo("from-env");
    }
    try (ModalClient c = builder().environment("explicit").build()) {
      assertThat(c.environment()).isEqualTo("explicit");
    }
  }

  @Test
  void missingCredentialsAreAnAuthException() {
    assertThatThrownBy(
            () -> ModalClient.builder().environmentVariables(Map.of()).homeDirectory(home).build())
        .isInstanceOf(AuthException.class)
        .hasMessageContaining("modal token set");
  }

  @Test
  void toStringNeverShowsTheSecret() {
    try (ModalClient c = builder().serverUrl("http://localhost:1").build()) {
      assertThat(c.toString()).contains("ak-1").doesNotContain("as-builder-secret");
    }
    assertThat(builder().toString()).doesNotContain("as-builder-secret");
  }
}
