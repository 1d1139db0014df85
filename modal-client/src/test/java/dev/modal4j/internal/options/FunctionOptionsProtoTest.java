package dev.modal4j.internal.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modal4j.Gpu;
import dev.modal4j.InvalidException;
import dev.modal4j.Retries;
import dev.modal4j.proto.FunctionOptions;
import dev.modal4j.volumes.Volume;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class FunctionOptionsProtoTest {

  private static OptionValues.Builder opts() {
    return OptionValues.EMPTY.toBuilder();
  }

  @Test
  void resourcesAndGpu() {
    FunctionOptions p =
        FunctionOptionsProto.toProto(
            opts()
                .cpu(0.25)
                .cpuLimit(1.5)
                .memoryMiB(4096)
                .memoryLimitMiB(8192)
                .gpu(Gpu.parse("A100-80G:2"))
                .build(),
            List.of());
    assertThat(p.hasResources()).isTrue();
    assertThat(p.getResources().getMilliCpu()).isEqualTo(250);
    assertThat(p.getResources().getMilliCpuMax()).isEqualTo(1500);
    assertThat(p.getResources().getMemoryMb()).isEqualTo(4096);
    assertThat(p.getResources().getMemoryMbMax()).isEqualTo(8192);
    assertThat(p.getResources().getGpuConfig().getGpuType()).isEqualTo("A100-80GB");
    assertThat(p.getResources().getGpuConfig().getCount()).isEqualTo(2);
    assertThat(p.getResources().getGpuConfig().getTypeValue()).isZero();
    assertThat(p.getSecretIdsList()).isEmpty();
    assertThat(p.getReplaceSecretIds()).isFalse();
    assertThat(p.hasTimeoutSecs()).isFalse();
  }

  @Test
  void noResourcesWithoutCpuMemoryOrGpu() {
    FunctionOptions p =
        FunctionOptionsProto.toProto(opts().timeout(Duration.ofSeconds(90)).build(), List.of());
    assertThat(p.hasResources()).isFalse();
    assertThat(p.getTimeoutSecs()).isEqualTo(90);
  }

  @Test
  void everyOtherField() {
    OptionValues v =
        opts()
            .volumes(
                Map.of("/data", Volume.fromId("vo-1"), "/ro", Volume.fromId("vo-2").readOnly()))
            .retries(Retries.builder(2).initialDelay(Duration.ofMillis(250)).build())
            .maxContainers(0)
            .bufferContainers(3)
            .scaledownWindow(Duration.ofSeconds(60))
            .routingRegion("eu")
            .concurrency(10, 8)
            .batching(16, Duration.ofMillis(1500))
            .build();
    FunctionOptions p = FunctionOptionsProto.toProto(v, List.of("st-1", "st-env"));
    assertThat(p.getSecretIdsList()).containsExactly("st-1", "st-env");
    assertThat(p.getReplaceSecretIds()).isTrue();
    assertThat(p.getVolumeMountsList())
        .extracting(
            m ->
                m.getMountPath()
                    + "="
                    + m.getVolumeId()
                    + ":"
                    + m.getReadOnly()
                    + ":"
                    + m.getAllowBackgroundCommits())
        .containsExactly("/data=vo-1:false:true", "/ro=vo-2:true:true");
    assertThat(p.getReplaceVolumeMounts()).isTrue();
    assertThat(p.getRetryPolicy().getRetries()).isEqualTo(2);
    assertThat(p.getRetryPolicy().getBackoffCoefficient()).isEqualTo(2.0f);
    assertThat(p.getRetryPolicy().getInitialDelayMs()).isEqualTo(250);
    assertThat(p.getRetryPolicy().getMaxDelayMs()).isEqualTo(60_000);
    assertThat(p.hasConcurrencyLimit()).isTrue();
    assertThat(p.getConcurrencyLimit()).isZero();
    assertThat(p.getBufferContainers()).isEqualTo(3);
    assertThat(p.getTaskIdleTimeoutSecs()).isEqualTo(60);
    assertThat(p.getRoutingRegion()).isEqualTo("eu");
    assertThat(p.getMaxConcurrentInputs()).isEqualTo(10);
    assertThat(p.getTargetConcurrentInputs()).isEqualTo(8);
    assertThat(p.getBatchMaxSize()).isEqualTo(16);
    assertThat(p.getBatchLingerMs()).isEqualTo(1500);
    assertThat(p.hasResources()).isFalse();
  }

  @Test
  void limitsNeedRequestsNoLargerThanThem() {
    assertThatThrownBy(() -> FunctionOptionsProto.validate(opts().cpuLimit(2).build()))
        .isInstanceOf(InvalidException.class)
        .hasMessageContaining("cpuLimit needs a cpu request");
    assertThatThrownBy(() -> FunctionOptionsProto.validate(opts().cpu(2).cpuLimit(1).build()))
        .hasMessageContaining("cannot be higher than cpuLimit");
    assertThatThrownBy(() -> FunctionOptionsProto.validate(opts().memoryLimitMiB(2).build()))
        .hasMessageContaining("memoryLimitMiB needs a memoryMiB request");
    assertThatThrownBy(
            () ->
                FunctionOptionsProto.validate(opts().memoryMiB(2048).memoryLimitMiB(1024).build()))
        .hasMessageContaining("cannot be higher than memoryLimitMiB");
  }

  @Test
  void mergeThenValidateAcceptsLimitsSetInTwoSteps() {
    OptionValues merged = opts().cpu(1).build().merge(opts().cpuLimit(2).build());
    assertThat(FunctionOptionsProto.toProto(merged, List.of()).getResources().getMilliCpuMax())
        .isEqualTo(2000);
  }

  @Test
  void concurrencyAndBatchingChecks() {
    assertThatThrownBy(() -> opts().concurrency(0, null)).hasMessageContaining("maxInputs");
    assertThatThrownBy(() -> opts().concurrency(4, 5)).hasMessageContaining("targetInputs");
    assertThatThrownBy(() -> opts().batching(0, Duration.ZERO))
        .hasMessageContaining("maxBatchSize");
    assertThatThrownBy(() -> opts().batching(1001, Duration.ZERO)).hasMessageContaining("1000");
    assertThatThrownBy(() -> opts().batching(2, Duration.ofMinutes(11)))
        .hasMessageContaining("10 minutes");
    assertThat(opts().concurrency(4, null).build().targetConcurrentInputs()).isNull();
  }

  @Test
  void emptyOptionsAreEmpty() {
    assertThat(OptionValues.EMPTY.isEmpty()).isTrue();
    assertThat(opts().cpu(1).build().isEmpty()).isFalse();
  }

  @Test
  void cloudBucketMountsReplaceTheDeployments() {
    OptionValues v =
        opts()
            .cloudBucketMounts(
                Map.of(
                    "/data",
                    dev.modal4j.sandboxes.CloudBucketMount.builder("bucket")
                        .secret(dev.modal4j.secrets.Secret.fromId("st-creds"))
                        .keyPrefix("in/")
                        .readOnly(true)
                        .build()))
            .build();
    FunctionOptions p = FunctionOptionsProto.toProto(v, List.of());
    assertThat(p.getReplaceCloudBucketMounts()).isTrue();
    assertThat(p.getCloudBucketMountsList()).hasSize(1);
    assertThat(p.getCloudBucketMounts(0).getMountPath()).isEqualTo("/data");
    assertThat(p.getCloudBucketMounts(0).getCredentialsSecretId()).isEqualTo("st-creds");
    assertThat(p.getCloudBucketMounts(0).getKeyPrefix()).isEqualTo("in/");
    assertThat(p.getCloudBucketMounts(0).getReadOnly()).isTrue();
    assertThat(
            FunctionOptionsProto.toProto(opts().build(), List.of()).getReplaceCloudBucketMounts())
        .isFalse();
    assertThatThrownBy(
            () -> opts().cloudBucketMounts(Map.of("relative", v.cloudBucketMounts().get("/data"))))
        .isInstanceOf(InvalidException.class);
  }
}
