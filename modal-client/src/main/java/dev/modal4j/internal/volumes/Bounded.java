package dev.modal4j.internal.volumes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Runs one asynchronous task per item with at most {@code limit} in flight, and completes with the
 * results in the items' order. The first failure fails the whole, starts nothing more and cancels
 * the tasks still running; cancelling the result does the same. Tasks that complete at once do not
 * deepen the stack: one pump loop starts them all.
 */
final class Bounded<X, T> {
  private final List<X> items;
  private final int limit;
  private final Function<? super X, CompletableFuture<T>> task;
  private final Object[] out;
  private final List<CompletableFuture<T>> running = new ArrayList<>();
  private final CompletableFuture<List<T>> result = new CompletableFuture<>();
  private int next;
  private int inFlight;
  private int done;
  private boolean pumping;
  private boolean again;

  private Bounded(List<X> items, int limit, Function<? super X, CompletableFuture<T>> task) {
    this.items = items;
    this.limit = Math.max(1, limit);
    this.task = task;
    this.out = new Object[items.size()];
  }

  static <X, T> CompletableFuture<List<T>> map(
      List<X> items, int limit, Function<? super X, CompletableFuture<T>> task) {
    Bounded<X, T> b = new Bounded<>(List.copyOf(items), limit, task);
    b.result.whenComplete(
        (v, err) -> {
          if (err != null) {
            b.cancelRunning();
          }
        });
    b.pump();
    return b.result;
  }

  @SuppressWarnings("unchecked")
  private void pump() {
    synchronized (this) {
      if (pumping) {
        again = true;
        return;
      }
      pumping = true;
    }
    while (true) {
      int i;
      synchronized (this) {
        if (done == items.size() && !result.isDone()) {
          pumping = false;
          result.complete((List<T>) Arrays.asList(out));
          return;
        }
        if (result.isDone() || inFlight >= limit || next >= items.size()) {
          if (!again) {
            pumping = false;
            return;
          }
          again = false;
          continue;
        }
        i = next++;
        inFlight++;
      }
      CompletableFuture<T> f;
      try {
        f = task.apply(items.get(i));
      } catch (RuntimeException e) {
        result.completeExceptionally(e);
        continue;
      }
      synchronized (this) {
        running.add(f);
      }
      f.whenComplete(
          (v, err) -> {
            if (err != null) {
              result.completeExceptionally(err);
              return;
            }
            synchronized (this) {
              out[i] = v;
              inFlight--;
              done++;
              running.remove(f);
            }
            pump();
          });
    }
  }

  private void cancelRunning() {
    List<CompletableFuture<T>> copy;
    synchronized (this) {
      copy = new ArrayList<>(running);
    }
    copy.forEach(f -> f.cancel(true));
  }
}
