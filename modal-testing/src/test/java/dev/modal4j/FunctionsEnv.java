package dev.modal4j;

import dev.modal4j.testing.Faults;
import dev.modal4j.testing.ModalEmulator;
import dev.modal4j.testing.functions.DemoApp;
import io.grpc.ClientInterceptor;
import java.nio.file.Path;
import java.util.Map;

/** An emulator with the demo app deployed, and clients pointed at it over loopback. */
final class FunctionsEnv implements AutoCloseable {
  final ModalEmulator emulator = ModalEmulator.start();

  FunctionsEnv() {
    DemoApp.deploy(emulator);
  }

  Faults faults() {
    return emulator.faults();
  }

  long count(String rpc) {
    return emulator.stats().count(rpc);
  }

  /** A new client on the emulator's loopback URL (the caller closes it). */
  ModalClient client() {
    return client(new ClientInterceptor[0]);
  }

  /**
   * A new client on the emulator's loopback URL, with these interceptors (the caller closes it).
   */
  ModalClient client(ClientInterceptor... interceptors) {
    return ModalClient.builder()
        .interceptors(interceptors)
        .serverUrl(emulator.url())
        .tokenId(ModalEmulator.TOKEN_ID)
        .tokenSecret(ModalEmulator.TOKEN_SECRET)
        .environmentVariables(Map.of())
        .homeDirectory(Path.of("target", "no-home"))
        .build();
  }

  @Override
  public void close() {
    emulator.close();
  }
}
