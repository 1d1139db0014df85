package dev.modal4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class RetriesTest {

  @Test
  void defaultsAreModals() {
    Retries r = Retries.builder(3).build();
    assertThat(r.maxRetries()).isEqualTo(3);
    assertThat(r.backoffCoefficient()).isEqualTo(2.0);
    assertThat(r.initialDelay()).isEqualTo(Duration.ofSeconds(1));
    assertThat(r.maxDelay()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void fixedIntervalIsPythonsIntegerForm() {
    Retries r = Retries.fixedInterval(4);
    assertThat(r.maxRetries()).isEqualTo(4);
    assertThat(r.backoffCoefficient()).isEqualTo(1.0);
    assertThat(r.initialDelay()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void acceptsTheLimits() {
    Retries low =
        Retries.builder(0)
            .backoffCoefficient(1.0)
            .initialDelay(Duration.ZERO)
            .maxDelay(Duration.ofSeconds(1))
            .build();
    Retries high =
        Retries.builder(10)
            .backoffCoefficient(10.0)
            .initialDelay(Duration.ofSeconds(60))
            .maxDelay(Duration.ofSeconds(60))
            .build();
    assertThat(low.maxRetries()).isZero();
    assertThat(high.toBuilder().build()).isEqualTo(high);
  }

  @Test
  void refusesValuesOutsideTheLimits() {
    assertThatThrownBy(() -> Retries.builder(-1).build()).hasMessageContaining("maxRetries: -1");
    assertThatThrownBy(() -> Retries.builder(11).build()).hasMessageContaining("maxRetries: 11");
    assertThatThrownBy(() -> Retries.builder(1).backoffCoefficient(0.5).build())
        .hasMessageContaining("backoffCoefficient");
    assertThatThrownBy(() -> Retries.builder(1).backoffCoefficient(10.5).build())
        .hasMessageContaining("backoffCoefficient");
    assertThatThrownBy(() -> Retries.builder(1).backoffCoefficient(Double.NaN).build())
        .hasMessageContaining("backoffCoefficient");
    assertThatThrownBy(() -> Retries.builder(1).initialDelay(Duration.ofMillis(-1)).build())
        .hasMessageContaining("initialDelay");
    assertThatThrownBy(() -> Retries.builder(1).initialDelay(Duration.ofSeconds(61)).build())
        .hasMessageContaining("initialDelay");
    assertThatThrownBy(() -> Retries.builder(1).maxDelay(Duration.ofMillis(999)).build())
        .hasMessageContaining("maxDelay");
    assertThatThrownBy(() -> Retries.builder(1).maxDelay(Duration.ofSeconds(61)).build())
        .isInstanceOf(InvalidException.class)
        .hasMessageContaining("maxDelay");
  }
}
