package dev.modal4j.sandboxes;

import dev.modal4j.InvalidException;
import dev.modal4j.internal.Args;
import dev.modal4j.internal.options.CloudBucketMountProtos;
import dev.modal4j.secrets.Secret;
import java.net.URI;
import java.util.Optional;

/**
 * A cloud storage bucket (S3, R2 or Google Cloud Storage) mounted into a sandbox, given to {@link
 * SandboxCreateParams.Builder#cloudBucketMounts} or to function and class options ({@code
 * cloudBucketMounts}). The bucket type follows from the endpoint URL: {@code
 * *.r2.cloudflarestorage.com} is R2, {@code storage.googleapis.com} is GCS, anything else (or none)
 * S3.
 *
 * <pre>{@code
 * CloudBucketMount data = CloudBucketMount.builder("my-bucket").secret(awsSecret).readOnly(true).build();
 * }</pre>
 */
public final class CloudBucketMount {
  private final String bucketName;
  private final Secret secret;
  private final boolean readOnly;
  private final boolean requesterPays;
  private final String bucketEndpointUrl;
  private final String keyPrefix;
  private final String oidcAuthRoleArn;
  private final boolean forcePathStyle;

  private CloudBucketMount(Builder b) {
    this.bucketName = b.bucketName;
    this.secret = b.secret;
    this.readOnly = b.readOnly;
    this.requesterPays = b.requesterPays;
    this.bucketEndpointUrl = b.bucketEndpointUrl;
    this.keyPrefix = b.keyPrefix;
    this.oidcAuthRoleArn = b.oidcAuthRoleArn;
    this.forcePathStyle = b.forcePathStyle;
  }

  /**
   * A builder for a mount of {@code bucketName}.
   *
   * @throws InvalidException if the name is null or blank
   */
  public static Builder builder(String bucketName) {
    return new Builder(Args.notBlank(bucketName, "bucketName"));
  }

  /** The bucket's name. */
  public String bucketName() {
    return bucketName;
  }

  /** The secret holding the bucket's credentials; empty for public buckets and OIDC. */
  public Optional<Secret> secret() {
    return Optional.ofNullable(secret);
  }

  /** Whether the mount is read-only. */
  public boolean readOnly() {
    return readOnly;
  }

  /** Whether requests are billed to the requester. */
  public boolean requesterPays() {
    return requesterPays;
  }

  /** The bucket's endpoint URL, if not the default S3 one. */
  public Optional<String> bucketEndpointUrl() {
    return Optional.ofNullable(bucketEndpointUrl);
  }

  /** The key prefix mounted (ends with {@code /}), if only part of the bucket is mounted. */
  public Optional<String> keyPrefix() {
    return Optional.ofNullable(keyPrefix);
  }

  /** The AWS role assumed through OIDC, if any. */
  public Optional<String> oidcAuthRoleArn() {
    return Optional.ofNullable(oidcAuthRoleArn);
  }

  /** Whether S3 requests use path-style addressing (as Modal's Python SDK's option). */
  public boolean forcePathStyle() {
    return forcePathStyle;
  }

  /** The wire message, mounted at {@code mountPath}; the secret must have its id already. */
  dev.modal4j.proto.CloudBucketMount toProto(String mountPath) {
    return CloudBucketMountProtos.toProto(
        bucketName,
        mountPath,
        secret == null ? "" : secret.secretId(),
        readOnly,
        requesterPays,
        bucketEndpointUrl,
        keyPrefix,
        oidcAuthRoleArn,
        forcePathStyle);
  }

  @Override
  public String toString() {
    return "CloudBucketMount{" + bucketName + (readOnly ? ", readOnly" : "") + "}";
  }

  /** Builds a {@link CloudBucketMount}. */
  public static final class Builder {
    private final String bucketName;
    private Secret secret;
    private boolean readOnly;
    private boolean requesterPays;
    private String bucketEndpointUrl;
    private String keyPrefix;
    private String oidcAuthRoleArn;
    private boolean forcePathStyle;

    private Builder(String bucketName) {
      this.bucketName = bucketName;
    }

    /** The secret with the bucket's credentials. */
    public Builder secret(Secret secret) {
      this.secret = Args.notNull(secret, "secret");
      return this;
    }

    /** Mounts the bucket read-only (default false). */
    public Builder readOnly(boolean readOnly) {
      this.readOnly = readOnly;
      return this;
    }

    /** Bills requests to the requester (needs a {@link #secret}). */
    public Builder requesterPays(boolean requesterPays) {
      this.requesterPays = requesterPays;
      return this;
    }

    /**
     * The bucket's endpoint URL (R2, GCS, or an S3-compatible store); empty means none (S3).
     *
     * @throws InvalidException if it is not an absolute URL with a host
     */
    public Builder bucketEndpointUrl(String bucketEndpointUrl) {
      String url = Args.notNull(bucketEndpointUrl, "bucketEndpointUrl");
      if (url.isEmpty()) {
        this.bucketEndpointUrl = null;
        return this;
      }
      URI uri;
      try {
        uri = URI.create(url);
      } catch (IllegalArgumentException e) {
        throw new InvalidException("bucketEndpointUrl: Invalid URL: " + url);
      }
      if (uri.getHost() == null) {
        throw new InvalidException("bucketEndpointUrl: Invalid URL (no host): " + url);
      }
      this.bucketEndpointUrl = url;
      return this;
    }

    /**
     * Mounts only the keys under {@code keyPrefix}, which must end with {@code /}.
     *
     * @throws InvalidException if it does not end with {@code /}
     */
    public Builder keyPrefix(String keyPrefix) {
      Args.notBlank(keyPrefix, "keyPrefix");
      if (!keyPrefix.endsWith("/")) {
        throw new InvalidException(
            "keyPrefix will be prefixed to all object paths, so it must end in a '/'");
      }
      this.keyPrefix = keyPrefix;
      return this;
    }

    /** The AWS role to assume through OIDC (no secret needed). */
    public Builder oidcAuthRoleArn(String oidcAuthRoleArn) {
      this.oidcAuthRoleArn = Args.notBlank(oidcAuthRoleArn, "oidcAuthRoleArn");
      return this;
    }

    /** Addresses the bucket path-style ({@code endpoint/bucket/key}; default false). */
    public Builder forcePathStyle(boolean forcePathStyle) {
      this.forcePathStyle = forcePathStyle;
      return this;
    }

    /**
     * The mount.
     *
     * @throws InvalidException if requester pays is asked for without a secret
     */
    public CloudBucketMount build() {
      if (requesterPays && secret == null) {
        throw new InvalidException("Credentials required in order to use Requester Pays.");
      }
      return new CloudBucketMount(this);
    }
  }
}
