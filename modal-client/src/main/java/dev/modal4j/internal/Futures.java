package dev.modal4j.internal;

import dev.modal4j.ModalException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Blocking unwrap of futures (provisional copy in the functions branch; the core branch owns the
 * real one and replaces this file on merge).
 */
public final class Futures {
  private Futures() {}

  /** Waits for {@code future}; rethrows its ModalException with the caller's stack suppressed. */
  public static <T> T join(CompletableFuture<T> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new ModalException("interrupted while waiting", e);
    } catch (CancellationException e) {
      throw new ModalException("cancelled", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      while (cause instanceof CompletionException && cause.getCause() != null) {
        cause = cause.getCause();
      }
      if (cause instanceof ModalException) {
        ModalException m = (ModalException) cause;
        m.addSuppressed(new ModalException("called from here"));
        throw m;
      }
      throw new ModalException(String.valueOf(cause), cause);
    }
  }
}
