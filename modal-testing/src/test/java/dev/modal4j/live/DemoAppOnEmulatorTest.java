package dev.modal4j.live;

import dev.modal4j.ModalClient;
import dev.modal4j.testing.ModalEmulator;
import dev.modal4j.testing.functions.DemoApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

/** {@link DemoAppChecks} on the emulator's demo app, so the live checks run on every build. */
@Timeout(60)
class DemoAppOnEmulatorTest extends DemoAppChecks {
  private static ModalEmulator emulator;
  private static ModalClient modal;

  @BeforeAll
  static void start() {
    emulator = ModalEmulator.start();
    DemoApp.deploy(emulator);
    modal = emulator.newClient();
  }

  @AfterAll
  static void stop() {
    modal.close();
    emulator.close();
  }

  @Override
  ModalClient modal() {
    return modal;
  }
}
