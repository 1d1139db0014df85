package dev.modal4j.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modal4j.InvalidException;
import dev.modal4j.ModalClient;
import dev.modal4j.NotFoundException;
import dev.modal4j.apps.App;
import dev.modal4j.apps.AppFromNameParams;
import dev.modal4j.images.Image;
import dev.modal4j.sandboxes.ExecParams;
import dev.modal4j.sandboxes.Sandbox;
import dev.modal4j.sandboxes.SandboxCreateParams;
import dev.modal4j.secrets.Secret;
import dev.modal4j.secrets.SecretFromNameParams;
import dev.modal4j.testing.ModalEmulator;
import dev.modal4j.testing.sandboxes.SandboxBackendType;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Secrets made from maps are lazy, created once, and their values reach the sandbox. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LazySecretsTest {
  private static ModalEmulator emulator;
  private ModalClient modal;
  private App app;
  private Image image;

  @BeforeAll
  static void start() {
    emulator = ModalEmulator.builder().sandboxBackend(SandboxBackendType.PROCESS).start();
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  @BeforeEach
  void connect() {
    modal = emulator.newClient();
    app =
        modal
            .apps()
            .fromName("lazy-secrets", AppFromNameParams.builder().createIfMissing(true).build());
    image = modal.images().fromRegistry("alpine:3.21");
  }

  @AfterEach
  void disconnect() {
    modal.close();
  }

  private long secretRpcs() {
    return emulator.stats().count("SecretGetOrCreate");
  }

  @Test
  void fromMapSendsNothingAndTwoSandboxesShareOneServerSecret() {
    long before = secretRpcs();
    Secret secret = modal.secrets().fromMap(Map.of("GREETING", "hello from a map", "N", "7"));
    assertThat(secretRpcs()).isEqualTo(before);
    assertThat(secret.secretId()).isEmpty();
    assertThat(secret.toString()).doesNotContain("hello from a map");

    SandboxCreateParams params = SandboxCreateParams.builder().secrets(List.of(secret)).build();
    try (Sandbox first = modal.sandboxes().create(app, image, params);
        Sandbox second = modal.sandboxes().create(app, image, params)) {
      assertThat(secretRpcs()).isEqualTo(before + 1);
      assertThat(secret.secretId()).startsWith("st-");
      assertThat(emulator.classes().secrets().values(secret.secretId()))
          .contains(Map.of("GREETING", "hello from a map", "N", "7"));
      assertThat(first.exec(List.of("sh", "-c", "echo \"$GREETING/$N\"")).stdout().readText())
          .isEqualTo("hello from a map/7\n");
      assertThat(second.exec(List.of("sh", "-c", "echo \"$GREETING\"")).stdout().readText())
          .isEqualTo("hello from a map\n");
    }
  }

  @Test
  void execCarriesMapSecretsInlineWithoutAServerSecret() {
    try (Sandbox sb = modal.sandboxes().create(app, image)) {
      long before = secretRpcs();
      Secret secret = modal.secrets().fromMap(Map.of("A", "from-secret", "B", "secret-b"));
      String out =
          sb.exec(
                  List.of("sh", "-c", "echo \"$A $B\""),
                  ExecParams.builder()
                      .secrets(List.of(secret))
                      .env(Map.of("B", "explicit-env-wins"))
                      .build())
              .stdout()
              .readText();
      assertThat(out).isEqualTo("from-secret explicit-env-wins\n");
      assertThat(secretRpcs()).isEqualTo(before);
      assertThat(secret.secretId()).isEmpty();
    }
  }

  @Test
  void aFailedCreationIsNotKeptAndConcurrentUsesCreateOneSecret() throws Exception {
    Secret secret = modal.secrets().fromMap(Map.of("RETRY", "yes"));
    SandboxCreateParams params = SandboxCreateParams.builder().secrets(List.of(secret)).build();
    emulator.faults().failRpc("SecretGetOrCreate", 1.0, io.grpc.Status.Code.PERMISSION_DENIED);
    try {
      assertThatThrownBy(() -> modal.sandboxes().create(app, image, params))
          .isInstanceOf(dev.modal4j.ModalException.class);
    } finally {
      emulator.faults().clear();
    }
    assertThat(secret.secretId()).isEmpty();
    long before = secretRpcs();
    var first = modal.sandboxes().createAsync(app, image, params);
    var second = modal.sandboxes().createAsync(app, image, params);
    try (Sandbox a = first.get(30, TimeUnit.SECONDS);
        Sandbox b = second.get(30, TimeUnit.SECONDS)) {
      assertThat(secretRpcs()).isEqualTo(before + 1);
      assertThat(a.exec(List.of("sh", "-c", "echo $RETRY")).stdout().readText()).isEqualTo("yes\n");
      assertThat(b.sandboxId()).isNotEqualTo(a.sandboxId());
    }
  }

  @Test
  void requiredKeysPresentOrNamedWhenMissing() {
    emulator.classes().secrets().create("", "db", Map.of("USER", "u", "PASSWORD", "p"));
    Secret found =
        modal
            .secrets()
            .fromName(
                "db", SecretFromNameParams.builder().requiredKeys("USER", "PASSWORD").build());
    assertThat(found.name()).contains("db");
    assertThatThrownBy(
            () ->
                modal
                    .secrets()
                    .fromName(
                        "db",
                        SecretFromNameParams.builder()
                            .requiredKeys("USER", "HOST", "PORT")
                            .build()))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("Secret is missing key")
        .hasMessageContaining("HOST")
        .hasMessageContaining("PORT")
        .message()
        .doesNotContain("USER");
  }

  @Test
  void badMapsAreRefusedBeforeAnyRpc() {
    long before = emulator.stats().total();
    assertThatThrownBy(() -> modal.secrets().fromMap(Map.of("1BAD", "x")))
        .isInstanceOf(InvalidException.class)
        .hasMessageContaining("1BAD");
    java.util.Map<String, String> nullValue = new java.util.HashMap<>();
    nullValue.put("K", null);
    assertThatThrownBy(() -> modal.secrets().fromMap(nullValue))
        .isInstanceOf(InvalidException.class);
    assertThatThrownBy(() -> modal.secrets().fromMap(null)).isInstanceOf(InvalidException.class);
    assertThat(emulator.stats().total()).isEqualTo(before);
  }
}
