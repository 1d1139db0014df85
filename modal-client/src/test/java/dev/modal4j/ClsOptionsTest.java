package dev.modal4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modal4j.functions.ClsOptions;
import dev.modal4j.functions.FunctionOptions;
import dev.modal4j.secrets.Secret;
import dev.modal4j.volumes.Volume;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ClsOptionsTest {

  @Test
  void builderSetsEveryField() {
    Secret s = Secret.fromId("st-1");
    Volume vol = Volume.fromId("vo-1");
    ClsOptions o =
        ClsOptions.builder()
            .cpu(1.5)
            .cpuLimit(2)
            .memoryMiB(1024)
            .memoryLimitMiB(2048)
            .gpu("a100-80g:2")
            .env(Map.of("A", "1"))
            .secrets(s)
            .volumes(Map.of("/data", vol))
            .retries(3)
            .maxContainers(4)
            .bufferContainers(1)
            .scaledownWindow(Duration.ofSeconds(30))
            .timeout(Duration.ofMinutes(5))
            .routingRegion("us-east")
            .build();
    assertThat(o.cpu()).hasValue(1.5);
    assertThat(o.cpuLimit()).hasValue(2.0);
    assertThat(o.memoryMiB()).hasValue(1024);
    assertThat(o.memoryLimitMiB()).hasValue(2048);
    assertThat(o.gpu()).contains(Gpu.A100_80GB.count(2));
    assertThat(o.env()).contains(Map.of("A", "1"));
    assertThat(o.secrets()).contains(List.of(s));
    assertThat(o.volumes()).contains(Map.of("/data", vol));
    assertThat(o.retries()).contains(Retries.fixedInterval(3));
    assertThat(o.maxContainers()).hasValue(4);
    assertThat(o.bufferContainers()).hasValue(1);
    assertThat(o.scaledownWindow()).contains(Duration.ofSeconds(30));
    assertThat(o.timeout()).contains(Duration.ofMinutes(5));
    assertThat(o.routingRegion()).contains("us-east");
    assertThat(o.toBuilder().build()).isEqualTo(o).hasSameHashCodeAs(o);
  }

  @Test
  void laterFieldsWinAndOthersStay() {
    ClsOptions first =
        ClsOptions.builder()
            .cpu(1)
            .gpu("T4")
            .secrets(Secret.fromId("st-a"), Secret.fromId("st-b"))
            .env(Map.of("X", "1", "Y", "2"))
            .build();
    ClsOptions second =
        ClsOptions.builder()
            .gpu("H100:2")
            .secrets(Secret.fromId("st-c"))
            .env(Map.of("Z", "3"))
            .build();
    ClsOptions merged = first.merge(second);
    assertThat(merged.cpu()).hasValue(1.0);
    assertThat(merged.gpu()).contains(Gpu.H100.count(2));
    assertThat(merged.secrets()).contains(List.of(Secret.fromId("st-c")));
    assertThat(merged.env()).contains(Map.of("Z", "3"));
    assertThat(second.merge(ClsOptions.NONE)).isEqualTo(second);
    assertThat(ClsOptions.NONE.merge(first)).isEqualTo(first);
    assertThat(first.cpu()).hasValue(1.0);
    assertThat(first.gpu()).contains(Gpu.T4);
  }

  @Test
  void builderIsNotSharedWithBuiltOptions() {
    ClsOptions.Builder b = ClsOptions.builder().cpu(1);
    ClsOptions one = b.build();
    b.cpu(2);
    assertThat(one.cpu()).hasValue(1.0);
    assertThat(b.build().cpu()).hasValue(2.0);
  }

  @Test
  void refusesBadValuesAtOnce() {
    assertThatThrownBy(() -> ClsOptions.builder().cpu(0))
        .isInstanceOf(InvalidException.class)
        .hasMessageContaining("cpu");
    assertThatThrownBy(() -> ClsOptions.builder().cpu(Double.NaN)).hasMessageContaining("cpu");
    assertThatThrownBy(() -> ClsOptions.builder().memoryMiB(-1)).hasMessageContaining("memoryMiB");
    assertThatThrownBy(() -> ClsOptions.builder().maxContainers(-1))
        .hasMessageContaining("maxContainers");
    assertThatThrownBy(() -> ClsOptions.builder().timeout(Duration.ofMillis(1500)))
        .hasMessageContaining("whole number of seconds");
    assertThatThrownBy(() -> ClsOptions.builder().scaledownWindow(Duration.ZERO))
        .hasMessageContaining("at least 1 second");
    assertThatThrownBy(() -> ClsOptions.builder().gpu("T4:0"))
        .hasMessageContaining("Invalid GPU count");
    assertThatThrownBy(() -> ClsOptions.builder().env(Map.of("1BAD", "x")))
        .hasMessageContaining("'1BAD'");
    assertThatThrownBy(() -> ClsOptions.builder().volumes(Map.of("data", Volume.fromId("vo-1"))))
        .hasMessageContaining("absolute");
    assertThatThrownBy(() -> ClsOptions.builder().volumes(Map.of("/", Volume.fromId("vo-1"))))
        .isInstanceOf(InvalidException.class);
    assertThatThrownBy(() -> ClsOptions.builder().routingRegion(" "))
        .hasMessageContaining("routingRegion");
  }

  @Test
  void toStringHidesEnvValues() {
    ClsOptions o = ClsOptions.builder().env(Map.of("TOKEN", "s3cr3t-value")).cpu(2).build();
    assertThat(o.toString()).contains("TOKEN").contains("cpu=2.0").doesNotContain("s3cr3t-value");
  }

  @Test
  void functionOptionsBehaveTheSame() {
    FunctionOptions a = FunctionOptions.builder().memoryMiB(512).gpu(Gpu.L4).build();
    FunctionOptions b = FunctionOptions.builder().memoryMiB(1024).build();
    FunctionOptions m = a.merge(b);
    assertThat(m.memoryMiB()).hasValue(1024);
    assertThat(m.gpu()).contains(Gpu.L4);
    assertThat(FunctionOptions.NONE.gpu()).isEmpty();
  }
}
