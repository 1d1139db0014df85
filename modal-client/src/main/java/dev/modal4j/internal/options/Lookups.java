package dev.modal4j.internal.options;

import dev.modal4j.ModalException;
import dev.modal4j.NotFoundException;
import dev.modal4j.internal.Futures;
import dev.modal4j.proto.ObjectCreationType;
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

  /** How a *GetOrCreate lookup by name treats a missing object. */
  public static ObjectCreationType creationType(boolean createIfMissing) {
    return createIfMissing
        ? ObjectCreationType.OBJECT_CREATION_TYPE_CREATE_IF_MISSING
        : ObjectCreationType.OBJECT_CREATION_TYPE_UNSPECIFIED;
  }

  /** {@code op}'s outcome with a {@link NotFoundException} turned into success (allowMissing). */
  public static CompletableFuture<Void> ignoreNotFound(CompletableFuture<Void> op) {
    return op.exceptionally(
        t -> {
          Throwable cause = Futures.unwrap(t);
          if (cause instanceof NotFoundException) {
            return null;
          }
          throw cause instanceof RuntimeException
              ? (RuntimeException) cause
              : new ModalException(String.valueOf(cause.getMessage()), cause);
        });
  }
}
