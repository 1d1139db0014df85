package dev.modal4j.testing.sandboxes;

import dev.modal4j.testing.sandboxes.backend.SandboxBackend;
import java.util.function.Supplier;

/**
 * The emulator's sandbox backend, made on the first SandboxCreate (or image layer to build), so an
 * emulator that runs no sandbox needs no Docker engine and starts nothing.
 */
final class LazyBackend implements Supplier<SandboxBackend>, AutoCloseable {
  private final Supplier<? extends SandboxBackend> factory;
  private SandboxBackend backend;
  private boolean closed;

  LazyBackend(Supplier<? extends SandboxBackend> factory) {
    this.factory = factory;
  }

  /**
   * The backend, made now if this is the first call.
   *
   * @throws IllegalStateException after {@link #close()}, or if the backend cannot be made
   */
  @Override
  public synchronized SandboxBackend get() {
    if (closed) {
      throw new IllegalStateException("the emulator is closed");
    }
    if (backend == null) {
      backend = factory.get();
    }
    return backend;
  }

  /** A line for messages: the backend's name, or that none was made. */
  synchronized String describe() {
    return backend == null ? "none started" : backend.name();
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (backend != null) {
      backend.close();
    }
  }
}
