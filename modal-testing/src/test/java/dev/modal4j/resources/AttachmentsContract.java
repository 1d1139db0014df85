package dev.modal4j.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modal4j.BackendContract;
import dev.modal4j.InvalidException;
import dev.modal4j.ModalException;
import dev.modal4j.NotFoundException;
import dev.modal4j.proxies.Proxy;
import dev.modal4j.proxies.ProxyFromNameParams;
import dev.modal4j.sandboxes.CloudBucketMount;
import dev.modal4j.sandboxes.ContainerProcess;
import dev.modal4j.sandboxes.Sandbox;
import dev.modal4j.sandboxes.SandboxCreateParams;
import dev.modal4j.secrets.Secret;
import dev.modal4j.testing.fixtures.Fixtures;
import dev.modal4j.testing.sandboxes.SandboxBackendType;
import dev.modal4j.testing.sandboxes.SandboxView;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Proxies attached to sandboxes, and cloud buckets (fixture directories) mounted into them, on one
 * of the emulator's backends (a subclass per backend).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
abstract class AttachmentsContract extends BackendContract {
  static Path buckets;

  /**
   * Starts an emulator on {@code backend} with a bucket {@code my-data} and a proxy {@code egress}.
   */
  static void startWithFixtures(SandboxBackendType backend) throws IOException {
    buckets = Files.createTempDirectory("modal4j-buckets-");
    Path data = Files.createDirectories(buckets.resolve("data"));
    Files.writeString(data.resolve("top.txt"), "top level\n");
    Files.createDirectories(data.resolve("reports"));
    Files.writeString(data.resolve("reports/q1.txt"), "quarter one\n");
    Path fixtures = buckets.resolve("fixtures.json");
    Files.writeString(
        fixtures,
        "{\"buckets\": {\"my-data\": \"data\"},"
            + " \"environments\": {\"main\": {\"proxies\": [\"egress\"]}}}");
    startEmulator(backend, b -> b.fixtures(Fixtures.parse(fixtures)));
  }

  @AfterAll
  static void removeBuckets() throws IOException {
    if (buckets != null) {
      try (var files = Files.walk(buckets)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
      buckets = null;
    }
  }

  @Override
  protected String appName() {
    return "attachments";
  }

  @Test
  void proxyIsFoundByNameAndRecordedOnTheSandbox() {
    Proxy proxy = modal.proxies().fromName("egress");
    assertThat(proxy.proxyId()).startsWith("pr-");
    assertThat(proxy.name()).contains("egress");
    assertThatThrownBy(() -> modal.proxies().fromName("nope"))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("Proxy 'nope' not found");
    assertThatThrownBy(
            () ->
                modal
                    .proxies()
                    .fromName("egress", ProxyFromNameParams.builder().environment("other").build()))
        .isInstanceOf(NotFoundException.class);
    try (Sandbox sb =
        modal.sandboxes().create(app, image, SandboxCreateParams.builder().proxy(proxy).build())) {
      SandboxView view = emulator.sandboxes().get(sb.sandboxId()).orElseThrow();
      assertThat(view.definition().getProxyId()).isEqualTo(proxy.proxyId());
    }
  }

  @Test
  void aSandboxWithAnUnknownProxyIsRefused() {
    assertThatThrownBy(
            () ->
                modal
                    .sandboxes()
                    .create(
                        app,
                        image,
                        SandboxCreateParams.builder()
                            .proxy(Proxy.fromId("pr-000000000000000000none"))
                            .build()))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("pr-000000000000000000none");
  }

  @Test
  void readOnlyBucketShowsItsDirectoryAndRefusesWrites() {
    CloudBucketMount bucket = CloudBucketMount.builder("my-data").readOnly(true).build();
    try (Sandbox sb =
        modal
            .sandboxes()
            .create(
                app,
                image,
                SandboxCreateParams.builder()
                    .cloudBucketMounts(Map.of("/mnt/data", bucket))
                    .build())) {
      assertThat(sb.exec(List.of("cat", "/mnt/data/top.txt")).stdout().readText())
          .isEqualTo("top level\n");
      ContainerProcess write = sb.exec(List.of("sh", "-c", "echo x > /mnt/data/new.txt"));
      assertThat(write.waitFor()).isNotZero();
      assertThat(buckets.resolve("data/new.txt")).doesNotExist();
    }
  }

  @Test
  void keyPrefixMountsASubdirectoryAndAWritableMountWritesThrough() {
    Secret creds =
        modal
            .secrets()
            .fromMap(Map.of("AWS_ACCESS_KEY_ID", "AKIAEXAMPLE", "AWS_SECRET_ACCESS_KEY", "s3cr3t"));
    CloudBucketMount reports =
        CloudBucketMount.builder("my-data").keyPrefix("reports/").secret(creds).build();
    try (Sandbox sb =
        modal
            .sandboxes()
            .create(
                app,
                image,
                SandboxCreateParams.builder()
                    .cloudBucketMounts(Map.of("/reports", reports))
                    .build())) {
      assertThat(sb.exec(List.of("cat", "/reports/q1.txt")).stdout().readText())
          .isEqualTo("quarter one\n");
      assertThat(sb.exec(List.of("sh", "-c", "echo two > /reports/q2.txt")).waitFor()).isZero();
      assertThat(buckets.resolve("data/reports/q2.txt")).hasContent("two");
      assertThat(creds.secretId()).startsWith("st-");
    }
  }

  @Test
  void unknownBucketsAndCredentialsWithoutModalsKeysFailTheCreate() {
    assertThatThrownBy(
            () ->
                modal
                    .sandboxes()
                    .create(
                        app,
                        image,
                        SandboxCreateParams.builder()
                            .cloudBucketMounts(
                                Map.of(
                                    "/mnt/x", CloudBucketMount.builder("unknown-bucket").build()))
                            .build()))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("unknown-bucket")
        .hasMessageContaining("fixtures");
    Secret wrongKeys = modal.secrets().fromMap(Map.of("AWS_ACCESS_KEY_ID", "only-the-id"));
    assertThatThrownBy(
            () ->
                modal
                    .sandboxes()
                    .create(
                        app,
                        image,
                        SandboxCreateParams.builder()
                            .cloudBucketMounts(
                                Map.of(
                                    "/mnt/gcs",
                                    CloudBucketMount.builder("my-data")
                                        .bucketEndpointUrl("https://storage.googleapis.com")
                                        .secret(wrongKeys)
                                        .build()))
                            .build()))
        .isInstanceOf(ModalException.class)
        .hasMessageContaining("GOOGLE_ACCESS_KEY_ID")
        .hasMessageContaining("GOOGLE_ACCESS_KEY_SECRET");
    CloudBucketMount oidc =
        CloudBucketMount.builder("my-data")
            .secret(wrongKeys)
            .oidcAuthRoleArn("arn:aws:iam::123456789012:role/reader")
            .readOnly(true)
            .build();
    try (Sandbox sb =
        modal
            .sandboxes()
            .create(
                app,
                image,
                SandboxCreateParams.builder().cloudBucketMounts(Map.of("/o", oidc)).build())) {
      assertThat(sb.exec(List.of("cat", "/o/top.txt")).stdout().readText())
          .isEqualTo("top level\n");
    }
  }

  @Test
  void badInputIsRefusedBeforeAnyRpc() {
    long before = emulator.stats().total();
    assertThatThrownBy(() -> modal.proxies().fromName(" ")).isInstanceOf(InvalidException.class);
    assertThatThrownBy(() -> modal.proxies().fromName("p", null))
        .isInstanceOf(InvalidException.class);
    assertThatThrownBy(() -> SandboxCreateParams.builder().proxy(null))
        .isInstanceOf(InvalidException.class);
    assertThatThrownBy(
            () ->
                SandboxCreateParams.builder()
                    .cloudBucketMounts(Map.of("relative", CloudBucketMount.builder("b").build())))
        .isInstanceOf(InvalidException.class);
    assertThat(emulator.stats().total()).isEqualTo(before);
  }
}
