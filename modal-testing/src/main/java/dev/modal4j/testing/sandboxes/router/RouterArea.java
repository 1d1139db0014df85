package dev.modal4j.testing.sandboxes.router;

import io.grpc.ServerServiceDefinition;

/**
 * A group of task command router RPCs served beside {@link RouterService}'s (snapshots, sidecars,
 * network policy ...): it binds them with the generated {@code
 * TaskCommandRouterGrpc.getXxxMethod()} descriptors and {@code
 * dev.modal4j.testing.internal.Unary}/{@code AsyncUnary}. A method bound here replaces the same
 * method of RouterService; every call has passed the router's auth, and a handler checks its task
 * with {@link RouterContext#task(String)}.
 */
public interface RouterArea extends AutoCloseable {

  /** Adds this area's methods. */
  void bind(ServerServiceDefinition.Builder service);

  /** Stops what this area started; must not throw. */
  @Override
  default void close() {}
}
