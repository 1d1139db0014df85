package dev.modal4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modal4j.functions.Function;
import dev.modal4j.testing.ModalEmulator;
import dev.modal4j.testing.functions.DemoApp;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A handler that throws an {@link Error} (an OutOfMemoryError under a 64 MiB echo, an
 * AssertionError in a test's body) still ends its input: the call fails instead of being polled
 * forever. The benchmark's blob part once hung exactly that way, with the emulator idle.
 */
@Timeout(60)
class HandlerErrorTest {
  static ModalEmulator emulator;
  ModalClient modal;

  @BeforeAll
  static void start() {
    emulator = ModalEmulator.start();
    DemoApp.deploy(emulator)
        .function(
            "oom",
            (args, kwargs) -> {
              throw new OutOfMemoryError("Java heap space (thrown by the test)");
            })
        .function(
            "asserts",
            (args, kwargs) -> {
              throw new AssertionError("expected 1 but was 2");
            });
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  @BeforeEach
  void connect() {
    modal =
        ModalClient.builder()
            .serverUrl(emulator.url())
            .tokenId(ModalEmulator.TOKEN_ID)
            .tokenSecret(ModalEmulator.TOKEN_SECRET)
            .environmentVariables(Map.of())
            .homeDirectory(Path.of("target", "no-home"))
            .build();
  }

  @AfterEach
  void disconnect() {
    modal.close();
  }

  private Function fn(String name) {
    return modal.functions().fromName("modal4j-demo", name);
  }

  @Test
  void outOfMemoryInAHandlerFailsTheCall() {
    assertThatThrownBy(() -> fn("oom").remoteAsync(String.class, 1).get(20, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(RemoteException.class)
        .hasMessageContaining("MemoryError");
  }

  @Test
  void assertionErrorInAHandlerFailsTheCall() {
    assertThatThrownBy(() -> fn("asserts").remoteAsync(String.class, 1).get(20, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(RemoteException.class)
        .hasMessageContaining("AssertionError: expected 1 but was 2");
  }

  @Test
  void theEmulatorKeepsServingAfterwards() throws Exception {
    assertThatThrownBy(() -> fn("oom").remoteAsync(String.class, 1).get(20, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class);
    assertThat(fn("square").remoteAsync(Integer.class, 6).get(20, TimeUnit.SECONDS)).isEqualTo(36);
  }
}
