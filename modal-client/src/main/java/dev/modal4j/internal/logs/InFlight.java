package dev.modal4j.internal.logs;

import dev.modal4j.ClientClosedException;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/** The RPCs a log stream has in flight, so that closing it cancels them. */
final class InFlight {
  private final Set<CompletableFuture<?>> futures = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  /** Tracks {@code f} until it completes; cancels it at once if already closed. */
  <T> CompletableFuture<T> track(CompletableFuture<T> f) {
    if (closed) {
      f.cancel(true);
      throw new ClientClosedException("the log stream was closed");
    }
    futures.add(f);
    f.whenComplete((v, e) -> futures.remove(f));
    return f;
  }

  /** Cancels everything in flight; later calls to {@link #track} fail. */
  void cancelAll() {
    closed = true;
    for (CompletableFuture<?> f : futures) {
      f.cancel(true);
    }
    futures.clear();
  }

  boolean closed() {
    return closed;
  }
}
