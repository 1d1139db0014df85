package dev.modal4j.internal;

import dev.modal4j.ModalException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Blocking on modal4j's futures with one exception contract. */
public final class Futures {
  private Futures() {}

  /**
   * Waits for {@code future} and returns its value.
   *
   * <p>A failure is rethrown as the {@link ModalException} the future failed with, with the
   * caller's stack added as a suppressed exception. On interrupt the future is cancelled, the
   * interrupt flag restored, and a {@code ModalException} caused by the interrupt is thrown.
   */
  public static <T> T join(CompletableFuture<T> future) {
    try {
      return future.get();
    } catch (ExecutionException e) {
      throw rethrow(e.getCause());
    } catch (CancellationException e) {
      ModalException ex = new ModalException("The operation was cancelled", e);
      throw ex;
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new ModalException("Interrupted while waiting for a Modal operation", e);
    }
  }

  /** Cancels {@code upstream} when {@code downstream} is cancelled. */
  public static void propagateCancel(CompletableFuture<?> downstream, Future<?> upstream) {
    downstream.whenComplete(
        (r, t) -> {
          if (downstream.isCancelled()) {
            upstream.cancel(true);
          }
        });
  }

  /** Unwraps completion wrappers and returns the exception to throw to a blocking caller. */
  public static RuntimeException rethrow(Throwable failure) {
    Throwable cause = unwrap(failure);
    if (cause instanceof RuntimeException) {
      cause.addSuppressed(new CallerStack());
      return (RuntimeException) cause;
    }
    if (cause instanceof Error) {
      throw (Error) cause;
    }
    return new ModalException(String.valueOf(cause.getMessage()), cause);
  }

  /** Strips {@link CompletionException} and {@link ExecutionException} layers. */
  public static Throwable unwrap(Throwable t) {
    Throwable cur = t;
    while ((cur instanceof CompletionException || cur instanceof ExecutionException)
        && cur.getCause() != null) {
      cur = cur.getCause();
    }
    return cur;
  }

  /** Records where a blocking caller was waiting when the failure was rethrown. */
  static final class CallerStack extends Exception {
    private static final long serialVersionUID = 1L;

    CallerStack() {
      super("The blocking call that received this exception");
    }
  }
}
