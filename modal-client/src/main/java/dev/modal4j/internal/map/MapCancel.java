package dev.modal4j.internal.map;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Waits, briefly and quietly, for the cancel of a map's call to reach the server. */
final class MapCancel {
  /** Long enough for a cancel with its retries; a close() never hangs longer. */
  private static final long WAIT_SECONDS = 5;

  private static final Logger log = LoggerFactory.getLogger(MapCancel.class);

  private MapCancel() {}

  static void await(CompletableFuture<?> cancel) {
    try {
      cancel.get(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      log.debug("cancelling the map's function call did not complete: {}", e.toString());
    }
  }
}
