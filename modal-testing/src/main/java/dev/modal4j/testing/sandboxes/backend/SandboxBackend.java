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

  /**
   * Starts a sidecar container of the running sandbox {@code main} (Modal's TaskContainerCreate):
   * {@code spec} says what it runs; how it shares {@code main}'s network is the backend's to say.
   *
   * @throws IOException if this backend cannot run sidecars, or this one cannot be started
   */
  default SandboxRuntime startSidecar(SandboxSpec spec, SandboxRuntime main) throws IOException {
    throw new IOException("the " + name() + " backend cannot run sidecar containers");
  }

  /**
   * What builds image layers for real when they are defined, if this backend can; without one the
   * emulator records layers and cannot run their {@code RUN} commands.
   */
  default java.util.Optional<ImageBuilder> imageBuilder() {
    return java.util.Optional.empty();
  }

  /** Ends every sandbox still running and releases what the backend holds; must not throw. */
  @Override
  void close();
}
