package dev.modal4j.testing.sandboxes;

/**
 * Where the emulator runs sandboxes: {@link #DOCKER} (every sandbox a real container, through
 * Testcontainers), {@link #PROCESS} (local processes in a directory of their own) or {@link #AUTO}
 * (containers when a Docker engine answers, else processes).
 */
public enum SandboxBackendType {
  /** Containers when a Docker engine answers, else local processes. */
  AUTO,
  /** Every sandbox is a container of a local Docker engine; nothing is ever pulled. */
  DOCKER,
  /** Every sandbox is a set of local processes under a directory of its own. */
  PROCESS
}
