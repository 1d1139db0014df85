package dev.modal4j.internal.invocation;

import dev.modal4j.FunctionTimeoutException;
import dev.modal4j.proto.FunctionGetOutputsItem;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * Long-polls an invocation until an output arrives: each poll waits min(55 s, remaining) on the
 * server; an empty poll after the caller's timeout is a {@link FunctionTimeoutException}.
 */
final class OutputPoller {
  private final CallScope<?> scope;
  private final Invocation invocation;
  private final Duration timeout;
  private final long startNanos = System.nanoTime();
  private final CompletableFuture<FunctionGetOutputsItem> out = new CompletableFuture<>();

  private OutputPoller(CallScope<?> scope, Invocation invocation, Duration timeout) {
    this.scope = scope;
    this.invocation = invocation;
    this.timeout = timeout;
  }

  /**
   * @param timeout null to wait forever
   */
  static CompletableFuture<FunctionGetOutputsItem> await(
      CallScope<?> scope, Invocation invocation, Duration timeout) {
    OutputPoller poller = new OutputPoller(scope, invocation, timeout);
    poller.next(timeout == null ? Invocation.MAX_POLL : min(Invocation.MAX_POLL, timeout));
    return poller.out;
  }

  private void next(Duration wait) {
    if (scope.isDone()) {
      out.cancel(false);
      return;
    }
    scope
        .step(invocation.poll(wait))
        .whenComplete(
            (item, e) -> {
              if (e != null) {
                out.completeExceptionally(CallScope.unwrap(e));
              } else if (item != null) {
                out.complete(item);
              } else if (timeout == null) {
                next(Invocation.MAX_POLL);
              } else {
                Duration remaining = timeout.minusNanos(System.nanoTime() - startNanos);
                if (remaining.isNegative() || remaining.isZero()) {
                  out.completeExceptionally(
                      new FunctionTimeoutException(
                          String.format(
                              Locale.ROOT,
                              "Timeout exceeded: %.1fs",
                              timeout.toMillis() / 1000.0)));
                } else {
                  next(min(Invocation.MAX_POLL, remaining));
                }
              }
            });
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
