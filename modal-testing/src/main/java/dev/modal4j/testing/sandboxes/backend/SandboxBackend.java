package dev.modal4j.testing.sandboxes.backend;

import java.io.IOException;

/**
 * Runs the emulator's sandboxes somewhere real: a Docker engine or local processes. One backend
 * serves one emulator; {@link #close()} ends every sandbox it started.
 */
public interface SandboxBackend extends AutoCloseable {

  /** A short name for logs and messages: {@code docker} or {@code process}. */
  String name();

  /**
   * Starts a sandbox: its filesystem, limits and network, and its entrypoint when {@code spec} has
   * one (with no entrypoint the sandbox idles until terminated, as on Modal).
   *
   * @throws IOException if the sandbox cannot be started; the message says why
   */
  SandboxRuntime start(SandboxSpec spec) throws IOException;

  /** Ends every sandbox still running and releases what the backend holds; must not throw. */
  @Override
  void close();
}
