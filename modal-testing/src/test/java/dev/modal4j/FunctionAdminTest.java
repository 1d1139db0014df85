package dev.modal4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modal4j.functions.AutoscalerSettings;
import dev.modal4j.functions.Function;
import dev.modal4j.functions.FunctionCall;
import dev.modal4j.functions.FunctionStats;
import dev.modal4j.functions.UpdateAutoscalerParams;
import dev.modal4j.testing.functions.FunctionSpec;
import dev.modal4j.testing.functions.PayloadFormat;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class FunctionAdminTest {
  static FunctionsEnv env;
  ModalClient modal;

  @BeforeAll
  static void startEmulator() {
    env = new FunctionsEnv();
    env.emulator
        .deploy("legacy-app")
        .function(
            "old",
            (args, kwargs) -> "never",
            FunctionSpec.builder().inputFormats(PayloadFormat.PICKLE).build());
  }

  @AfterAll
  static void stopEmulator() {
    env.close();
  }

  @BeforeEach
  void connect() {
    modal = env.client();
  }

  @AfterEach
  void disconnect() {
    modal.close();
  }

  private long count(String rpc) {
    return env.count(rpc);
  }

  @Test
  void functionWithoutCborIsRefusedBeforeAnyCall() {
    Function old = modal.functions().fromName("legacy-app", "old");
    long maps = count("FunctionMap");
    assertThatThrownBy(() -> old.remote(String.class))
        .isInstanceOf(InvalidException.class)
        .hasMessageContaining("Python SDK >= 1.2");
    assertThatThrownBy(() -> old.spawn(String.class))
        .isInstanceOf(InvalidException.class)
        .hasMessageContaining("Python SDK >= 1.2");
    assertThat(count("FunctionMap")).isEqualTo(maps);
  }

  @Test
  void autoscalerSettingsAreSentAndReportedBack() {
    Function square = modal.functions().fromName("modal4j-demo", "square");
    AutoscalerSettings settings =
        square.updateAutoscaler(
            UpdateAutoscalerParams.builder()
                .minContainers(2)
                .maxContainers(5)
                .bufferContainers(1)
                .scaledownWindow(Duration.ofSeconds(90))
                .build());
    assertThat(settings.minContainers()).hasValue(2);
    assertThat(settings.maxContainers()).hasValue(5);
    assertThat(settings.bufferContainers()).hasValue(1);
    assertThat(settings.scaledownWindow()).contains(Duration.ofSeconds(90));

    AutoscalerSettings later =
        square.updateAutoscaler(UpdateAutoscalerParams.builder().maxContainers(7).build());
    assertThat(later.minContainers()).hasValue(2);
    assertThat(later.maxContainers()).hasValue(7);

    FunctionStats stats = square.currentStats();
    assertThat(stats.numTotalRunners()).isEqualTo(2); // kept warm by minContainers
    assertThat(stats.backlog()).isZero();
  }

  @Test
  void statsCountRunningInputs() throws Exception {
    Function sleep = modal.functions().fromName("modal4j-demo", "sleep");
    // Long sleeps, cancelled below: both inputs stay running however slow this machine is.
    List<FunctionCall<Object>> calls =
        List.of(sleep.spawn(Object.class, 30), sleep.spawn(Object.class, 30));
    Await.until(
        Duration.ofSeconds(15),
        "two runners in currentStats()",
        () -> sleep.currentStats().numTotalRunners() >= 2);
    assertThat(sleep.currentStats().numTotalRunners()).isEqualTo(2);
    calls.forEach(FunctionCall::cancel);
  }

  @Test
  void badAutoscalerParamsAreRefusedLocally() {
    assertThatThrownBy(() -> UpdateAutoscalerParams.builder().minContainers(-1))
        .isInstanceOf(InvalidException.class)
        .hasMessageContaining("minContainers");
    assertThatThrownBy(
            () -> UpdateAutoscalerParams.builder().minContainers(3).maxContainers(2).build())
        .isInstanceOf(InvalidException.class);
    assertThatThrownBy(
            () -> UpdateAutoscalerParams.builder().scaledownWindow(Duration.ofMillis(10)))
        .isInstanceOf(InvalidException.class);
  }
}
