package dev.modal4j.sandboxes;

import dev.modal4j.internal.Args;
import dev.modal4j.secrets.Secret;
import java.util.Optional;

/**
 * Options of {@link CloudBucketMounts#create(String, CloudBucketMountCreateParams)}: the same
 * settings as {@link CloudBucketMount.Builder}, checked by {@code create} with Modal's rules.
 */
public final class CloudBucketMountCreateParams {
  /** The defaults: a public, writable S3 bucket, mounted whole. */
  public static final CloudBucketMountCreateParams DEFAULT = builder().build();

  private final Secret secret;
  private final boolean readOnly;
  private final boolean requesterPays;
  private final String bucketEndpointUrl;
  private final String keyPrefix;
  private final String oidcAuthRoleArn;
  private final boolean forcePathStyle;

  private CloudBucketMountCreateParams(Builder b) {
    this.secret = b.secret;
    this.readOnly = b.readOnly;
    this.requesterPays = b.requesterPays;
    this.bucketEndpointUrl = b.bucketEndpointUrl;
    this.keyPrefix = b.keyPrefix;
    this.oidcAuthRoleArn = b.oidcAuthRoleArn;
    this.forcePathStyle = b.forcePathStyle;
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.secret = secret;
    b.readOnly = readOnly;
    b.requesterPays = requesterPays;
    b.bucketEndpointUrl = bucketEndpointUrl;
    b.keyPrefix = keyPrefix;
    b.oidcAuthRoleArn = oidcAuthRoleArn;
    b.forcePathStyle = forcePathStyle;
    return b;
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

  /** The bucket's endpoint URL as given, if any. */
  public Optional<String> bucketEndpointUrl() {
    return Optional.ofNullable(bucketEndpointUrl);
  }

  /** The key prefix as given, if any. */
  public Optional<String> keyPrefix() {
    return Optional.ofNullable(keyPrefix);
  }

  /** The AWS role to assume through OIDC, if any. */
  public Optional<String> oidcAuthRoleArn() {
    return Optional.ofNullable(oidcAuthRoleArn);
  }

  /** Whether S3 requests use path-style addressing. */
  public boolean forcePathStyle() {
    return forcePathStyle;
  }

  @Override
  public String toString() {
    return "CloudBucketMountCreateParams{readOnly="
        + readOnly
        + ", requesterPays="
        + requesterPays
        + ", secret="
        + (secret != null)
        + "}";
  }

  /** Builds {@link CloudBucketMountCreateParams}. */
  public static final class Builder {
    private Secret secret;
    private boolean readOnly;
    private boolean requesterPays;
    private String bucketEndpointUrl;
    private String keyPrefix;
    private String oidcAuthRoleArn;
    private boolean forcePathStyle;

    private Builder() {}

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

    /** The bucket's endpoint URL (R2, GCS, or an S3-compatible store); "" means none (S3). */
    public Builder bucketEndpointUrl(String bucketEndpointUrl) {
      Args.notNull(bucketEndpointUrl, "bucketEndpointUrl");
      this.bucketEndpointUrl = bucketEndpointUrl.isEmpty() ? null : bucketEndpointUrl;
      return this;
    }

    /**
     * Mounts only the keys under {@code keyPrefix}, which must end with {@code /}; "" means the
     * whole bucket.
     */
    public Builder keyPrefix(String keyPrefix) {
      Args.notNull(keyPrefix, "keyPrefix");
      this.keyPrefix = keyPrefix.isEmpty() ? null : keyPrefix;
      return this;
    }

    /** The AWS role to assume through OIDC (no secret needed); "" means none. */
    public Builder oidcAuthRoleArn(String oidcAuthRoleArn) {
      Args.notNull(oidcAuthRoleArn, "oidcAuthRoleArn");
      this.oidcAuthRoleArn = oidcAuthRoleArn.isEmpty() ? null : oidcAuthRoleArn;
      return this;
    }

    /** Addresses the bucket path-style ({@code endpoint/bucket/key}; default false). */
    public Builder forcePathStyle(boolean forcePathStyle) {
      this.forcePathStyle = forcePathStyle;
      return this;
    }

    /** The immutable params; their values are checked by {@link CloudBucketMounts#create}. */
    public CloudBucketMountCreateParams build() {
      return new CloudBucketMountCreateParams(this);
    }
  }
}
