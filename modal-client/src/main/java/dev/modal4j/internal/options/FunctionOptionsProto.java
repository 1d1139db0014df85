package dev.modal4j.internal.options;

import dev.modal4j.InvalidException;
import dev.modal4j.Retries;
import dev.modal4j.proto.FunctionOptions;
import dev.modal4j.proto.FunctionRetryPolicy;
import dev.modal4j.proto.Resources;
import dev.modal4j.secrets.Secret;
import dev.modal4j.volumes.Volume;
import java.util.List;
import java.util.Map;

/** {@link OptionValues} to the wire's {@code FunctionOptions} (functions.md §9.3, §10). */
public final class FunctionOptionsProto {
  private FunctionOptionsProto() {}

  /**
   * Checks the rules that span fields: a CPU or memory limit needs a request no larger than it.
   *
   * @throws InvalidException naming the conflicting values
   */
  public static void validate(OptionValues v) {
    if (v.cpuLimit != null) {
      if (v.cpu == null) {
        throw new InvalidException("cpuLimit needs a cpu request as well");
      }
      if (v.cpuLimit < v.cpu) {
        throw new InvalidException(
            "cpu (" + v.cpu + ") cannot be higher than cpuLimit (" + v.cpuLimit + ")");
      }
    }
    if (v.memoryLimitMiB != null) {
      if (v.memoryMiB == null) {
        throw new InvalidException("memoryLimitMiB needs a memoryMiB request as well");
      }
      if (v.memoryLimitMiB < v.memoryMiB) {
        throw new InvalidException(
            "memoryMiB ("
                + v.memoryMiB
                + ") cannot be higher than memoryLimitMiB ("
                + v.memoryLimitMiB
                + ")");
      }
    }
  }

  /**
   * The wire options. {@code secretIds} are the ids of {@code v}'s secrets followed by the id of
   * the ephemeral secret made from its env, if any (the caller resolves them, and the secrets of
   * its bucket mounts).
   */
  public static FunctionOptions toProto(OptionValues v, List<String> secretIds) {
    validate(v);
    FunctionOptions.Builder b = FunctionOptions.newBuilder();
    if (v.cpu != null || v.memoryMiB != null || v.gpu != null) {
      b.setResources(resources(v));
    }
    b.addAllSecretIds(secretIds).setReplaceSecretIds(!secretIds.isEmpty());
    if (v.volumes != null) {
      for (Map.Entry<String, Volume> e : v.volumes.entrySet()) {
        b.addVolumeMounts(VolumeMounts.of(e.getKey(), e.getValue()));
      }
      b.setReplaceVolumeMounts(!v.volumes.isEmpty());
    }
    if (v.cloudBucketMounts != null) {
      v.cloudBucketMounts.forEach(
          (path, m) ->
              b.addCloudBucketMounts(
                  CloudBucketMountProtos.toProto(
                      m.bucketName(),
                      path,
                      m.secret().map(Secret::secretId).orElse(""),
                      m.readOnly(),
                      m.requesterPays(),
                      m.bucketEndpointUrl().orElse(null),
                      m.keyPrefix().orElse(null),
                      m.oidcAuthRoleArn().orElse(null),
                      m.forcePathStyle())));
      b.setReplaceCloudBucketMounts(!v.cloudBucketMounts.isEmpty());
    }
    if (v.retries != null) {
      b.setRetryPolicy(retryPolicy(v.retries));
    }
    if (v.maxContainers != null) {
      b.setConcurrencyLimit(v.maxContainers);
    }
    if (v.bufferContainers != null) {
      b.setBufferContainers(v.bufferContainers);
    }
    if (v.scaledownWindow != null) {
      b.setTaskIdleTimeoutSecs(Math.toIntExact(v.scaledownWindow.getSeconds()));
    }
    if (v.timeout != null) {
      b.setTimeoutSecs(Math.toIntExact(v.timeout.getSeconds()));
    }
    if (v.maxConcurrentInputs != null) {
      b.setMaxConcurrentInputs(v.maxConcurrentInputs);
    }
    if (v.targetConcurrentInputs != null) {
      b.setTargetConcurrentInputs(v.targetConcurrentInputs);
    }
    if (v.batchMaxSize != null) {
      b.setBatchMaxSize(v.batchMaxSize).setBatchLingerMs(v.batchWait.toMillis());
    }
    if (v.routingRegion != null) {
      b.setRoutingRegion(v.routingRegion);
    }
    return b.build();
  }

  private static Resources resources(OptionValues v) {
    Resources.Builder r = Resources.newBuilder();
    if (v.cpu != null) {
      r.setMilliCpu((int) (v.cpu * 1000));
      if (v.cpuLimit != null) {
        r.setMilliCpuMax((int) (v.cpuLimit * 1000));
      }
    }
    if (v.memoryMiB != null) {
      r.setMemoryMb(v.memoryMiB);
      if (v.memoryLimitMiB != null) {
        r.setMemoryMbMax(v.memoryLimitMiB);
      }
    }
    if (v.gpu != null) {
      r.setGpuConfig(GpuConfigs.toProto(v.gpu));
    }
    return r.build();
  }

  private static FunctionRetryPolicy retryPolicy(Retries r) {
    return FunctionRetryPolicy.newBuilder()
        .setRetries(r.maxRetries())
        .setBackoffCoefficient((float) r.backoffCoefficient())
        .setInitialDelayMs(Math.toIntExact(r.initialDelay().toMillis()))
        .setMaxDelayMs(Math.toIntExact(r.maxDelay().toMillis()))
        .build();
  }
}
