package dev.modal4j.internal;

import dev.modal4j.CancelledException;
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
   * <p>A failure is thrown as a new exception of the type the future failed with (see {@link
   * #rethrow}), so that callers sharing one future never share, or modify, one exception. A
   * cancelled future throws {@link CancelledException}. On interrupt the future is cancelled, the
   * interrupt flag restored, and a {@code ModalException} caused by the interrupt is thrown.
   */
  public static <T> T join(CompletableFuture<T> future) {
    try {
      return future.get();
    } catch (ExecutionException e) {
      throw rethrow(e.getCause());
    } catch (CancellationException e) {
      throw cancelled(e);
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

  /**
   * Unwraps completion wrappers and returns the exception to throw to a blocking caller: for a
   * {@link ModalException}, a new one of the same type with the same message and details, this
   * caller's stack and the original as its cause (the original is not modified, so it can be shared
   * by any number of callers); a {@link CancellationException} becomes a {@link
   * CancelledException}; any other exception is wrapped in a {@code ModalException}. Errors are
   * thrown as they are.
   */
  public static RuntimeException rethrow(Throwable failure) {
    Throwable cause = unwrap(failure);
    if (cause instanceof ModalException) {
      return CallerCopies.forCaller((ModalException) cause);
    }
    if (cause instanceof CancellationException) {
      return cancelled((CancellationException) cause);
    }
    if (cause instanceof Error) {
      throw (Error) cause;
    }
    return new ModalException(String.valueOf(cause.getMessage()), cause);
  }

  private static CancelledException cancelled(CancellationException e) {
    return new CancelledException("The operation was cancelled", e);
  }

  /**
   * {@code t} unwrapped, as an unchecked exception to throw from inside a stage of the SDK's own
   * futures (not copied: it is not handed to a caller yet). Errors are thrown as they are.
   */
  public static RuntimeException propagate(Throwable t) {
    Throwable cause = unwrap(t);
    if (cause instanceof RuntimeException) {
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
}
