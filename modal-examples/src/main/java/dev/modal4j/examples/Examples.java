package dev.modal4j.examples;

import dev.modal4j.ModalClient;
import dev.modal4j.testing.ModalEmulator;
import dev.modal4j.testing.functions.DemoApp;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Where the examples get their client: real Modal when {@code MODAL_TOKEN_ID} is set (deploy {@code
 * modal-examples/python/demo_app.py} first), otherwise an embedded {@link ModalEmulator} with the
 * demo app, started once and stopped by {@link #shutdown()}.
 */
public final class Examples {
  /** The app every example calls. */
  public static final String APP = DemoApp.NAME;

  private static ModalEmulator emulator;

  private Examples() {}

  /** A new client (the caller closes it). */
  public static ModalClient client() {
    String tokenId = System.getenv("MODAL_TOKEN_ID");
    if (tokenId != null && !tokenId.isEmpty()) {
      return ModalClient.create();
    }
    ModalEmulator emu = embeddedEmulator();
    return ModalClient.builder()
        .serverUrl(emu.url())
        .tokenId(ModalEmulator.TOKEN_ID)
        .tokenSecret(ModalEmulator.TOKEN_SECRET)
        .environmentVariables(Map.of())
        .homeDirectory(Path.of(System.getProperty("java.io.tmpdir")))
        .build();
  }

  /** Stops the embedded emulator, if one was started. */
  public static synchronized void shutdown() {
    if (emulator != null) {
      emulator.close();
      emulator = null;
    }
  }

  /** Runs one example with a fresh client, then closes the client and the embedded emulator. */
  public static void run(Consumer<ModalClient> example) {
    try (ModalClient modal = client()) {
      example.accept(modal);
    } finally {
      shutdown();
    }
  }

  private static synchronized ModalEmulator embeddedEmulator() {
    if (emulator == null) {
      emulator = ModalEmulator.start();
      DemoApp.deploy(emulator);
      System.out.println(
          "(no MODAL_TOKEN_ID: using an embedded Modal emulator at " + emulator.url() + ")");
    }
    return emulator;
  }
}
