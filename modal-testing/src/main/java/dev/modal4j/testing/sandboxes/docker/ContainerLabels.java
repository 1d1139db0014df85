package dev.modal4j.testing.sandboxes.docker;

/**
 * The labels on every container of the backend, so that the containers of an emulator that crashed
 * can be found ({@code docker ps -a --filter label=dev.modal4j.emulator=sandbox}) and removed
 * ({@link DockerBackend#removeLeftovers()}).
 */
final class ContainerLabels {

  /** {@code sandbox} on every container the backend starts. */
  static final String KIND = "dev.modal4j.emulator";

  /** The value of {@link #KIND}. */
  static final String SANDBOX = "sandbox";

  /** The sandbox's {@code sb-} id. */
  static final String SANDBOX_ID = "dev.modal4j.sandbox-id";

  /** The backend instance (a random id): {@link DockerBackend#close()} removes these. */
  static final String BACKEND = "dev.modal4j.backend";

  /** {@code host:pid} of the JVM that started it: leftovers are those whose JVM has gone. */
  static final String OWNER = "dev.modal4j.owner";

  private ContainerLabels() {}
}
