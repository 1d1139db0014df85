package dev.modal4j.internal.map;

import dev.modal4j.ClientClosedException;
import dev.modal4j.InternalFailureException;
import dev.modal4j.ModalException;
import dev.modal4j.functions.MapProgress;
import dev.modal4j.functions.MapProgressListener;
import dev.modal4j.functions.MapResult;
import dev.modal4j.proto.FunctionGetOutputsItem;
import dev.modal4j.proto.FunctionInput;
import dev.modal4j.proto.GenericResult.GenericStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one map: a pump thread reads inputs lazily and sends them in batches of 49, a poller thread
 * long-polls outputs, failed attempts are resubmitted by the retry rules of Modal's SDKs
 * (functions.md §7.3/§7.4), and the consumer takes results in input order or as they come.
 *
 * <p>Never more than the server's {@code max_inputs_outstanding} inputs are in flight or waiting
 * for the consumer (see {@link ResultBuffer}), so memory is bounded whatever the input count.
 * {@link #close()} before the end cancels the remote call and stops reading inputs.
 */
public final class MapPipeline<T> implements AutoCloseable {
  static final int BATCH_SIZE = 49;
  static final int MAX_SYSTEM_RETRIES = 8;
  private static final int WINDOW_FACTOR = 10;
  private static final int MIN_WINDOW = 1_000;
  private static final Duration POLL_WAIT = Duration.ofSeconds(55);
  private static final long SEND_TOKENS_AFTER_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final Duration LOST_CHECK_INTERVAL = Duration.ofSeconds(1);
  private static final int BLOB_DECODE_PARALLELISM = 20;
  static final int MAX_CONCURRENT_PUTS = 8;
  private static final Logger log = LoggerFactory.getLogger(MapPipeline.class);

  private final MapBackend backend;
  private final Iterator<? extends List<?>> inputs;
  private final InputEncoder encoder;
  private final OutputDecoder<T> decoder;
  private final MapProgressListener listener;
  private final Executor executor;
  private final ScheduledExecutorService scheduler;
  private final boolean ordered;

  private final ConcurrentHashMap<Integer, MapItem> inFlight = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<MapItem> retryReady = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean retrySenderRunning = new AtomicBoolean();
  private final Semaphore blobDecodes = new Semaphore(BLOB_DECODE_PARALLELISM);
  private final Semaphore putPermits = new Semaphore(MAX_CONCURRENT_PUTS);
  private final java.util.Set<FutureTask<Void>> putTasks = ConcurrentHashMap.newKeySet();
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong completed = new AtomicLong();
  private final AtomicLong retries = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final AtomicBoolean finished = new AtomicBoolean();
  private final Object lifecycle = new Object();

  /** Inputs sent and not yet finished on the server: at most max_inputs_outstanding. */
  private Semaphore slots;

  /** Inputs read and not yet taken by the consumer: bounds memory while results wait in order. */
  private Semaphore window;

  private ResultBuffer<T> results;
  private FutureTask<Void> pumpTask;
  private FutureTask<Void> pollTask;
  private ScheduledFuture<?> lostCheck;
  private FunctionInput firstInput;
  private volatile boolean closed;
  private volatile boolean inputsDone;
  private volatile int inputsRead;

  /**
   * A pipeline that reads {@code inputs} lazily, encodes them and submits them through {@code
   * backend}.
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
    this.backend = backend;
    this.inputs = inputs;
    this.encoder = encoder;
    this.decoder = decoder;
    this.listener = listener;
    this.executor = executor;
    this.scheduler = scheduler;
    this.ordered = orderOutputs;
  }

  /**
   * Encodes the first input (so bad input fails before any RPC), opens the call, and starts the
   * pump and the poller. Throws what opening the call threw.
   */
  public void start() {
    if (inputs.hasNext()) {
      firstInput = encoder.encode(inputs.next());
    }
    int maxOutstanding = backend.open();
    slots = new Semaphore(Math.max(1, maxOutstanding));
    window = new Semaphore(Math.max(MIN_WINDOW, WINDOW_FACTOR * Math.max(1, maxOutstanding)));
    results = new ResultBuffer<>(ordered, window);
    pumpTask = new FutureTask<>(this::pump, null);
    pollTask = new FutureTask<>(this::poll, null);
    executor.execute(pumpTask);
    executor.execute(pollTask);
    if (backend.checksLostInputs()) {
      long ms = LOST_CHECK_INTERVAL.toMillis();
      lostCheck =
          scheduler.scheduleWithFixedDelay(
              () -> executor.execute(this::checkLost), ms, ms, TimeUnit.MILLISECONDS);
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
    shutdown(null);
  }

  private void pump() {
    int idx = 0;
    try {
      boolean exhausted = firstInput == null;
      while (!closed && !exhausted) {
        window.acquire();
        slots.acquire();
        List<MapItem> batch = new ArrayList<>(BATCH_SIZE);
        if (firstInput != null) {
          batch.add(new MapItem(idx++, firstInput));
          firstInput = null;
        } else if (inputs.hasNext()) {
          batch.add(new MapItem(idx++, encoder.encode(inputs.next())));
        } else {
          slots.release();
          window.release();
          break;
        }
        while (batch.size() < BATCH_SIZE && !closed && tryAcquireBoth()) {
          if (!inputs.hasNext()) {
            slots.release();
            window.release();
            exhausted = true;
            break;
          }
          batch.add(new MapItem(idx++, encoder.encode(inputs.next())));
        }
        inputsRead = idx;
        if (!exhausted && !inputs.hasNext()) {
          exhausted = true;
        }
        if (closed) {
          break;
        }
        sendAsync(batch);
      }
      if (!closed) {
        inputsRead = idx;
        inputsDone = true;
        // Finish before the consumer can see the end, so its close() never cancels a done call.
        maybeFinish();
        results.setTotal(idx);
        progress();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      fail(e, "reading or sending map inputs failed");
    }
  }

  private boolean tryAcquireBoth() {
    if (!window.tryAcquire()) {
      return false;
    }
    if (!slots.tryAcquire()) {
      window.release();
      return false;
    }
    return true;
  }

  /**
   * Sends a batch on another thread, so that several FunctionPutInputs are in flight at once (the
   * pump is not held to one round trip per 49 inputs); bounded by {@link #MAX_CONCURRENT_PUTS}.
   */
  private void sendAsync(List<MapItem> batch) throws InterruptedException {
    putPermits.acquire();
    FutureTask<Void> task =
        new FutureTask<>(
            () -> {
              try {
                send(batch);
              } catch (RuntimeException e) {
                fail(e, "sending map inputs failed");
              } finally {
                putPermits.release();
              }
            },
            null);
    putTasks.add(task);
    try {
      executor.execute(
          () -> {
            try {
              task.run();
            } finally {
              putTasks.remove(task);
            }
          });
    } catch (RuntimeException e) {
      putTasks.remove(task);
      putPermits.release();
      throw e;
    }
  }

  private void send(List<MapItem> batch) {
    for (MapItem item : batch) {
      inFlight.put(item.idx, item);
    }
    List<String> tokens = backend.put(batch);
    long now = System.nanoTime();
    for (int i = 0; i < batch.size(); i++) {
      MapItem item = batch.get(i);
      Duration deferred;
      synchronized (item) {
        item.token = i < tokens.size() ? tokens.get(i) : "";
        item.waitingSinceNanos = now;
        if (item.state == MapItem.State.SENDING) {
          item.state = MapItem.State.WAITING;
        }
        deferred = item.retryOnceSent;
        item.retryOnceSent = null;
      }
      if (deferred != null) {
        scheduleRetry(item, deferred);
      }
    }
    sent.addAndGet(batch.size());
    progress();
  }

  private void poll() {
    try {
      while (!closed && !finished.get()) {
        List<FunctionGetOutputsItem> outputs = backend.await(POLL_WAIT, tokensToSend());
        for (FunctionGetOutputsItem out : outputs) {
          handle(out);
        }
        if (!outputs.isEmpty()) {
          progress();
        }
      }
    } catch (RuntimeException e) {
      if (!closed && !finished.get()) {
        fail(e, "reading map outputs failed");
      }
    }
  }

  private List<MapItem> tokensToSend() {
    long now = System.nanoTime();
    List<MapItem> waiting = new ArrayList<>();
    for (MapItem item : inFlight.values()) {
      if (item.state == MapItem.State.WAITING
          && now - item.waitingSinceNanos >= SEND_TOKENS_AFTER_NANOS) {
        waiting.add(item);
      }
    }
    return waiting;
  }

  private void handle(FunctionGetOutputsItem out) {
    MapItem item = inFlight.get(out.getIdx());
    if (item == null || item.state == MapItem.State.COMPLETE) {
      return;
    }
    if (out.getRetryCount() != item.retryCount) {
      return;
    }
    GenericStatus status = out.getResult().getStatus();
    if (status == GenericStatus.GENERIC_STATUS_SUCCESS
        || status == GenericStatus.GENERIC_STATUS_TERMINATED
        || !backend.clientRetriesEnabled()) {
      complete(item, out);
      return;
    }
    if (status == GenericStatus.GENERIC_STATUS_INTERNAL_FAILURE) {
      if (item.systemRetries >= MAX_SYSTEM_RETRIES) {
        complete(item, out);
      } else {
        item.systemRetries++;
        scheduleRetry(item, Duration.ZERO);
      }
      return;
    }
    Duration delay = RetryDelays.delay(backend.retryPolicy(), item.policyRetries + 1);
    if (delay == null) {
      complete(item, out);
      return;
    }
    item.policyRetries++;
    scheduleRetry(item, delay);
  }

  private void scheduleRetry(MapItem item, Duration delay) {
    synchronized (item) {
      if (item.state == MapItem.State.SENDING) {
        item.retryOnceSent = delay;
        return;
      }
      item.state = MapItem.State.WAITING_TO_RETRY;
    }
    retries.incrementAndGet();
    if (delay.isZero()) {
      retryReady.add(item);
      kickRetrySender();
    } else {
      scheduler.schedule(
          () -> {
            retryReady.add(item);
            kickRetrySender();
          },
          delay.toMillis(),
          TimeUnit.MILLISECONDS);
    }
  }

  private void kickRetrySender() {
    if (!closed && retrySenderRunning.compareAndSet(false, true)) {
      executor.execute(this::sendRetries);
    }
  }

  private void sendRetries() {
    try {
      while (!closed) {
        List<MapItem> batch = new ArrayList<>(BATCH_SIZE);
        MapItem item;
        while (batch.size() < BATCH_SIZE && (item = retryReady.poll()) != null) {
          if (item.state == MapItem.State.WAITING_TO_RETRY) {
            item.retryCount++;
            item.state = MapItem.State.RETRYING;
            batch.add(item);
          }
        }
        if (batch.isEmpty()) {
          break;
        }
        List<String> tokens = backend.retry(batch);
        long now = System.nanoTime();
        for (int i = 0; i < batch.size(); i++) {
          MapItem m = batch.get(i);
          if (i < tokens.size()) {
            m.token = tokens.get(i);
          }
          m.waitingSinceNanos = now;
          if (m.state == MapItem.State.RETRYING) {
            m.state = MapItem.State.WAITING;
          }
        }
        progress();
      }
    } catch (RuntimeException e) {
      fail(e, "resubmitting failed map inputs failed");
    } finally {
      retrySenderRunning.set(false);
      if (!retryReady.isEmpty()) {
        kickRetrySender();
      }
    }
  }

  private void checkLost() {
    if (closed || finished.get()) {
      return;
    }
    try {
      List<MapItem> waiting = new ArrayList<>();
      for (MapItem item : inFlight.values()) {
        if (item.state == MapItem.State.WAITING) {
          waiting.add(item);
        }
      }
      if (waiting.isEmpty()) {
        return;
      }
      List<Boolean> lost = backend.checkLost(waiting);
      for (int i = 0; i < waiting.size() && i < lost.size(); i++) {
        MapItem item = waiting.get(i);
        if (lost.get(i) && item.state == MapItem.State.WAITING) {
          if (item.systemRetries >= MAX_SYSTEM_RETRIES) {
            fail(
                new InternalFailureException(
                    "input " + item.idx + " was lost " + item.systemRetries + " times"),
                "map input lost");
            return;
          }
          item.systemRetries++;
          scheduleRetry(item, Duration.ZERO);
        }
      }
    } catch (RuntimeException e) {
      if (!closed && !finished.get()) {
        log.debug("lost-input check failed; will check again", e);
      }
    }
  }

  private void complete(MapItem item, FunctionGetOutputsItem out) {
    item.state = MapItem.State.COMPLETE;
    if (out.getResult().hasDataBlobId()) {
      blobDecodes.acquireUninterruptibly();
      executor.execute(
          () -> {
            try {
              deliver(item.idx, out);
            } finally {
              blobDecodes.release();
            }
          });
    } else {
      deliver(item.idx, out);
    }
  }

  private void deliver(int idx, FunctionGetOutputsItem out) {
    MapResult<T> result;
    try {
      result = MapResult.success(idx, decoder.decode(out));
    } catch (ModalException e) {
      failures.incrementAndGet();
      result = MapResult.failure(idx, e);
    } catch (RuntimeException e) {
      failures.incrementAndGet();
      result = MapResult.failure(idx, new ModalException("decoding output " + idx + " failed", e));
    }
    inFlight.remove(idx);
    slots.release();
    completed.incrementAndGet();
    maybeFinish();
    results.put(idx, result);
  }

  private void maybeFinish() {
    if (inputsDone && completed.get() >= inputsRead && finished.compareAndSet(false, true)) {
      progress();
      synchronized (lifecycle) {
        if (lostCheck != null) {
          lostCheck.cancel(false);
        }
      }
      if (pollTask != null && !pollTask.isDone()) {
        pollTask.cancel(true);
      }
      executor.execute(backend::acknowledge);
    }
  }

  private void fail(RuntimeException e, String what) {
    if (closed) {
      return;
    }
    log.debug("map {} stopping: {}", backend.functionCallId(), what, e);
    RuntimeException surfaced =
        e instanceof ModalException ? e : new ModalException(what + ": " + e, e);
    results.fail(surfaced);
    shutdown(surfaced);
  }

  private void shutdown(RuntimeException cause) {
    synchronized (lifecycle) {
      if (closed) {
        return;
      }
      closed = true;
      if (lostCheck != null) {
        lostCheck.cancel(false);
      }
    }
    if (pumpTask != null) {
      pumpTask.cancel(true);
    }
    for (FutureTask<Void> put : putTasks) {
      put.cancel(true);
    }
    if (pollTask != null) {
      pollTask.cancel(true);
    }
    if (!finished.get() && slots != null) {
      backend.cancel();
    }
    if (results != null && cause == null) {
      results.fail(new ClientClosedException("the map was closed"));
    }
  }

  private void progress() {
    if (listener == null) {
      return;
    }
    try {
      listener.onProgress(
          new MapProgress(sent.get(), completed.get(), retries.get(), failures.get(), inputsDone));
    } catch (RuntimeException e) {
      log.warn("map progress listener threw; ignoring", e);
    }
  }
}
