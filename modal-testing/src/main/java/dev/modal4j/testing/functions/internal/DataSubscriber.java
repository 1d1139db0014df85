package dev.modal4j.testing.functions.internal;

import dev.modal4j.proto.DataChunk;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.List;

/**
 * One open FunctionCallGetDataOut stream. {@link #drain()} sends every chunk not sent yet, in
 * order, and completes the stream once the generator is done; it may end the stream with
 * UNAVAILABLE after {@code dropAfter} chunks when a dropped stream is injected.
 */
final class DataSubscriber {
  private static final int BATCH = 256;

  private final CallState call;
  private final ServerCallStreamObserver<DataChunk> observer;
  private final int dropAfter;
  private long lastIndex;
  private int sent;
  private boolean finished;

  DataSubscriber(
      CallState call, ServerCallStreamObserver<DataChunk> observer, long lastIndex, int dropAfter) {
    this.call = call;
    this.observer = observer;
    this.lastIndex = lastIndex;
    this.dropAfter = dropAfter;
  }

  synchronized void drain() {
    while (!finished) {
      if (observer.isCancelled()) {
        finish();
        return;
      }
      List<DataChunk> batch;
      boolean closed;
      synchronized (call) {
        batch = call.data().after(lastIndex, BATCH);
        closed = call.data().isClosed() && call.data().size() <= lastIndex + batch.size();
      }
      for (DataChunk chunk : batch) {
        observer.onNext(chunk);
        lastIndex = chunk.getIndex();
        sent++;
        if (dropAfter > 0
            && sent >= dropAfter
            && !(closed && chunk == batch.get(batch.size() - 1))) {
          finish();
          observer.onError(
              Status.UNAVAILABLE
                  .withDescription("data stream dropped (injected)")
                  .asRuntimeException());
          return;
        }
      }
      if (closed) {
        finish();
        observer.onCompleted();
        return;
      }
      if (batch.isEmpty()) {
        return;
      }
    }
  }

  void cancelled() {
    synchronized (this) {
      finish();
    }
  }

  private void finish() {
    finished = true;
    synchronized (call) {
      call.data().unsubscribe(this);
    }
  }
}
