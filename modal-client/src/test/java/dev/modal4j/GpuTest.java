package dev.modal4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class GpuTest {

  @ParameterizedTest(name = "{0} -> {1} x{2}")
  @CsvSource({
    "T4, T4, 1",
    "t4, T4, 1",
    "H100:8, H100, 8",
    "any, ANY, 1",
    "A100-80GB:4, A100-80GB, 4",
    "a100-80gb:2, A100-80GB, 2",
    "A100-80G, A100-80GB, 1",
    "a100-80g:2, A100-80GB, 2",
    "A100-40GB, A100-40GB, 1",
    "H100!, H100!, 1",
    "b200+:3, B200+, 3",
    "'  L40S:2 ', L40S, 2",
    "L4:2147483647, L4, 2147483647",
  })
  void parsesValidSpecs(String spec, String type, int count) {
    Gpu gpu = Gpu.parse(spec);
    assertThat(gpu.type()).isEqualTo(type);
    assertThat(gpu.count()).isEqualTo(count);
    assertThat(Gpu.parse(gpu.toString())).isEqualTo(gpu);
  }

  @ParameterizedTest(name = "count in ''{0}''")
  @ValueSource(
      strings = {
        "T4:0",
        "T4:-1",
        "T4:",
        "T4:x",
        "T4:1.5",
        "T4:+2",
        "T4: 2",
        "T4:2:3",
        "T4:2147483648"
      })
  void refusesBadCounts(String spec) {
    assertThatThrownBy(() -> Gpu.parse(spec))
        .isInstanceOf(InvalidException.class)
        .hasMessageContaining("Invalid GPU count")
        .hasMessageContaining("positive integer");
  }

  @ParameterizedTest(name = "type in ''{0}''")
  @ValueSource(strings = {"", "  ", ":2", "A 100", " :1"})
  void refusesBadTypes(String spec) {
    assertThatThrownBy(() -> Gpu.parse(spec))
        .isInstanceOf(InvalidException.class)
        .hasMessageContaining("GPU");
  }

  @Test
  void refusesNull() {
    assertThatThrownBy(() -> Gpu.parse(null)).isInstanceOf(InvalidException.class);
  }

  @Test
  void constantsTakeACount() {
    assertThat(Gpu.A100_80GB.count(2)).isEqualTo(Gpu.parse("a100-80gb:2"));
    assertThat(Gpu.A100_80GB.count(2).toString()).isEqualTo("A100-80GB:2");
    assertThat(Gpu.H100.count()).isEqualTo(1);
    assertThat(Gpu.of("a100-80g", 3)).isEqualTo(Gpu.A100_80GB.count(3));
    assertThatThrownBy(() -> Gpu.T4.count(0))
        .isInstanceOf(InvalidException.class)
        .hasMessageContaining("Invalid GPU count: 0");
  }

  @Test
  void equalityIsByTypeAndCount() {
    assertThat(Gpu.parse("t4")).isEqualTo(Gpu.T4).hasSameHashCodeAs(Gpu.T4);
    assertThat(Gpu.parse("T4:2")).isNotEqualTo(Gpu.T4);
    assertThat(Gpu.parse("L4")).isNotEqualTo(Gpu.T4);
  }
}
