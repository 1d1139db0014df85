package dev.modal4j.internal.objects;

import dev.modal4j.ModalException;
import dev.modal4j.internal.rpc.RpcInvoker;
import dev.modal4j.internal.rpc.StatusMapping;
import io.grpc.stub.StreamObserver;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;

/**
 * Iterates over a server stream, started at the first {@code hasNext()}: the gRPC side only
 * enqueues messages; the caller's thread waits and decodes. {@link #close()} cancels the stream.
 *
 * <p>The queue between the two is not bounded: a caller far slower than the server buffers what the
 * server has sent.
 *
 * @param <M> the message type
 * @param <T> the element type
 */
public final class ServerStreamIterator<M, T> implements Iterator<T>, AutoCloseable {
  private static final Object END = new Object();

  private final Function<StreamObserver<M>, RpcInvoker.StreamHandle> start;
  private final Function<M, T> decode;
  private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
  private RpcInvoker.StreamHandle handle;
  private Object next;
  private boolean finished;

  /**
   * Creates the iterator.
   *
   * @param start starts the stream with the observer given
   * @param decode turns a message into an element, on the caller's thread
   */
  public ServerStreamIterator(
      Function<StreamObserver<M>, RpcInvoker.StreamHandle> start, Function<M, T> decode) {
    this.start = start;
    this.decode = decode;
  }

  private static final class Failure {
    final Throwable error;

    Failure(Throwable error) {
      this.error = error;
    }
  }

  @Override
  public boolean hasNext() {
    if (next != null) {
      return true;
    }
    if (finished) {
      return false;
    }
    if (handle == null) {
      handle =
          start.apply(
              new StreamObserver<M>() {
                @Override
                public void onNext(M value) {
                  queue.add(value);
                }

                @Override
                public void onError(Throwable t) {
                  queue.add(new Failure(t));
                }

                @Override
                public void onCompleted() {
                  queue.add(END);
                }
              });
    }
    Object o;
    try {
      o = queue.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      throw new ModalException("Interrupted while reading a stream", e);
    }
    if (o == END) {
      finished = true;
      return false;
    }
    if (o instanceof Failure) {
      finished = true;
      throw StatusMapping.toException(((Failure) o).error);
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
    M m = (M) next;
    next = null;
    return decode.apply(m);
  }

  /** Cancels the stream if it is still open. */
  @Override
  public void close() {
    finished = true;
    if (handle != null) {
      handle.cancel();
    }
  }
}
