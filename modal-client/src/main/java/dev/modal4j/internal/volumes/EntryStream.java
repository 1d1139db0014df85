package dev.modal4j.internal.volumes;

import dev.modal4j.ModalException;
import dev.modal4j.internal.Futures;
import dev.modal4j.internal.rpc.RpcInvoker;
import dev.modal4j.proto.FileEntry;
import io.grpc.MethodDescriptor;
import io.grpc.stub.StreamObserver;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The entries of a VolumeListFiles(2) server stream, pulled one batch at a time: the server may
 * send the next batch only once the caller has taken the one before (manual flow control), so a
 * huge listing is never held whole. Closing the stream cancels the RPC.
 */
final class EntryStream implements Iterator<FileEntry>, AutoCloseable {
  private static final Object END = new Object();

  private final LinkedBlockingQueue<Object> arrived = new LinkedBlockingQueue<>();
  private final ArrayDeque<FileEntry> buffer = new ArrayDeque<>();
  private final UnaryOperator<ModalException> failure;
  private RpcInvoker.StreamHandle handle;
  private boolean ended;

  private EntryStream(UnaryOperator<ModalException> failure) {
    this.failure = failure;
  }

  /**
   * Starts the stream and returns its entries; {@code failure} may replace the exception a failed
   * stream ends with (to name the path).
   */
  static <Q, R> Stream<FileEntry> open(
      RpcInvoker rpc,
      MethodDescriptor<Q, R> method,
      Q request,
      Function<R, List<FileEntry>> entries,
      UnaryOperator<ModalException> failure) {
    EntryStream it = new EntryStream(failure);
    it.handle =
        rpc.serverStream(
            method,
            request,
            1,
            new StreamObserver<R>() {
              @Override
              public void onNext(R value) {
                it.arrived.add(entries.apply(value));
              }

              @Override
              public void onError(Throwable t) {
                it.arrived.add(t);
              }

              @Override
              public void onCompleted() {
                it.arrived.add(END);
              }
            });
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL),
            false)
        .onClose(it::close);
  }

  @Override
  public boolean hasNext() {
    while (buffer.isEmpty() && !ended) {
      Object next;
      try {
        next = arrived.take();
      } catch (InterruptedException e) {
        close();
        Thread.currentThread().interrupt();
        throw new ModalException("Interrupted while listing volume files", e);
      }
      if (next == END) {
        ended = true;
      } else if (next instanceof Throwable) {
        ended = true;
        Throwable cause = Futures.unwrap((Throwable) next);
        if (cause instanceof ModalException) {
          throw Futures.rethrow(failure.apply((ModalException) cause));
        }
        throw Futures.rethrow(cause);
      } else {
        @SuppressWarnings("unchecked")
        List<FileEntry> batch = (List<FileEntry>) next;
        buffer.addAll(batch);
        handle.request(1);
      }
    }
    return !buffer.isEmpty();
  }

  @Override
  public FileEntry next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return buffer.removeFirst();
  }

  @Override
  public void close() {
    buffer.clear();
    if (!ended) {
      ended = true;
      handle.cancel();
    }
  }
}
