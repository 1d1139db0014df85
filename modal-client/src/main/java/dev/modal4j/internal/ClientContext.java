package dev.modal4j.internal;

import dev.modal4j.internal.rpc.RpcInvoker;
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

  /** For callbacks and CPU work (decoding, blob transfers); may block briefly. */
  Executor executor();

  /** Throws {@code ClientClosedException} if the client is closed. */
  void checkOpen();
}
