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
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A blocking, ordered {@link Stream} over a push-based generator call. {@code close()} cancels the
 * call; a failure of the call is thrown (as the {@code ModalException} it is) by the terminal
 * operation when it reaches that point.
 */
public final class GeneratorStream<T> implements Iterator<T> {
  private static final Object NULL = new Object();
  private static final Object END = new Object();

  private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
  private final CompletableFuture<Long> call;
  private Object next;
  private boolean finished;

  private GeneratorStream(Function<Consumer<T>, CompletableFuture<Long>> start) {
    this.call = start.apply(item -> queue.add(item == null ? NULL : item));
    call.whenComplete((v, e) -> queue.add(END));
  }

  /**
   * Starts the call with a consumer that feeds the stream.
   *
   * @param start starts the call given the item consumer; returns its completion future
   */
  public static <T> Stream<T> open(Function<Consumer<T>, CompletableFuture<Long>> start) {
    GeneratorStream<T> it = new GeneratorStream<>(start);
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED), false)
        .onClose(() -> it.call.cancel(true));
  }

  @Override
  public boolean hasNext() {
    if (next != null) {
      return true;
    }
    if (finished) {
      return false;
    }
    Object o;
    try {
      o = queue.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      call.cancel(true);
      throw new ModalException("interrupted while waiting for a generator item", e);
    }
    if (o == END) {
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
    next = o;
    return true;
  }

  @Override
  @SuppressWarnings("unchecked")
  public T next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Object o = next;
    next = null;
    return o == NULL ? null : (T) o;
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
}
