package dev.modal4j.internal.map;

import dev.modal4j.ModalException;
import dev.modal4j.functions.MapProgressListener;
import dev.modal4j.functions.MapResult;
import dev.modal4j.proto.FunctionInput;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;

/**
 * Runs one map: the {@link InputPump} reads inputs lazily and the {@link PutSender} submits them in
 * batches of {@value InputPump#BATCH_SIZE}; the {@link OutputPoller} long-polls outputs; failed
 * attempts are resubmitted by the {@link RetrySender} by the retry rules of Modal's SDKs
 * (functions.md §7.3/§7.4), lost ones found by the {@link LostInputCheck}; the {@link
 * ResultDelivery} hands results to the consumer, in input order or as they come.
 *
 * <p>Never more than the server's {@code max_inputs_outstanding} inputs are in flight ({@link
 * InFlight}), and never more than a fixed window of inputs are read and not yet taken by the
 * consumer (see {@link ResultBuffer}), so memory is bounded whatever the input count. {@link
 * #close()} before the end cancels the remote call and stops reading inputs. This class only wires
 * the parts together; the consumer's thread calls {@link #start()}, {@link #next()} and {@link
 * #close()}.
 *
 * @param <T> the result type
 */
public final class MapPipeline<T> implements AutoCloseable {
  private static final int WINDOW_FACTOR = 10;
  private static final int MIN_WINDOW = 1_000;

  private final MapBackend backend;
  private final Iterator<? extends List<?>> inputs;
  private final InputEncoder encoder;
  private final OutputDecoder<T> decoder;
  private final Executor executor;
  private final ScheduledExecutorService scheduler;
  private final boolean ordered;
  private final MapProgressTracker progress;
  private final MapLifecycle lifecycle;
  private volatile ResultBuffer<T> results;

  /**
   * A map not started yet.
   *
   * @param orderOutputs results in input order (else as they come)
   * @param listener receives progress snapshots; may be null
   * @param executor runs the pipeline's blocking tasks (pump, puts, poller, retries, decodes)
   * @param scheduler fires retry backoffs and lost-input checks
   */
  public MapPipeline(
      MapBackend backend,
      Iterator<? extends List<?>> inputs,
      InputEncoder encoder,
      OutputDecoder<T> decoder,
      boolean orderOutputs,
      MapProgressListener listener,
      Executor executor,
      ScheduledExecutorService scheduler) {
    this(backend, inputs, encoder, decoder, orderOutputs, listener, executor, scheduler, null, "");
  }

  /**
   * As the constructor without events, also telling {@code events} (null for none) about the map's
   * progress under {@code functionName}.
   */
  public MapPipeline(
      MapBackend backend,
      Iterator<? extends List<?>> inputs,
      InputEncoder encoder,
      OutputDecoder<T> decoder,
      boolean orderOutputs,
      MapProgressListener listener,
      Executor executor,
      ScheduledExecutorService scheduler,
      dev.modal4j.internal.events.Events events,
      String functionName) {
    this.backend = backend;
    this.inputs = inputs;
    this.encoder = encoder;
    this.decoder = decoder;
    this.executor = executor;
    this.scheduler = scheduler;
    this.ordered = orderOutputs;
    this.progress = new MapProgressTracker(listener, events, functionName);
    this.lifecycle = new MapLifecycle(backend, executor, progress);
  }

  /**
   * Encodes the first input (so bad input fails before any RPC), opens the call, and starts the
   * pump and the poller. Throws what opening the call threw.
   */
  public void start() {
    FunctionInput first = inputs.hasNext() ? encoder.encode(inputs.next()) : null;
    int maxOutstanding = backend.open();
    InFlight inFlight = new InFlight(maxOutstanding);
    Semaphore window =
        new Semaphore(Math.max(MIN_WINDOW, WINDOW_FACTOR * Math.max(1, maxOutstanding)));
    ResultBuffer<T> buffer = new ResultBuffer<>(ordered, window);
    ResultDelivery<T> delivery =
        new ResultDelivery<>(decoder, executor, inFlight, buffer, progress, lifecycle);
    RetrySender retries = new RetrySender(backend, executor, scheduler, progress, lifecycle);
    PutSender puts = new PutSender(backend, executor, inFlight, retries, progress, lifecycle);
    FutureTask<Void> pump =
        new FutureTask<>(
            new InputPump(inputs, encoder, first, window, inFlight, puts, lifecycle), null);
    FutureTask<Void> poll =
        new FutureTask<>(
            new OutputPoller(backend, inFlight, delivery, retries, progress, lifecycle), null);
    LostInputCheck lostCheck =
        backend.checksLostInputs()
            ? new LostInputCheck(backend, executor, scheduler, inFlight, retries, lifecycle)
            : null;
    results = buffer;
    lifecycle.attach(buffer, pump, poll, puts, lostCheck);
    executor.execute(pump);
    executor.execute(poll);
    if (lostCheck != null) {
      lostCheck.start();
    }
  }

  /** The id of the remote function call. */
  public String functionCallId() {
    return backend.functionCallId();
  }

  /** The next result, or null after the last one. Throws what ended the map early. */
  public MapResult<T> next() {
    try {
      return results.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      throw new ModalException("interrupted while waiting for map results", e);
    }
  }

  /** Stops the map: cancels the remote call if it has not finished, and stops all threads. */
  @Override
  public void close() {
    lifecycle.shutdown(null);
  }
}
