package dev.modal4j.internal.invocation;

import com.fasterxml.jackson.databind.JavaType;
import dev.modal4j.ModalException;
import dev.modal4j.internal.cbor.Cbor;
import dev.modal4j.internal.rpc.RpcInvoker;
import dev.modal4j.proto.DataChunk;
import dev.modal4j.proto.DataFormat;
import dev.modal4j.proto.FunctionCallGetDataRequest;
import dev.modal4j.proto.FunctionGetOutputsItem;
import dev.modal4j.proto.ModalClientGrpc;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One generator call (protocol §6): items arrive on the {@code FunctionCallGetDataOut} stream, the
 * final output is {@code GeneratorDone{items_total}}. A dropped stream is reopened from the last
 * index seen; items are handed to the sink in order, each exactly once.
 *
 * <p>Flow control: the data stream is asked for one more message each time the sink consumes an
 * item, so at most {@link #PREFETCH} items are requested, in transit, being decoded or waiting in
 * the sink, whatever the generator's length or the consumer's speed.
 */
final class GeneratorCall<T> {
  static final int MAX_RECONNECTS = 10;

  /** Items the SDK may hold ahead of the consumer. */
  static final int PREFETCH = 32;

  /** How long a failed generator's remaining items may still stream in before the error shows. */
  static final long FAILURE_GRACE_MS = 1000;

  private static final Logger log = LoggerFactory.getLogger(GeneratorCall.class);

  private final FunctionInvoker invoker;
  private final CallScope<Long> scope;
  private final JavaType type;
  private final ItemSink<? super T> sink;
  private final Executor deliverOn;
  private RpcInvoker streamRpc;
  private Invocation invocation;
  private RpcInvoker.StreamHandle stream;
  private boolean streamOpen;
  private long lastIndex;
  private long received;
  private long delivered;

  /** Items received and not yet consumed; the stream's credit is PREFETCH minus this. */
  private int unconsumed;

  private int reconnects;
  private Long itemsTotal;
  private Throwable pendingFailure;
  private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);

  GeneratorCall(
      FunctionInvoker invoker,
      CallScope<Long> scope,
      JavaType type,
      ItemSink<? super T> sink,
      Executor deliverOn) {
    this.invoker = invoker;
    this.scope = scope;
    this.type = type;
    this.sink = sink;
    this.deliverOn = deliverOn;
    scope.result.whenComplete((v, e) -> closeStream());
  }

  /** Starts streaming once the call exists. */
  synchronized void start(RpcInvoker rpc, Invocation started) {
    this.streamRpc = rpc;
    this.invocation = started;
    openStream();
    OutputPoller.await(scope, started, null).whenComplete(this::onOutput);
  }

  private synchronized void openStream() {
    if (scope.isDone()) {
      return;
    }
    FunctionCallGetDataRequest.Builder request =
        FunctionCallGetDataRequest.newBuilder().setLastIndex(lastIndex);
    if (invocation instanceof InputPlaneInvocation) {
      request.setAttemptToken(((InputPlaneInvocation) invocation).attemptToken());
    } else {
      request.setFunctionCallId(invocation.functionCallId().orElseThrow());
    }
    streamOpen = true;
    stream =
        streamRpc.serverStream(
            ModalClientGrpc.getFunctionCallGetDataOutMethod(),
            request.build(),
            Math.max(0, PREFETCH - unconsumed),
            new Observer());
  }

  private synchronized void closeStream() {
    if (stream != null) {
      stream.cancel();
      stream = null;
    }
  }

  private final class Observer implements StreamObserver<DataChunk> {
    @Override
    public void onNext(DataChunk chunk) {
      onChunk(chunk);
    }

    @Override
    public void onError(Throwable t) {
      onStreamEnd(t);
    }

    @Override
    public void onCompleted() {
      onStreamEnd(null);
    }
  }

  private synchronized void onChunk(DataChunk chunk) {
    if (scope.isDone() || chunk.getIndex() <= lastIndex) {
      if (stream != null) {
        stream.request(1); // not kept: give the credit back
      }
      return;
    }
    lastIndex = chunk.getIndex();
    received++;
    unconsumed++;
    reconnects = 0;
    tail =
        tail.thenCompose(v -> scope.step(invoker.decoder().data(chunkResult(chunk))))
            .thenAcceptAsync(bytes -> deliver(bytes, chunk.getDataFormat()), deliverOn);
    tail.whenComplete(
        (v, e) -> {
          if (e != null) {
            scope.fail(e);
          }
        });
    checkDone();
  }

  private static dev.modal4j.proto.GenericResult chunkResult(DataChunk chunk) {
    dev.modal4j.proto.GenericResult.Builder r = dev.modal4j.proto.GenericResult.newBuilder();
    if (chunk.getDataOneofCase() == DataChunk.DataOneofCase.DATA_BLOB_ID) {
      r.setDataBlobId(chunk.getDataBlobId());
    } else {
      r.setData(chunk.getData());
    }
    return r.build();
  }

  private void deliver(byte[] bytes, DataFormat format) {
    if (scope.isDone()) {
      return;
    }
    T item =
        format == DataFormat.DATA_FORMAT_CBOR
            ? Cbor.decode(bytes, type)
            : ResultDecoder.decodeValue(bytes, format, type);
    sink.accept(item, new Consumed());
    synchronized (this) {
      delivered++;
    }
  }

  /** Runs once per item, when the sink is done with it: asks the stream for one more. */
  private final class Consumed implements Runnable {
    private boolean ran;

    @Override
    public void run() {
      synchronized (GeneratorCall.this) {
        if (ran) {
          return;
        }
        ran = true;
        unconsumed--;
        if (stream != null && !scope.isDone()) {
          stream.request(1);
        }
      }
    }
  }

  private synchronized void onStreamEnd(Throwable error) {
    streamOpen = false;
    stream = null;
    if (scope.isDone()) {
      return;
    }
    if (pendingFailure != null) {
      fail(pendingFailure);
      return;
    }
    if (itemsTotal != null && received >= itemsTotal) {
      return;
    }
    if (error == null && itemsTotal == null) {
      return;
    }
    if (++reconnects > MAX_RECONNECTS) {
      fail(
          error != null
              ? CallScope.unwrap(error)
              : new ModalException("generator data stream ended before all items arrived"));
      return;
    }
    long delayMs = error == null ? 0 : Math.min(1000, (long) Math.pow(10, reconnects - 1));
    log.debug("generator data stream ended ({}); reopening from index {}", error, lastIndex);
    scheduleOrFail(this::openStream, delayMs);
  }

  private void scheduleOrFail(Runnable task, long delayMs) {
    try {
      invoker.context().scheduler().schedule(task, delayMs, TimeUnit.MILLISECONDS);
    } catch (RuntimeException e) {
      fail(e);
    }
  }

  private synchronized void onOutput(FunctionGetOutputsItem item, Throwable error) {
    if (error != null) {
      fail(CallScope.unwrap(error));
      return;
    }
    ModalException failure = ResultDecoder.failure(item.getResult());
    if (failure != null) {
      pendingFailure = failure;
      if (!streamOpen) {
        fail(failure);
      } else {
        failAfterGrace(failure, received);
      }
      return;
    }
    if (item.getDataFormat() != DataFormat.DATA_FORMAT_GENERATOR_DONE) {
      fail(
          new ModalException(
              "generator ended without GeneratorDone (" + item.getDataFormat() + ")"));
      return;
    }
    invoker
        .decoder()
        .data(item.getResult())
        .whenComplete(
            (bytes, e) -> {
              if (e != null) {
                fail(CallScope.unwrap(e));
                return;
              }
              try {
                onItemsTotal(ResultDecoder.itemsTotal(bytes));
              } catch (RuntimeException ex) {
                fail(ex);
              }
            });
  }

  /**
   * Fails the call once the data stream has had {@link #FAILURE_GRACE_MS} without progress. While
   * items still arrive, or wait for a slow consumer (who holds back the rest by flow control), the
   * grace is extended, so the items before the failure are all delivered first.
   */
  private void failAfterGrace(ModalException failure, long receivedBefore) {
    scheduleOrFail(() -> graceOver(failure, receivedBefore), FAILURE_GRACE_MS);
  }

  private synchronized void graceOver(ModalException failure, long receivedBefore) {
    if (scope.isDone()) {
      return;
    }
    if (streamOpen && (received > receivedBefore || unconsumed > 0)) {
      failAfterGrace(failure, received);
      return;
    }
    fail(failure);
  }

  private synchronized void onItemsTotal(long total) {
    itemsTotal = total;
    if (received < total && !streamOpen) {
      reconnects = 0;
      openStream();
    }
    checkDone();
  }

  private synchronized void checkDone() {
    if (itemsTotal != null && received >= itemsTotal) {
      closeStream();
      tail.thenRun(
          () -> {
            synchronized (this) {
              scope.result.complete(delivered);
            }
          });
    }
  }

  private void fail(Throwable e) {
    tail.whenComplete((v, ignored) -> scope.fail(e));
  }
}
