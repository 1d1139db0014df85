package dev.modal4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modal4j.functions.ClsInstance;
import dev.modal4j.functions.ClsOptions;
import dev.modal4j.functions.Function;
import dev.modal4j.functions.FunctionCall;
import dev.modal4j.functions.MapParams;
import dev.modal4j.secrets.Secret;
import dev.modal4j.secrets.SecretFromNameParams;
import dev.modal4j.testing.ModalEmulator;
import dev.modal4j.testing.ModalEmulatorExtension;
import dev.modal4j.testing.functions.DemoApp;
import dev.modal4j.volumes.Volume;
import io.grpc.ClientInterceptor;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The cases of bad input the issue names: blank names, a null varargs array, a null method name,
 * null elements. Each is an {@link InvalidException} naming the parameter, thrown by the call
 * itself (async forms too), and nothing reaches the emulator.
 */
@ExtendWith(ModalEmulatorExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BadInputTest {
  private ModalEmulator emulator;
  private ModalClient modal;
  private Function square;
  private ClsInstance greeter;

  @BeforeAll
  static void deploy(ModalEmulator emulator) {
    DemoApp.deploy(emulator);
  }

  @BeforeEach
  void lookUp(ModalEmulator emulator, ModalClient modal) {
    this.emulator = emulator;
    this.modal = modal;
    square = modal.functions().fromName(DemoApp.NAME, "square");
    greeter = modal.cls().fromName(DemoApp.NAME, "Greeter").instance();
    emulator.stats().reset();
  }

  @AfterEach
  void nothingWasSent() {
    assertThat(emulator.stats().counts()).as("RPCs received").isEmpty();
  }

  private static void refused(ThrowingCallable call, String message) {
    assertThatThrownBy(call).isExactlyInstanceOf(InvalidException.class).hasMessage(message);
  }

  @Test
  void blankNamesAreRefusedByEveryFromName() {
    for (String blank : List.of("", " ", "\t\n")) {
      refused(() -> modal.functions().fromName(blank, "square"), "appName must not be blank");
      refused(() -> modal.functions().fromName(DemoApp.NAME, blank), "name must not be blank");
      refused(() -> modal.functions().fromNameAsync(blank, "square"), "appName must not be blank");
      refused(() -> modal.cls().fromName(blank, "Greeter"), "appName must not be blank");
      refused(() -> modal.cls().fromName(DemoApp.NAME, blank), "name must not be blank");
      refused(() -> modal.cls().fromNameAsync(DemoApp.NAME, blank), "name must not be blank");
      refused(() -> modal.apps().fromName(blank), "name must not be blank");
      refused(() -> modal.apps().fromNameAsync(blank), "name must not be blank");
      refused(() -> modal.secrets().fromName(blank), "name must not be blank");
      refused(() -> modal.secrets().fromNameAsync(blank), "name must not be blank");
      refused(() -> modal.volumes().fromName(blank), "name must not be blank");
      refused(() -> modal.volumes().fromNameAsync(blank), "name must not be blank");
      refused(
          () -> modal.functionCalls().fromId(blank, Integer.class),
          "functionCallId must not be blank");
      refused(() -> Secret.fromId(blank), "secretId must not be blank");
      refused(() -> Volume.fromId(blank), "volumeId must not be blank");
      refused(() -> greeter.method(blank), "name must not be blank");
    }
  }

  @Test
  void aNullArgumentArrayIsRefusedNotSentAsNoArguments() {
    refused(() -> square.remote(Integer.class, (Object[]) null), "args must not be null");
    refused(() -> square.remoteAsync(Integer.class, (Object[]) null), "args must not be null");
    refused(() -> square.spawn(Integer.class, (Object[]) null), "args must not be null");
    refused(() -> square.spawnAsync(Integer.class, (Object[]) null), "args must not be null");
    refused(() -> square.remote(Integer.class, null, Map.of()), "args must not be null");
    refused(() -> square.remote(Integer.class, List.of(2), null), "kwargs must not be null");
  }

  @Test
  void aNullArgumentValueIsPythonNoneAndIsSent() {
    // The counterpart of the test above: a null inside the arguments is a value, not bad input.
    Function echo = modal.functions().fromName(DemoApp.NAME, "echo");
    emulator.stats().reset();
    assertThat(echo.remote(Object.class, (Object) null)).isNull();
    assertThat(emulator.stats().total()).isPositive();
    emulator.stats().reset();
  }

  @Test
  void aNullMethodNameIsInvalidNotNotFound() {
    refused(() -> greeter.method(null), "name must not be null");
    assertThatThrownBy(() -> greeter.method("nope"))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("greet");
  }

  @Test
  void nullElementsAreRefusedWhereTheyMeanNothing() {
    refused(
        () -> ClsOptions.builder().secrets(Secret.fromId("st-1"), null),
        "secrets must not contain null");
    List<Secret> withNull = new java.util.ArrayList<>();
    withNull.add(null);
    refused(() -> ClsOptions.builder().secrets(withNull), "secrets must not contain null");
    refused(
        () -> ModalClient.builder().interceptors((ClientInterceptor) null),
        "interceptors must not contain null");
    refused(
        () -> SecretFromNameParams.builder().requiredKeys("A", null), "keys must not contain null");
    Map<String, Object> nullKey = new HashMap<>();
    nullKey.put(null, 1);
    refused(() -> MapParams.builder().kwargs(nullKey), "kwargs must not contain a null key");
    refused(
        () -> square.remote(Integer.class, List.of(), nullKey),
        "kwargs must not contain a null key");
  }

  @Test
  void aNullStarmapInputIsRefusedNotSentAsNoArguments() {
    List<List<?>> inputs = new java.util.ArrayList<>();
    inputs.add(null);
    inputs.add(List.of(2));
    refused(
        () -> square.starmap(Integer.class, inputs).toList(),
        "inputs must not contain null: each starmap input is a list of arguments");
  }

  @Test
  void nullSettersAndTimeoutsAreRefused() {
    refused(() -> MapParams.builder().kwargs(null), "kwargs must not be null");
    refused(
        () -> ModalClient.builder().interceptors((ClientInterceptor[]) null),
        "interceptors must not be null");
    refused(
        () -> ModalClient.builder().environmentVariables(null),
        "environmentVariables must not be null");
    refused(() -> Retries.builder(2).initialDelay(null), "initialDelay must not be null");
    refused(() -> ClsOptions.builder().timeout(null), "timeout must not be null");
    FunctionCall<Integer> call = square.spawn(Integer.class, 3);
    emulator.stats().reset();
    refused(() -> call.get((Duration) null), "timeout must not be null");
    refused(() -> call.getAsync((Duration) null), "timeout must not be null");
    refused(() -> call.getAsync(0, null), "timeout must not be null");
    refused(() -> call.getAsync(Duration.ofSeconds(-1)), "timeout must not be negative, got PT-1S");
  }
}
