package dev.modal4j.events;

import dev.modal4j.internal.Args;

/**
 * Hears what one {@code ModalClient} does on the wire: each RPC attempt with its status and
 * duration, each retry and its delay, each server throttle, each auth token refresh, each blob
 * transfer, and the progress of each map.
 *
 * <p>Every method does nothing unless overridden; override the ones you need. Methods are called on
 * modal4j's own threads, often on the path of a call, so keep them quick, non-blocking and
 * thread-safe. An exception thrown by a method is logged and ignored: it never fails or delays a
 * call. A client without a listener pays nothing for this interface.
 *
 * <pre>{@code
 * ModalClient modal = ModalClient.builder()
 *     .eventListener(new EventListener() {
 *       public void rpcEnd(RpcEvent e) {
 *         log.info("{} attempt {} -> {} in {}", e.method(), e.attempt(), e.status(), e.duration());
 *       }
 *     })
 *     .build();
 * }</pre>
 */
public interface EventListener {

  /** Called when an RPC attempt (unary, or a whole server stream) ends, successfully or not. */
  default void rpcEnd(RpcEvent event) {
    Args.notNull(event, "event");
  }

  /** Called when a failed attempt will be retried after a client-side backoff. */
  default void retry(RetryEvent event) {
    Args.notNull(event, "event");
  }

  /** Called when the server asked the client to slow down and the attempt will be retried. */
  default void throttled(ThrottleEvent event) {
    Args.notNull(event, "event");
  }

  /** Called when a fetch of the client's auth token ends, successfully or not. */
  default void tokenRefresh(TokenRefreshEvent event) {
    Args.notNull(event, "event");
  }

  /** Called when an upload or download of a blob (a large argument or result) ends. */
  default void blobTransfer(BlobTransferEvent event) {
    Args.notNull(event, "event");
  }

  /** Called with each progress snapshot of a map, and once more when the map ends. */
  default void mapProgress(MapProgressEvent event) {
    Args.notNull(event, "event");
  }
}
