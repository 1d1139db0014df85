package dev.modal4j.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Hands futures to callers. The caller gets a copy the SDK does not depend on; the SDK keeps the
 * source. The copy completes on the caller executor with the source's outcome. If the caller
 * finishes the copy first (cancel, {@code orTimeout}, {@code completeOnTimeout}, {@code complete},
 * {@code completeExceptionally}), the source is cancelled, which cancels the work behind it.
 */
public final class CallerFutures {
  private CallerFutures() {}

  /** The caller's copy of {@code source}, completed on {@code context}'s caller executor. */
  public static <T> CompletableFuture<T> hand(ClientContext context, CompletableFuture<T> source) {
    return hand(context.callerExecutor(), source);
  }

  /** The caller's copy of {@code source}, completed on {@code executor}. */
  public static <T> CompletableFuture<T> hand(Executor executor, CompletableFuture<T> source) {
    CallerFuture<T> copy = new CallerFuture<>(source, executor);
    if (source.isDone()) {
      copy.completeFrom(source);
      return copy;
    }
    source.whenComplete(
        (v, e) -> {
          try {
            executor.execute(() -> copy.completeFrom(source));
          } catch (RejectedExecutionException rejected) {
            copy.completeFrom(source);
          }
        });
    copy.whenComplete(
        (v, e) -> {
          if (!source.isDone()) {
            source.cancel(true);
          }
        });
    return copy;
  }
}
