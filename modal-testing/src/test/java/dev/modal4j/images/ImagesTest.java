package dev.modal4j.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modal4j.InvalidException;
import dev.modal4j.ModalClient;
import dev.modal4j.NotFoundException;
import dev.modal4j.RemoteException;
import dev.modal4j.apps.App;
import dev.modal4j.apps.AppFromNameParams;
import dev.modal4j.secrets.Secret;
import dev.modal4j.testing.ModalEmulator;
import dev.modal4j.testing.sandboxes.SandboxBackendType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Images through the SDK against the emulator, where nothing needs a docker build (the process
 * backend): private registries and their secrets' keys, publish and fromName, delete, the builder
 * version, and bad input refused before any RPC.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ImagesTest {
  private static ModalEmulator emulator;
  private static ModalClient modal;
  private static App app;

  @BeforeAll
  static void start() {
    emulator = ModalEmulator.builder().sandboxBackend(SandboxBackendType.PROCESS).start();
    modal = emulator.newClient();
    app =
        modal
            .apps()
            .fromName("images-sdk", AppFromNameParams.builder().createIfMissing(true).build());
  }

  @AfterAll
  static void stop() {
    modal.close();
    emulator.close();
  }

  @Test
  void privateRegistriesBuildWithTheKeysTheirAuthTypeNeedsAndFailWithout() {
    assertPrivate(
        (tag, s) -> modal.images().fromAwsEcr(tag, s),
        "123456789012.dkr.ecr.us-east-1.amazonaws.com/private:python",
        Map.of("AWS_ACCESS_KEY_ID", "AKIAEXAMPLE1", "AWS_SECRET_ACCESS_KEY", "secret-key-1"),
        Map.of("AWS_ACCESS_KEY_ID", "AKIAEXAMPLE1"),
        "AWS_SECRET_ACCESS_KEY");
    assertPrivate(
        (tag, s) -> modal.images().fromAwsEcr(tag, s),
        "123456789012.dkr.ecr.us-east-1.amazonaws.com/private:oidc",
        Map.of("AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/pull", "AWS_REGION", "us-east-1"),
        Map.of("AWS_REGION", "eu-hidden-9"),
        "AWS_ACCESS_KEY_ID");
    assertPrivate(
        (tag, s) -> modal.images().fromGcpArtifactRegistry(tag, s),
        "us-east1-docker.pkg.dev/project/repo/image",
        Map.of("SERVICE_ACCOUNT_JSON", "{\"type\": \"service_account\"}"),
        Map.of("REGISTRY_USERNAME", "_json_key", "REGISTRY_PASSWORD", "json-password-2"),
        "SERVICE_ACCOUNT_JSON");
    assertPrivate(
        (tag, s) -> modal.images().fromRegistry(tag, s),
        "registry.example.com/team/app:1.0",
        Map.of("REGISTRY_USERNAME", "robot", "REGISTRY_PASSWORD", "registry-password-3"),
        Map.of("REGISTRY_USERNAME", "robot"),
        "REGISTRY_PASSWORD");
  }

  private static void assertPrivate(
      BiFunction<String, Secret, Image> from,
      String tag,
      Map<String, String> good,
      Map<String, String> bad,
      String missing) {
    Image ok = from.apply(tag, modal.secrets().fromMap(good)).build(app);
    assertThat(ok.imageId()).hasValueSatisfying(id -> assertThat(id).startsWith("im-"));
    assertThat(emulator.images().get(ok.imageId().get()).orElseThrow().registryTag())
        .isEqualTo(tag);
    Image refused = from.apply(tag, modal.secrets().fromMap(bad));
    assertThatThrownBy(() -> refused.build(app))
        .isInstanceOf(RemoteException.class)
        .hasMessageContaining("failed with the exception")
        .hasMessageContaining(tag)
        .hasMessageContaining(missing)
        .satisfies(e -> bad.values().forEach(v -> assertThat(e.getMessage()).doesNotContain(v)));
    assertThat(refused.imageId()).isEmpty();
  }

  @Test
  void aPublishedImageIsFoundByNameTagAndEnvironment() {
    Image first = modal.images().fromRegistry("alpine:3.21").build(app);
    first.publish("analytics-runtime");
    assertThat(modal.images().fromName("analytics-runtime").imageId()).isEqualTo(first.imageId());
    assertThat(modal.images().fromName("analytics-runtime:latest").imageId())
        .isEqualTo(first.imageId());
    assertThat(modal.images().fromName("main/analytics-runtime").imageId())
        .isEqualTo(first.imageId());
    assertThat(
            modal
                .images()
                .fromName(
                    "analytics-runtime", ImageFromNameParams.builder().environment("main").build())
                .imageId())
        .isEqualTo(first.imageId());
    assertThatThrownBy(() -> modal.images().fromName("analytics-runtime:v2"))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("analytics-runtime:v2");
    assertThatThrownBy(
            () ->
                modal
                    .images()
                    .fromName(
                        "analytics-runtime",
                        ImageFromNameParams.builder().environment("nowhere").build()))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("nowhere");

    Image second = modal.images().fromRegistry("alpine:3.20").build(app);
    second.publish("analytics-runtime", ImagePublishParams.builder().environment("main").build());
    assertThat(modal.images().fromName("analytics-runtime").imageId()).isEqualTo(second.imageId());
    second.publish("main/analytics-runtime:v2");
    Image named = modal.images().fromName("analytics-runtime:v2");
    assertThat(named.imageId()).isEqualTo(second.imageId());

    Image layered = named.dockerfileCommands(List.of("ENV FROM_NAMED=1")).build(app);
    assertThat(emulator.images().get(layered.imageId().get()).orElseThrow().registryTag())
        .as("a layer over a named image starts from that image")
        .isEqualTo("alpine:3.20");
  }

  @Test
  void deleteForgetsAnImageAndSaysNotFoundTheSecondTime() {
    Image base = modal.images().fromRegistry("alpine:3.13").build(app);
    Image top = base.dockerfileCommands(List.of("WORKDIR /deleted")).build(app);
    modal.images().delete(top.imageId().get());
    assertThat(modal.images().fromId(base.imageId().get()).imageId()).isEqualTo(base.imageId());
    assertThatThrownBy(() -> modal.images().fromId(top.imageId().get()))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining(top.imageId().get());
    assertThatThrownBy(() -> modal.images().delete(top.imageId().get()))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("No Image with ID");
  }

  @Test
  void badNamesAndUnbuiltImagesAreRefusedBeforeAnyRpc() {
    long byTag = emulator.stats().count("ImageGetByTag");
    long published = emulator.stats().count("ImagePublish");
    assertInvalid(() -> modal.images().fromName("im-looks-like-an-id"), "cannot start with 'im-'");
    assertInvalid(() -> modal.images().fromName("name with spaces"), "Invalid Image name");
    assertInvalid(() -> modal.images().fromName("a".repeat(65)), "Invalid Image name");
    assertInvalid(() -> modal.images().fromName("ap-" + "a".repeat(22)), "Invalid Image name");
    assertInvalid(() -> modal.images().fromName(":latest"), "Invalid Image name");
    assertInvalid(() -> modal.images().fromName("name:bad tag"), "Invalid Image tag name");
    assertInvalid(() -> modal.images().fromName("/my-image"), "prefix must be non-empty");
    assertInvalid(() -> modal.images().fromName("my-env/"), "name after '/' must be non-empty");
    assertInvalid(
        () ->
            modal
                .images()
                .fromName(
                    "my-env/my-image", ImageFromNameParams.builder().environment("other").build()),
        "Cannot specify 'environment'");
    Image unbuilt = modal.images().fromRegistry("alpine:3.21");
    assertInvalid(
        () -> unbuilt.publish("analytics-runtime"),
        "Cannot publish an image that has not been built yet");
    Image built = modal.images().fromRegistry("alpine:3.21").build(app);
    assertInvalid(() -> built.publish("im-built"), "cannot start with 'im-'");
    assertInvalid(() -> modal.images().delete(" "), "imageId");
    assertThat(emulator.stats().count("ImageGetByTag")).isEqualTo(byTag);
    assertThat(emulator.stats().count("ImagePublish")).isEqualTo(published);
  }

  private static void assertInvalid(Runnable call, String message) {
    assertThatThrownBy(call::run)
        .isInstanceOf(InvalidException.class)
        .hasMessageContaining(message);
  }

  @Test
  void theBuilderVersionComesFromTheEnvironmentVariableTheProfileOrTheEnvironment(
      @TempDir Path home) throws Exception {
    assertThat(builtWith(emulator.clientBuilder())).isEqualTo("2025.06");
    assertThat(
            builtWith(
                emulator
                    .clientBuilder()
                    .environmentVariables(Map.of("MODAL_IMAGE_BUILDER_VERSION", "2024.10"))))
        .isEqualTo("2024.10");
    Path config = home.resolve("modal.toml");
    Files.writeString(config, "[imaging]\nimage_builder_version = \"2024.04\"\n");
    assertThat(builtWith(emulator.clientBuilder().configPath(config).profile("imaging")))
        .isEqualTo("2024.04");
  }

  private static String builtWith(ModalClient.Builder builder) {
    try (ModalClient client = builder.build()) {
      App a = client.apps().fromName("images-sdk");
      Image image =
          client
              .images()
              .fromRegistry("alpine:3.21")
              .dockerfileCommands(List.of("LABEL builder=" + System.nanoTime()))
              .build(a);
      return emulator.images().get(image.imageId().get()).orElseThrow().builderVersion();
    }
  }
}
