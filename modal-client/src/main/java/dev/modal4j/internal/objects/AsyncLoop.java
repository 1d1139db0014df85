package dev.modal4j.internal.objects;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/**
 * The result of a sequence of RPCs (a long-poll loop, a retry loop): cancelling {@link #result()}
 * cancels the step in flight and keeps further steps from starting.
 *
 * @param <T> the result
 */
public final class AsyncLoop<T> {
  private final CompletableFuture<T> result = new CompletableFuture<>();
  private volatile Future<?> current;

  /** A new loop. */
  public AsyncLoop() {
    result.whenComplete(
        (r, t) -> {
          Future<?> f = current;
          if (result.isCancelled() && f != null) {
            f.cancel(true);
          }
        });
  }

  /** The future the caller gets. */
  public CompletableFuture<T> result() {
    return result;
  }

  /** Whether the loop is over (done, failed or cancelled). */
  public boolean isDone() {
    return result.isDone();
  }

  /** Records the step in flight; cancels it at once if the loop was cancelled. */
  public <F extends Future<?>> F track(F step) {
    current = step;
    if (result.isCancelled()) {
      step.cancel(true);
    }
    return step;
  }
}
