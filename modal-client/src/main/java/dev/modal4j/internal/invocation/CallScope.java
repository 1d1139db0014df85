package dev.modal4j.internal.invocation;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The caller-facing future of one multi-step call, and the step in flight. Cancelling the result
 * cancels the step (its RPC) and runs the cancel hook (e.g. FunctionCallCancel) once.
 */
final class CallScope<T> {
  final CompletableFuture<T> result = new CompletableFuture<>();
  private final AtomicReference<Future<?>> current = new AtomicReference<>();
  private final AtomicReference<Runnable> onCancel = new AtomicReference<>();

  CallScope() {
    result.whenComplete(
        (v, e) -> {
          if (result.isCancelled()) {
            Future<?> step = current.getAndSet(null);
            if (step != null) {
              step.cancel(true);
            }
            Runnable hook = onCancel.getAndSet(null);
            if (hook != null) {
              hook.run();
            }
          }
        });
  }

  /** Registers the step in flight; cancels it at once if the call is already over. */
  <X> CompletableFuture<X> step(CompletableFuture<X> step) {
    current.set(step);
    if (result.isDone()) {
      step.cancel(true);
    }
    return step;
  }

  /** Sets what to do if the caller cancels (runs at most once, also if already cancelled). */
  void onCancel(Runnable hook) {
    onCancel.set(hook);
    if (result.isCancelled()) {
      Runnable h = onCancel.getAndSet(null);
      if (h != null) {
        h.run();
      }
    }
  }

  boolean isDone() {
    return result.isDone();
  }

  void fail(Throwable e) {
    result.completeExceptionally(unwrap(e));
  }

  static Throwable unwrap(Throwable e) {
    while ((e instanceof CompletionException || e instanceof ExecutionException)
        && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }
}
