package dev.modal4j.testing.sandboxes;

import dev.modal4j.testing.EmulatorState;
import dev.modal4j.testing.sandboxes.router.RouterServer;

/**
 * The task command router: a second gRPC server ({@code modal.task_command_router}) on its own
 * loopback port, serving the tasks of {@link TaskDirectory} to callers with a per-task JWT.
 *
 * <p>Served in plaintext at an {@code https://} URL: Modal's SDKs require that scheme and dial a
 * router in plaintext when their control plane is on loopback. Every call must carry {@code
 * authorization: Bearer <jwt>} with a JWT from {@link #jwt(String)} for the request's task, not
 * expired (its lifetime is the emulator's token lifetime); otherwise it is UNAUTHENTICATED.
 */
public final class CommandRouterServer implements RouterAccess, AutoCloseable {
  private final RouterServer server;

  /**
   * Starts the router on a free loopback port.
   *
   * @param tasks the tasks it may serve
   * @param state the emulator's state (clock, JWT issuer, executor)
   * @param tlsKeys the certificate a TLS connection (Modal's Python SDK dials one) is served with,
   *     asked for on the first one: the tunnels' ({@link
   *     dev.modal4j.testing.sandboxes.tunnels.TunnelGateway#keyManagers()})
   */
  public CommandRouterServer(
      TaskDirectory tasks,
      EmulatorState state,
      java.util.function.Supplier<javax.net.ssl.KeyManagerFactory> tlsKeys) {
    this.server = new RouterServer(tasks, state, tlsKeys);
  }

  @Override
  public String url() {
    return server.url();
  }

  @Override
  public String jwt(String taskId) {
    return server.jwt(taskId);
  }

  /** The loopback port the router listens on. */
  public int port() {
    return server.port();
  }

  /** Stops the server and every stream it serves, and kills the execs it started. */
  @Override
  public void close() {
    server.close();
  }
}
