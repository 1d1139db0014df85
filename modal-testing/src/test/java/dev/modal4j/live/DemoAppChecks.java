package dev.modal4j.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.modal4j.ModalClient;
import dev.modal4j.ModalException;
import dev.modal4j.RemoteException;
import dev.modal4j.functions.Cls;
import dev.modal4j.functions.ClsOptions;
import dev.modal4j.functions.Function;
import dev.modal4j.functions.FunctionCall;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What the demo app ({@code modal-examples/python/demo_app.py}) must do, checked through the SDK:
 * on real Modal by {@link DemoAppIT}, and on the emulator by {@link DemoAppOnEmulatorTest} (which
 * keeps these checks runnable where there is no token).
 */
abstract class DemoAppChecks {
  static final String APP = System.getProperty("modal4j.live.app", "modal4j-demo");
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
  private static final Duration CALL_TIMEOUT = Duration.ofMinutes(5);

  /** The client the checks use. */
  abstract ModalClient modal();

  private Function fn(String name) {
    return modal().functions().fromName(APP, name);
  }

  @Test
  void echoReturnsItsArgument() {
    Function echo = fn("echo");
    assertThat(echo.remote(String.class, "héllo")).isEqualTo("héllo");
    assertThat(echo.remote(new TypeReference<List<String>>() {}, List.of("a", "b")))
        .containsExactly("a", "b");
  }

  @Test
  void squareRemoteAndSpawn() {
    Function square = fn("square");
    assertThat(square.remote(Integer.class, 7)).isEqualTo(49);
    FunctionCall<Integer> call = square.spawn(Integer.class, 8);
    assertThat(call.get(CALL_TIMEOUT)).isEqualTo(64);
  }

  @Test
  void addWithPositionalAndKeywordArguments() {
    Function add = fn("add");
    assertThat(add.remote(Integer.class, 2, 3)).isEqualTo(5);
    assertThat(add.remote(Integer.class, List.of(2), Map.of("b", 40))).isEqualTo(42);
  }

  @Test
  void cancellingASleepingCall() {
    Function sleep = fn("sleep");
    FunctionCall<Object> call = sleep.spawn(Object.class, 120);
    call.cancel();
    long start = System.nanoTime();
    assertThatThrownBy(() -> call.get(CALL_TIMEOUT)).isInstanceOf(ModalException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(90));

    CompletableFuture<Object> pending = sleep.remoteAsync(Object.class, 120);
    assertThat(pending.cancel(true)).isTrue();
    assertThat(pending).isCancelled();
  }

  @Test
  void failRaisesRemoteException() {
    assertThatThrownBy(() -> fn("fail").remote(Object.class, "boom from DemoAppIT"))
        .isInstanceOf(RemoteException.class)
        .hasMessageContaining("boom from DemoAppIT");
  }

  @Test
  void countdownGeneratorYieldsInOrder() {
    try (Stream<Integer> out = fn("countdown").remoteGen(Integer.class, 5)) {
      assertThat(out.collect(Collectors.toList())).containsExactly(5, 4, 3, 2, 1);
    }
  }

  @Test
  void mapOverAHundredInputs() {
    List<Integer> expected = IntStream.range(0, 100).map(i -> i * i).boxed().toList();
    try (Stream<Integer> out = fn("square").map(Integer.class, IntStream.range(0, 100).boxed())) {
      assertThat(out.collect(Collectors.toList())).isEqualTo(expected);
    }
  }

  @Test
  void squareThroughTheInputPlane() {
    assertThat(fn("square_ip").remote(Integer.class, 9)).isEqualTo(81);
  }

  @Test
  void greeterWithDefaultAndGivenGreeting() {
    Cls greeter = modal().cls().fromName(APP, "Greeter");
    assertThat(greeter.instance().method("greet").remote(String.class, "Ada"))
        .isEqualTo("Hello, Ada!");
    assertThat(
            greeter.instance(Map.of("greeting", "Hi")).method("greet").remote(String.class, "Ada"))
        .isEqualTo("Hi, Ada!");
  }

  @Test
  void greeterWithAGpuOption() {
    Cls greeter = modal().cls().fromName(APP, "Greeter");
    Map<String, Object> resources =
        greeter
            .withOptions(ClsOptions.builder().gpu("T4").build())
            .instance()
            .method("resources")
            .remote(MAP);
    assertThat(resources).containsEntry("gpu", "T4:1");
    Map<String, Object> plain = greeter.instance().method("resources").remote(MAP);
    assertThat(plain).containsEntry("gpu", null);
  }
}
