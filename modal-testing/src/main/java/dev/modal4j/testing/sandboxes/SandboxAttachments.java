package dev.modal4j.testing.sandboxes;

import dev.modal4j.proto.CloudBucketMount;
import dev.modal4j.proto.CloudBucketMount.BucketType;
import dev.modal4j.proto.Sandbox;
import dev.modal4j.testing.classes.CloudBuckets;
import dev.modal4j.testing.classes.ProxyStore;
import dev.modal4j.testing.classes.SecretStore;
import dev.modal4j.testing.sandboxes.backend.MountSpec;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a sandbox definition attaches beyond volumes: its proxy ({@code proxy_id}, which must name a
 * proxy of the workspace) and its cloud bucket mounts, checked as Modal checks them (key prefix
 * ending in {@code /}, credentials for requester pays, the keys each bucket type's secret needs
 * unless OIDC is used) and mounted from the local directory of a bucket the emulator knows.
 */
public final class SandboxAttachments {
  private final ProxyStore proxies;
  private final CloudBuckets buckets;
  private final SecretStore secrets;

  /** Checks proxies against {@code proxies} and mounts buckets from {@code buckets}. */
  public SandboxAttachments(ProxyStore proxies, CloudBuckets buckets, SecretStore secrets) {
    this.proxies = proxies;
    this.buckets = buckets;
    this.secrets = secrets;
  }

  /**
   * Checks the definition's proxy and bucket mounts and returns the bucket mounts' directories.
   *
   * @throws StatusRuntimeException NOT_FOUND for an unknown proxy, bucket or secret,
   *     INVALID_ARGUMENT or FAILED_PRECONDITION for a mount Modal would refuse
   */
  List<MountSpec> check(Sandbox d) {
    if (d.hasProxyId() && !d.getProxyId().isEmpty() && !proxies.exists(d.getProxyId())) {
      throw Status.NOT_FOUND
          .withDescription("Proxy '" + d.getProxyId() + "' not found")
          .asRuntimeException();
    }
    List<MountSpec> mounts = new ArrayList<>();
    for (CloudBucketMount m : d.getCloudBucketMountsList()) {
      mounts.add(mount(m));
    }
    return mounts;
  }

  private MountSpec mount(CloudBucketMount m) {
    String bucket = m.getBucketName();
    if (!m.getMountPath().startsWith("/")) {
      throw invalid("cloud bucket mount path must be absolute, got: " + m.getMountPath());
    }
    if (m.hasKeyPrefix() && !m.getKeyPrefix().endsWith("/")) {
      throw invalid("keyPrefix will be prefixed to all object paths, so it must end in a '/'");
    }
    boolean oidc = m.hasOidcAuthRoleArn() && !m.getOidcAuthRoleArn().isEmpty();
    String secretId = m.getCredentialsSecretId();
    if (m.getRequesterPays() && secretId.isEmpty()) {
      throw invalid("Credentials required in order to use Requester Pays.");
    }
    if (!secretId.isEmpty() && !oidc) {
      checkCredentials(bucket, m.getBucketType(), secretId);
    }
    Path root =
        buckets
            .directory(bucket)
            .orElseThrow(
                () ->
                    Status.NOT_FOUND
                        .withDescription(
                            "Cloud bucket '"
                                + bucket
                                + "' is not known to the emulator: declare it under \"buckets\""
                                + " in a fixtures file (or CloudBuckets.add) with the local"
                                + " directory that holds its objects")
                        .asRuntimeException());
    Path dir = root;
    if (m.hasKeyPrefix()) {
      dir = root.resolve(m.getKeyPrefix()).normalize();
      if (!dir.startsWith(root)) {
        throw invalid("keyPrefix '" + m.getKeyPrefix() + "' leaves the bucket");
      }
      try {
        Files.createDirectories(dir);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create the key prefix of bucket " + bucket, e);
      }
    }
    return new MountSpec(dir, m.getMountPath(), m.getReadOnly());
  }

  private void checkCredentials(String bucket, BucketType type, String secretId) {
    Map<String, String> values =
        secrets
            .values(secretId)
            .orElseThrow(
                () ->
                    Status.NOT_FOUND
                        .withDescription("Secret '" + secretId + "' not found")
                        .asRuntimeException());
    List<String> required =
        type == BucketType.GCP
            ? List.of("GOOGLE_ACCESS_KEY_ID", "GOOGLE_ACCESS_KEY_SECRET")
            : List.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY");
    List<String> missing = required.stream().filter(k -> !values.containsKey(k)).toList();
    if (!missing.isEmpty()) {
      throw Status.FAILED_PRECONDITION
          .withDescription(
              "The credentials secret of cloud bucket '"
                  + bucket
                  + "' ("
                  + (type == BucketType.GCP ? "GCS" : type == BucketType.R2 ? "R2" : "S3")
                  + ") is missing key(s) "
                  + String.join(", ", missing))
          .asRuntimeException();
    }
  }

  private static StatusRuntimeException invalid(String message) {
    return Status.INVALID_ARGUMENT.withDescription(message).asRuntimeException();
  }
}
