package dev.modal4j;

import dev.modal4j.testing.ModalEmulator;
import dev.modal4j.testing.classes.ClassesBackend;
import dev.modal4j.testing.functions.DemoApp;
import io.grpc.ClientInterceptor;
import java.nio.file.Path;
import java.util.Map;

/** An emulator with the demo app (functions and classes), and clients for it. */
final class ClassesEnv implements AutoCloseable {
  final ModalEmulator emulator = ModalEmulator.start();
  final ClassesBackend classes = emulator.classes();

  ClassesEnv() {
    DemoApp.deploy(emulator);
  }

  /** A new in-process client (the caller closes it). */
  ModalClient client(ClientInterceptor... interceptors) {
    return ModalClient.builder()
        .channel(emulator.inProcessChannel())
        .interceptors(interceptors)
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
