package dev.modal4j.internal;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The caller's copy of an SDK future (see {@link CallerFutures}). Blocking on it waits for the
 * source directly, so a blocked caller-executor thread never waits for the hand-over task queued
 * behind it; its default async executor is the caller executor.
 */
final class CallerFuture<T> extends CompletableFuture<T> {
  private final CompletableFuture<T> source;
  private final Executor executor;

  CallerFuture(CompletableFuture<T> source, Executor executor) {
    this.source = source;
    this.executor = executor;
  }

  /** Completes this copy with the source's outcome; the source must be done. */
  void completeFrom(CompletableFuture<T> done) {
    try {
      complete(done.join());
    } catch (CancellationException e) {
      cancel(false);
    } catch (CompletionException e) {
      completeExceptionally(e.getCause() != null ? e.getCause() : e);
    }
  }

  @Override
  public T get() throws InterruptedException, ExecutionException {
    if (!isDone()) {
      try {
        source.get();
      } catch (ExecutionException | CancellationException e) {
        // the outcome is read from this copy below
      }
      settle();
    }
    return super.get();
  }

  @Override
  public T get(long timeout, TimeUnit unit)
      throws InterruptedException, ExecutionException, TimeoutException {
    if (!isDone()) {
      try {
        source.get(timeout, unit);
      } catch (ExecutionException | CancellationException e) {
        // the outcome is read from this copy below
      }
      settle();
    }
    return super.get(0, TimeUnit.NANOSECONDS);
  }

  @Override
  public T join() {
    if (!isDone()) {
      try {
        source.join();
      } catch (CompletionException | CancellationException e) {
        // the outcome is read from this copy below
      }
      settle();
    }
    return super.join();
  }

  /** The source is done: take its outcome now unless the hand-over or the caller got here first. */
  private void settle() {
    if (!isDone()) {
      completeFrom(source);
    }
  }

  @Override
  public Executor defaultExecutor() {
    return executor;
  }

  @Override
  public <U> CompletableFuture<U> newIncompleteFuture() {
    return new CompletableFuture<>();
  }
}
