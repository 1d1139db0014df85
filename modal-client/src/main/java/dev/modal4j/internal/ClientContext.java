package dev.modal4j.internal;

import dev.modal4j.internal.rpc.RpcInvoker;
import dev.modal4j.internal.transport.ServerAddress;
import io.grpc.ManagedChannel;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What the services of a {@code ModalClient} share: RPC invokers, resolved settings, executors.
 *
 * <p>Everything here is owned by the client and released by {@code ModalClient.close()}.
 */
public interface ClientContext {

  /** The control plane (MODAL_SERVER_URL). */
  RpcInvoker controlPlane();

  /**
   * The input plane at {@code url}, with the same header/auth/retry stack; the channel is created
   * once per distinct URL and cached.
   */
  RpcInvoker inputPlane(String url);

  /** The default environment name; "" means the server's default. */
  String environment();

  /** For timers: retry delays, poll scheduling. Never run blocking work on it. */
  ScheduledExecutorService scheduler();

  /**
   * Whether plaintext {@code http://} may reach hosts that are not loopback, for the client's
   * channels and for the URLs Modal hands out (see {@code transport.ChannelRule}).
   *
   * @return the builder's {@code allowInsecure} setting; false unless overridden
   */
  default boolean allowInsecure() {
    return false;
  }

  /**
   * gRPC callbacks and the SDK's own continuations (decoding, bookkeeping). Bounded and shared by
   * every call: never block on it and never run the caller's code on it.
   */
  Executor executor();

  /**
   * Runs the caller's code: completes the futures handed to callers (so their continuations run
   * here) and calls item/result callbacks. The builder's executor, or a bounded pool of the client.
   * The SDK never waits for work queued on it.
   */
  Executor callerExecutor();

  /**
   * For the SDK's blocking roles (a map's pump and poller, blocking HTTP transfers, blocking
   * bridges of async APIs): elastic, so a role never waits for another queued behind it.
   */
  Executor blockingExecutor();

  /** The client's event listener, safely wrapped; null when it has none (test before use). */
  default dev.modal4j.internal.events.Events events() {
    return null;
  }

  /** The image builder version configured for the client, if any (see ClientSettings). */
  default java.util.Optional<String> imageBuilderVersion() {
    return java.util.Optional.empty();
  }

  /** Whether sandboxes are created as V2 by default (see ClientSettings#sandboxV2). */
  default boolean sandboxV2() {
    return false;
  }

  /**
   * The control plane's URL as configured (MODAL_SERVER_URL or the builder's), also when an
   * injected channel carries the calls. Decides, for instance, whether the command router is dialed
   * in plaintext (only when this URL's host is loopback).
   */
  default String serverUrl() {
    return "https://api.modal.com:443";
  }

  /**
   * Opens a channel to {@code address} on the client's event loop, with the client's channel
   * settings (keepalive, windows, message sizes) and no interceptors. The caller closes it with
   * {@link #releaseChannel}; the client closes it on {@code close()} if the caller has not.
   *
   * @throws dev.modal4j.ClientClosedException if the client is closed
   */
  default ManagedChannel openChannel(ServerAddress address) {
    throw new UnsupportedOperationException("this client cannot open channels");
  }

  /** Shuts down a channel from {@link #openChannel} now (calls in flight fail); idempotent. */
  default void releaseChannel(ManagedChannel channel) {
    channel.shutdownNow();
  }

  /** Throws {@code ClientClosedException} if the client is closed. */
  void checkOpen();
}
