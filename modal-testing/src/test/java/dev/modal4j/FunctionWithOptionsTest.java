package dev.modal4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modal4j.functions.Function;
import dev.modal4j.functions.FunctionOptions;
import dev.modal4j.proto.ClassParameterSet;
import dev.modal4j.proto.FunctionBindParamsRequest;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FunctionWithOptionsTest {
  private static ClassesEnv env;
  private final RequestCapture capture = new RequestCapture();
  private ModalClient modal;
  private Function square;

  @BeforeAll
  static void start() {
    env = new ClassesEnv();
  }

  @AfterAll
  static void stop() {
    env.close();
  }

  @BeforeEach
  void connect() {
    modal = env.client(capture);
    square = modal.functions().fromName("modal4j-demo", "square");
  }

  @AfterEach
  void disconnect() {
    modal.close();
  }

  @Test
  void optionsBindANewFunctionThatStillWorks() throws Exception {
    Function onGpu =
        square
            .withOptions(FunctionOptions.builder().gpu("t4").cpu(0.5).build())
            .withConcurrency(4)
            .instance();
    assertThat(onGpu.functionId()).isNotEqualTo(square.functionId());
    assertThat(onGpu.remote(Integer.class, 7)).isEqualTo(49);
    FunctionBindParamsRequest sent = capture.of(FunctionBindParamsRequest.class).get(0);
    assertThat(sent.getFunctionId()).isEqualTo(square.functionId());
    assertThat(ClassParameterSet.parseFrom(sent.getSerializedParams()).getParametersCount())
        .isZero();
    assertThat(sent.getFunctionOptions().getResources().getGpuConfig().getGpuType())
        .isEqualTo("T4");
    assertThat(sent.getFunctionOptions().getResources().getMilliCpu()).isEqualTo(500);
    assertThat(sent.getFunctionOptions().getMaxConcurrentInputs()).isEqualTo(4);
  }

  @Test
  void noOptionsMeansNoBinding() {
    long before = env.emulator.stats().count("FunctionBindParams");
    Function same = square.withOptions(FunctionOptions.NONE).instance();
    assertThat(same.functionId()).isEqualTo(square.functionId());
    assertThat(env.emulator.stats().count("FunctionBindParams")).isEqualTo(before);
  }

  @Test
  void sameOptionsBindOnce() {
    long before = env.emulator.stats().count("FunctionBindParams");
    FunctionOptions o = FunctionOptions.builder().timeout(Duration.ofSeconds(20)).build();
    Function a = square.withOptions(o).instance();
    Function b = square.withOptions(o).instance();
    Function c = square.withOptions(o).withBatching(8, Duration.ofMillis(100)).instance();
    assertThat(b.functionId()).isEqualTo(a.functionId());
    assertThat(c.functionId()).isNotEqualTo(a.functionId());
    assertThat(env.emulator.stats().count("FunctionBindParams")).isEqualTo(before + 2);
  }

  @Test
  void inconsistentOptionsAreRefusedWithoutAnyRpc() {
    long before = env.emulator.stats().total();
    assertThatThrownBy(
            () ->
                square
                    .withOptions(FunctionOptions.builder().memoryLimitMiB(512).build())
                    .instance())
        .isInstanceOf(InvalidException.class)
        .hasMessageContaining("memoryLimitMiB needs a memoryMiB request");
    assertThatThrownBy(() -> square.withConcurrency(0)).isInstanceOf(InvalidException.class);
    assertThat(env.emulator.stats().total()).isEqualTo(before);
  }

  @Test
  void unknownGpuTypeIsRefusedByTheServer() {
    assertThatThrownBy(
            () -> square.withOptions(FunctionOptions.builder().gpu("Z9000").build()).instance())
        .isInstanceOf(InvalidException.class)
        .hasMessageContaining("Z9000");
  }
}
