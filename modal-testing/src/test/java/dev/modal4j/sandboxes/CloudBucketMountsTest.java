package dev.modal4j.sandboxes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modal4j.InvalidException;
import dev.modal4j.ModalClient;
import dev.modal4j.apps.App;
import dev.modal4j.apps.AppFromNameParams;
import dev.modal4j.proto.CloudBucketMount.BucketType;
import dev.modal4j.secrets.Secret;
import dev.modal4j.testing.ModalEmulator;
import dev.modal4j.testing.fixtures.Fixtures;
import dev.modal4j.testing.sandboxes.SandboxBackendType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code modal.cloudBucketMounts().create(...)}: the same value as {@link
 * CloudBucketMount#builder}, Modal's JS checks with its messages before any RPC, and a sandbox that
 * mounts what it made.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CloudBucketMountsTest {
  private static Path dir;
  private static ModalEmulator emulator;

  @BeforeAll
  static void start() throws IOException {
    dir = Files.createTempDirectory("modal4j-cbm-");
    Path data = Files.createDirectories(dir.resolve("data/reports"));
    Files.writeString(data.resolve("q1.txt"), "quarter one\n");
    Path fixtures = dir.resolve("fixtures.json");
    Files.writeString(fixtures, "{\"buckets\": {\"my-data\": \"data\"}}");
    emulator =
        ModalEmulator.builder()
            .sandboxBackend(SandboxBackendType.PROCESS)
            .fixtures(Fixtures.parse(fixtures))
            .start();
  }

  @AfterAll
  static void stop() throws IOException {
    if (emulator != null) {
      emulator.close();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Test
  void serviceAndBuilderMakeTheSameMount() {
    try (ModalClient modal = emulator.newClient()) {
      CloudBucketMount viaService =
          modal
              .cloudBucketMounts()
              .create(
                  "my-bucket",
                  CloudBucketMountCreateParams.builder()
                      .secret(Secret.fromId("st-123"))
                      .readOnly(true)
                      .requesterPays(true)
                      .bucketEndpointUrl("https://my-bucket.r2.cloudflarestorage.com")
                      .keyPrefix("prefix/")
                      .oidcAuthRoleArn("arn:aws:iam::123456789:role/MyRole")
                      .forcePathStyle(true)
                      .build());
      CloudBucketMount viaBuilder =
          CloudBucketMount.builder("my-bucket")
              .secret(Secret.fromId("st-123"))
              .readOnly(true)
              .requesterPays(true)
              .bucketEndpointUrl("https://my-bucket.r2.cloudflarestorage.com")
              .keyPrefix("prefix/")
              .oidcAuthRoleArn("arn:aws:iam::123456789:role/MyRole")
              .forcePathStyle(true)
              .build();
      assertThat(viaService.toProto("/m")).isEqualTo(viaBuilder.toProto("/m"));
      assertThat(viaService.toProto("/m").getBucketType()).isEqualTo(BucketType.R2);
      assertThat(viaService.toProto("/m").getCredentialsSecretId()).isEqualTo("st-123");

      CloudBucketMount plain = modal.cloudBucketMounts().create("my-bucket");
      assertThat(plain.toProto("/m"))
          .isEqualTo(CloudBucketMount.builder("my-bucket").build().toProto("/m"));
      assertThat(plain.readOnly()).isFalse();
      assertThat(plain.secret()).isEmpty();
      assertThat(plain.keyPrefix()).isEmpty();
      assertThat(plain.toProto("/m").getBucketType()).isEqualTo(BucketType.S3);
      CloudBucketMount gcs =
          modal
              .cloudBucketMounts()
              .create(
                  "b",
                  CloudBucketMountCreateParams.builder()
                      .bucketEndpointUrl("https://storage.googleapis.com/b")
                      .keyPrefix("")
                      .build());
      assertThat(gcs.toProto("/m").getBucketType()).isEqualTo(BucketType.GCP);
      assertThat(gcs.keyPrefix()).as("an empty key prefix is none, as in JS").isEmpty();
    }
  }

  @Test
  void badInputIsRefusedWithModalsMessagesBeforeAnyRpc() {
    try (ModalClient modal = emulator.newClient()) {
      CloudBucketMounts mounts = modal.cloudBucketMounts();
      emulator.stats().reset();
      refused(
          () ->
              mounts.create(
                  "b", CloudBucketMountCreateParams.builder().requesterPays(true).build()),
          "Credentials required in order to use Requester Pays.");
      refused(
          () -> mounts.create("b", CloudBucketMountCreateParams.builder().keyPrefix("p").build()),
          "keyPrefix will be prefixed to all object paths, so it must end in a '/'");
      assertThatThrownBy(
              () ->
                  mounts.create(
                      "b",
                      CloudBucketMountCreateParams.builder()
                          .bucketEndpointUrl("://invalid-url")
                          .build()))
          .isInstanceOf(InvalidException.class)
          .hasMessageContaining("bucketEndpointUrl")
          .hasMessageContaining("Invalid URL");
      assertThatThrownBy(() -> mounts.create(" "))
          .isInstanceOf(InvalidException.class)
          .hasMessageContaining("bucketName");
      assertThatThrownBy(() -> mounts.create("b", null))
          .isInstanceOf(InvalidException.class)
          .hasMessageContaining("params");
      assertThatThrownBy(() -> CloudBucketMountCreateParams.builder().secret(null))
          .isInstanceOf(InvalidException.class)
          .hasMessageContaining("secret");
      assertThat(emulator.stats().counts()).as("RPCs sent").isEmpty();
    }
  }

  @Test
  void aSandboxMountsWhatTheServiceMade() {
    try (ModalClient modal = emulator.newClient()) {
      App app =
          modal.apps().fromName("cbm", AppFromNameParams.builder().createIfMissing(true).build());
      CloudBucketMount reports =
          modal
              .cloudBucketMounts()
              .create(
                  "my-data",
                  CloudBucketMountCreateParams.builder()
                      .keyPrefix("reports/")
                      .readOnly(true)
                      .build());
      try (Sandbox sb =
          modal
              .sandboxes()
              .create(
                  app,
                  modal.images().fromRegistry("alpine:3.21"),
                  SandboxCreateParams.builder()
                      .cloudBucketMounts(Map.of("/reports", reports))
                      .build())) {
        assertThat(sb.exec(List.of("cat", "/reports/q1.txt")).stdout().readText())
            .isEqualTo("quarter one\n");
        assertThat(sb.exec(List.of("sh", "-c", "echo x > /reports/new.txt")).waitFor())
            .as("a read-only mount refuses writes")
            .isNotZero();
      }
      assertThat(Files.exists(dir.resolve("data/reports/new.txt"))).isFalse();
    }
  }

  private static void refused(ThrowingCallable call, String message) {
    assertThatThrownBy(call).isInstanceOf(InvalidException.class).hasMessage(message);
  }
}
