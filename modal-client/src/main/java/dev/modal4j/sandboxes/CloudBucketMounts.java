package dev.modal4j.sandboxes;

import dev.modal4j.InvalidException;
import dev.modal4j.ModalClient;
import dev.modal4j.internal.Args;
import dev.modal4j.internal.ClientContext;
import dev.modal4j.internal.options.CloudBucketMountProtos;
import dev.modal4j.proto.CloudBucketMount.BucketType;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes {@link CloudBucketMount}s, as Modal's JS SDK's {@code modal.cloudBucketMounts.create}. Get
 * it from {@link ModalClient#cloudBucketMounts()}. Creating a mount sends nothing; the mount is
 * checked here and resolved when a sandbox or function that uses it is created. {@link
 * CloudBucketMount#builder(String)} makes the same value.
 *
 * <pre>{@code
 * CloudBucketMount data = modal.cloudBucketMounts().create("my-bucket",
 *     CloudBucketMountCreateParams.builder().secret(awsSecret).readOnly(true).build());
 * }</pre>
 */
public final class CloudBucketMounts {
  private static final Logger log = LoggerFactory.getLogger(CloudBucketMounts.class);

  private final ClientContext context;

  /**
   * Used by {@link dev.modal4j.ModalClient}; applications obtain this service from the client.
   *
   * @param context the client's internals
   */
  public CloudBucketMounts(ClientContext context) {
    this.context = Args.notNull(context, "context");
  }

  /**
   * A mount of the public S3 bucket {@code bucketName}, writable, mounted whole.
   *
   * @throws InvalidException if the name is null or blank
   */
  public CloudBucketMount create(String bucketName) {
    return create(bucketName, CloudBucketMountCreateParams.DEFAULT);
  }

  /**
   * A mount of {@code bucketName} with the params' settings; the bucket type follows from the
   * endpoint URL (R2, GCS, else S3).
   *
   * @throws InvalidException if the name is null or blank, params is null, the endpoint URL is not
   *     an absolute URL with a host, the key prefix does not end with {@code /}, or requester pays
   *     is asked for without a secret
   */
  public CloudBucketMount create(String bucketName, CloudBucketMountCreateParams params) {
    Args.notBlank(bucketName, "bucketName");
    Args.notNull(params, "params");
    CloudBucketMount.Builder b =
        CloudBucketMount.builder(bucketName)
            .readOnly(params.readOnly())
            .requesterPays(params.requesterPays())
            .forcePathStyle(params.forcePathStyle());
    params.secret().ifPresent(b::secret);
    if (params.bucketEndpointUrl().isPresent()) {
      String url = params.bucketEndpointUrl().get();
      b.bucketEndpointUrl(url);
      if (CloudBucketMountProtos.bucketType(url) == BucketType.S3
          && !url.toLowerCase(Locale.ROOT).contains("amazonaws.com")) {
        log.debug(
            "CloudBucketMount: unrecognised bucket endpoint URL {}; assuming an S3-compatible"
                + " store",
            url);
      }
    }
    params.keyPrefix().ifPresent(b::keyPrefix);
    params.oidcAuthRoleArn().ifPresent(b::oidcAuthRoleArn);
    return b.build();
  }

  @Override
  public String toString() {
    return "CloudBucketMounts{" + context.environment() + "}";
  }
}
