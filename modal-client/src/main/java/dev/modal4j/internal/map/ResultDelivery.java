package dev.modal4j.internal.map;

import dev.modal4j.ModalException;
import dev.modal4j.functions.MapResult;
import dev.modal4j.proto.FunctionGetOutputsItem;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;

/**
 * Turns the final output of a completed item into its {@link MapResult} and hands it to the
 * consumer's {@link ResultBuffer}.
 *
 * <p>Called by the poller once per item (after {@link MapItem#complete} or a give-up verdict).
 * Inline outputs are decoded on the poller thread; outputs in a blob are downloaded and decoded on
 * pool threads, at most {@value #BLOB_DECODE_PARALLELISM} at once. This class keeps no state of its
 * own beyond that bound.
 */
final class ResultDelivery<T> {
  private static final int BLOB_DECODE_PARALLELISM = 20;

  private final OutputDecoder<T> decoder;
  private final Executor executor;
  private final InFlight inFlight;
  private final ResultBuffer<T> results;
  private final MapProgressTracker progress;
  private final MapLifecycle lifecycle;
  private final Semaphore blobDecodes = new Semaphore(BLOB_DECODE_PARALLELISM);

  ResultDelivery(
      OutputDecoder<T> decoder,
      Executor executor,
      InFlight inFlight,
      ResultBuffer<T> results,
      MapProgressTracker progress,
      MapLifecycle lifecycle) {
    this.decoder = decoder;
    this.executor = executor;
    this.inFlight = inFlight;
    this.results = results;
    this.progress = progress;
    this.lifecycle = lifecycle;
  }

  /** Delivers the final output {@code out} of the completed {@code item}. */
  void deliver(MapItem item, FunctionGetOutputsItem out) {
    if (!out.getResult().hasDataBlobId()) {
      handOver(item.idx, out);
      return;
    }
    blobDecodes.acquireUninterruptibly();
    try {
      executor.execute(
          () -> {
            try {
              handOver(item.idx, out);
            } finally {
              blobDecodes.release();
            }
          });
    } catch (RuntimeException e) {
      blobDecodes.release();
      throw e;
    }
  }

  private void handOver(int idx, FunctionGetOutputsItem out) {
    MapResult<T> result;
    try {
      result = MapResult.success(idx, decoder.decode(out));
    } catch (ModalException e) {
      result = MapResult.failure(idx, e);
    } catch (RuntimeException e) {
      result = MapResult.failure(idx, new ModalException("decoding output " + idx + " failed", e));
    }
    inFlight.finished(idx);
    progress.completed(!result.isSuccess());
    // finish (and report the final counts) before the consumer can take the last result
    lifecycle.finishIfDone();
    results.put(idx, result);
  }
}
