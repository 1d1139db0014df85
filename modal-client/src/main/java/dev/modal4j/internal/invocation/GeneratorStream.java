package dev.modal4j.internal.invocation;

import dev.modal4j.CancelledException;
import dev.modal4j.ModalException;
import dev.modal4j.internal.Futures;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A blocking, ordered {@link Stream} over a generator call, read lazily: an item counts as consumed
 * (and the SDK asks the server for the next one) only when the stream's consumer takes it, so the
 * queue here never holds more than {@link GeneratorCall#PREFETCH} items. {@code close()} cancels
 * the call; a failure of the call is thrown (as the {@code ModalException} it is) by the terminal
 * operation when it reaches that point.
 */
public final class GeneratorStream<T> implements Iterator<T> {
  private static final Entry END = new Entry(null, () -> {});

  private final LinkedBlockingQueue<Entry> queue = new LinkedBlockingQueue<>();
  private final CompletableFuture<Long> call;
  private Entry next;
  private boolean finished;

  private GeneratorStream(Function<ItemSink<T>, CompletableFuture<Long>> start) {
    this.call = start.apply((item, consumed) -> queue.add(new Entry(item, consumed)));
    call.whenComplete((v, e) -> queue.add(END));
  }

  /**
   * Starts the call with a sink that feeds the stream.
   *
   * @param start starts the call given the item sink; returns its completion future
   */
  public static <T> Stream<T> open(Function<ItemSink<T>, CompletableFuture<Long>> start) {
    GeneratorStream<T> it = new GeneratorStream<>(start);
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED), false)
        .onClose(() -> it.call.cancel(true));
  }

  /** Items received and not yet taken by the consumer (for tests). */
  int buffered() {
    return queue.size();
  }

  @Override
  public boolean hasNext() {
    if (next != null) {
      return true;
    }
    if (finished) {
      return false;
    }
    Entry e;
    try {
      e = queue.take();
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      call.cancel(true);
      throw new ModalException("interrupted while waiting for a generator item", ex);
    }
    if (e == END) {
      finished = true;
      if (call.isCompletedExceptionally()) {
        Throwable cause = causeOf(call);
        if (cause instanceof RuntimeException) {
          throw Futures.rethrow(cause);
        }
        throw new ModalException("generator call failed: " + cause, cause);
      }
      return false;
    }
    next = e;
    return true;
  }

  @Override
  @SuppressWarnings("unchecked")
  public T next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Entry e = next;
    next = null;
    e.consumed.run();
    return (T) e.item;
  }

  private static Throwable causeOf(CompletableFuture<?> f) {
    try {
      f.join();
      return null;
    } catch (java.util.concurrent.CancellationException e) {
      return new CancelledException("generator call was cancelled", e);
    } catch (java.util.concurrent.CompletionException e) {
      return CallScope.unwrap(e);
    }
  }

  /** One item and what to run once the consumer has taken it. */
  private static final class Entry {
    final Object item;
    final Runnable consumed;

    Entry(Object item, Runnable consumed) {
      this.item = item;
      this.consumed = consumed;
    }
  }
}
