package dev.modal4j.internal.blob;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Runs a blocking HTTP transfer on an executor, retrying with doubling delays on a scheduler. */
final class HttpRetry {
  private HttpRetry() {}

  /** A blocking HTTP transfer. */
  interface Transfer<T> {
    T run() throws IOException;
  }

  static <T> CompletableFuture<T> run(
      Transfer<T> transfer,
      int attempts,
      Duration baseDelay,
      Executor executor,
      ScheduledExecutorService scheduler) {
    CompletableFuture<T> result = new CompletableFuture<>();
    attempt(transfer, 1, attempts, baseDelay, executor, scheduler, result);
    return result;
  }

  private static <T> void attempt(
      Transfer<T> transfer,
      int n,
      int attempts,
      Duration baseDelay,
      Executor executor,
      ScheduledExecutorService scheduler,
      CompletableFuture<T> result) {
    if (result.isDone()) {
      return;
    }
    try {
      executor.execute(
          () -> {
            if (result.isDone()) {
              return;
            }
            try {
              result.complete(transfer.run());
            } catch (IOException e) {
              boolean retryable =
                  !(e instanceof HttpTransfer.HttpStatusException)
                      || ((HttpTransfer.HttpStatusException) e).retryable();
              if (!retryable || n >= attempts) {
                result.completeExceptionally(e);
                return;
              }
              long delayMs = baseDelay.toMillis() << (n - 1);
              try {
                scheduler.schedule(
                    () ->
                        attempt(transfer, n + 1, attempts, baseDelay, executor, scheduler, result),
                    delayMs,
                    TimeUnit.MILLISECONDS);
              } catch (RuntimeException rejected) {
                result.completeExceptionally(e);
              }
            } catch (RuntimeException | Error e) {
              // An Error too (an OutOfMemoryError reading a large body): if it ended this task
              // unhandled, nothing would ever complete the result.
              result.completeExceptionally(e);
            }
          });
    } catch (RuntimeException rejected) {
      result.completeExceptionally(rejected);
    }
  }

  static Throwable unwrap(Throwable e) {
    while ((e instanceof CompletionException || e instanceof ExecutionException)
        && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }
}
