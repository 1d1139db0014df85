package dev.modal4j.internal.options;

import dev.modal4j.proto.CloudBucketMount;
import dev.modal4j.proto.CloudBucketMount.BucketType;
import java.net.URI;
import java.util.Locale;

/** The wire's CloudBucketMount message (resources.md §7), for sandboxes and function options. */
public final class CloudBucketMountProtos {
  private CloudBucketMountProtos() {}

  /**
   * The bucket type Modal's SDKs derive from an endpoint URL's host: R2 for {@code
   * *r2.cloudflarestorage.com}, GCP for {@code *storage.googleapis.com}, S3 for any other host or
   * none.
   */
  public static BucketType bucketType(String endpointUrl) {
    if (endpointUrl == null || endpointUrl.isEmpty()) {
      return BucketType.S3;
    }
    String host = URI.create(endpointUrl).getHost();
    host = host == null ? "" : host.toLowerCase(Locale.ROOT);
    if (host.endsWith("r2.cloudflarestorage.com")) {
      return BucketType.R2;
    }
    if (host.endsWith("storage.googleapis.com")) {
      return BucketType.GCP;
    }
    return BucketType.S3;
  }

  /**
   * The message of one mount. {@code secretId} is the credentials secret's id ("" for none); the
   * optional strings are null when unset.
   */
  public static CloudBucketMount toProto(
      String bucketName,
      String mountPath,
      String secretId,
      boolean readOnly,
      boolean requesterPays,
      String bucketEndpointUrl,
      String keyPrefix,
      String oidcAuthRoleArn,
      boolean forcePathStyle) {
    CloudBucketMount.Builder b =
        CloudBucketMount.newBuilder()
            .setBucketName(bucketName)
            .setMountPath(mountPath)
            .setCredentialsSecretId(secretId)
            .setReadOnly(readOnly)
            .setRequesterPays(requesterPays)
            .setBucketType(bucketType(bucketEndpointUrl))
            .setForcePathStyle(forcePathStyle);
    if (bucketEndpointUrl != null) {
      b.setBucketEndpointUrl(bucketEndpointUrl);
    }
    if (keyPrefix != null) {
      b.setKeyPrefix(keyPrefix);
    }
    if (oidcAuthRoleArn != null) {
      b.setOidcAuthRoleArn(oidcAuthRoleArn);
    }
    return b.build();
  }
}
