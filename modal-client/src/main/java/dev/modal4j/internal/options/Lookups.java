package dev.modal4j.internal.options;

import dev.modal4j.NotFoundException;
import dev.modal4j.internal.Futures;
import io.grpc.Status;
import java.util.concurrent.CompletableFuture;

/** Small helpers for lookups by name. */
public final class Lookups {
  private Lookups() {}

  /**
   * {@code rpc}'s outcome, with a {@link NotFoundException} replaced by one saying {@code
   * notFoundMessage}; cancelling the result cancels {@code rpc}.
   */
  public static <R> CompletableFuture<R> renameNotFound(
      CompletableFuture<R> rpc, String notFoundMessage) {
    CompletableFuture<R> result = new CompletableFuture<>();
    Futures.propagateCancel(result, rpc);
    rpc.whenComplete(
        (r, err) -> {
          if (err == null) {
            result.complete(r);
            return;
          }
          Throwable cause = Futures.unwrap(err);
          if (cause instanceof NotFoundException) {
            result.completeExceptionally(
                new NotFoundException(notFoundMessage, cause, Status.Code.NOT_FOUND));
          } else {
            result.completeExceptionally(cause);
          }
        });
    return result;
  }
}
