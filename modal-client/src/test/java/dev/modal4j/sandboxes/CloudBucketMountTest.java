package dev.modal4j.sandboxes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modal4j.InvalidException;
import dev.modal4j.proto.CloudBucketMount.BucketType;
import dev.modal4j.secrets.Secret;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class CloudBucketMountTest {

  @Test
  void minimalMountIsAPublicS3BucketWithNothingOptionalSet() {
    CloudBucketMount m = CloudBucketMount.builder("my-bucket").build();
    assertThat(m.readOnly()).isFalse();
    assertThat(m.requesterPays()).isFalse();
    assertThat(m.secret()).isEmpty();
    assertThat(m.bucketEndpointUrl()).isEmpty();
    assertThat(m.keyPrefix()).isEmpty();
    assertThat(m.oidcAuthRoleArn()).isEmpty();
    dev.modal4j.proto.CloudBucketMount p = m.toProto("/mnt/bucket");
    assertThat(p.getBucketName()).isEqualTo("my-bucket");
    assertThat(p.getMountPath()).isEqualTo("/mnt/bucket");
    assertThat(p.getCredentialsSecretId()).isEmpty();
    assertThat(p.getBucketType()).isEqualTo(BucketType.S3);
    assertThat(p.hasBucketEndpointUrl()).isFalse();
    assertThat(p.hasKeyPrefix()).isFalse();
    assertThat(p.hasOidcAuthRoleArn()).isFalse();
    assertThat(p.getForcePathStyle()).isFalse();
  }

  @Test
  void everyParameterReachesTheWire() {
    CloudBucketMount m =
        CloudBucketMount.builder("my-bucket")
            .secret(Secret.fromId("st-123"))
            .readOnly(true)
            .requesterPays(true)
            .bucketEndpointUrl("https://storage.googleapis.com/my-bucket")
            .keyPrefix("prefix/")
            .oidcAuthRoleArn("arn:aws:iam::123456789:role/MyRole")
            .forcePathStyle(true)
            .build();
    dev.modal4j.proto.CloudBucketMount p = m.toProto("/mnt/bucket");
    assertThat(p.getCredentialsSecretId()).isEqualTo("st-123");
    assertThat(p.getReadOnly()).isTrue();
    assertThat(p.getRequesterPays()).isTrue();
    assertThat(p.getBucketType()).isEqualTo(BucketType.GCP);
    assertThat(p.getBucketEndpointUrl()).isEqualTo("https://storage.googleapis.com/my-bucket");
    assertThat(p.getKeyPrefix()).isEqualTo("prefix/");
    assertThat(p.getOidcAuthRoleArn()).isEqualTo("arn:aws:iam::123456789:role/MyRole");
    assertThat(p.getForcePathStyle()).isTrue();
  }

  @Test
  void bucketTypeFollowsTheEndpointHost() {
    assertThat(type("")).isEqualTo(BucketType.S3);
    assertThat(type("https://my-bucket.r2.cloudflarestorage.com")).isEqualTo(BucketType.R2);
    assertThat(type("https://storage.googleapis.com/my-bucket")).isEqualTo(BucketType.GCP);
    assertThat(type("https://unknown-endpoint.com/my-bucket")).isEqualTo(BucketType.S3);
    assertThatThrownBy(() -> CloudBucketMount.builder("b").bucketEndpointUrl("://invalid-url"))
        .isInstanceOf(InvalidException.class)
        .hasMessageContaining("Invalid URL");
  }

  @Test
  void modalsRulesAreCheckedBeforeAnyRpc() {
    assertThatThrownBy(() -> CloudBucketMount.builder("b").requesterPays(true).build())
        .isInstanceOf(InvalidException.class)
        .hasMessage("Credentials required in order to use Requester Pays.");
    assertThatThrownBy(() -> CloudBucketMount.builder("b").keyPrefix("prefix"))
        .isInstanceOf(InvalidException.class)
        .hasMessage("keyPrefix will be prefixed to all object paths, so it must end in a '/'");
    assertThatThrownBy(() -> CloudBucketMount.builder(" "))
        .isInstanceOf(InvalidException.class)
        .hasMessageContaining("bucketName");
  }

  private static BucketType type(String url) {
    return CloudBucketMount.builder("b")
        .bucketEndpointUrl(url)
        .build()
        .toProto("/m")
        .getBucketType();
  }
}
