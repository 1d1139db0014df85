package dev.modal4j.internal.map;

import com.google.protobuf.ByteString;
import dev.modal4j.proto.DataFormat;
import dev.modal4j.proto.FunctionGetOutputsItem;
import dev.modal4j.proto.FunctionRetryPolicy;
import dev.modal4j.proto.GenericResult;
import dev.modal4j.proto.GenericResult.GenericStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A server in a box for pipeline tests: every input's "result" is its argument text echoed back; a
 * seeded fraction of attempts fail with INTERNAL_FAILURE, and some outputs are sent twice.
 */
final class FakeMapBackend implements MapBackend {
  final int maxOutstanding;
  final AtomicInteger outstanding = new AtomicInteger();
  final AtomicInteger maxSeen = new AtomicInteger();
  final AtomicInteger puts = new AtomicInteger();
  final AtomicInteger retried = new AtomicInteger();
  final AtomicBoolean cancelled = new AtomicBoolean();
  final AtomicBoolean acknowledged = new AtomicBoolean();
  private final LinkedBlockingQueue<FunctionGetOutputsItem> outputs = new LinkedBlockingQueue<>();

  /** Inputs resubmitted after their success output was already produced: must stay 0. */
  final AtomicInteger retriedAfterSuccess = new AtomicInteger();

  private final java.util.Set<Integer> succeeded =
      java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final Random random;
  private final double internalFailureRate;
  private final double duplicateRate;
  private final GenericStatus failureStatus;
  private final int policyRetries;
  private final boolean firstAttemptFails;

  FakeMapBackend(int maxOutstanding, long seed, double internalFailureRate) {
    this(
        maxOutstanding,
        seed,
        internalFailureRate,
        0.01,
        GenericStatus.GENERIC_STATUS_INTERNAL_FAILURE,
        0,
        false);
  }

  /**
   * @param duplicateRate fraction of outputs sent twice
   * @param failureStatus the status of a failed attempt
   * @param policyRetries the retries of the function's retry policy
   * @param firstAttemptFails every input's first attempt fails, every retry succeeds
   */
  FakeMapBackend(
      int maxOutstanding,
      long seed,
      double internalFailureRate,
      double duplicateRate,
      GenericStatus failureStatus,
      int policyRetries,
      boolean firstAttemptFails) {
    this.maxOutstanding = maxOutstanding;
    this.random = new Random(seed);
    this.internalFailureRate = internalFailureRate;
    this.duplicateRate = duplicateRate;
    this.failureStatus = failureStatus;
    this.policyRetries = policyRetries;
    this.firstAttemptFails = firstAttemptFails;
  }

  @Override
  public int open() {
    return maxOutstanding;
  }

  @Override
  public synchronized List<String> put(List<MapItem> items) {
    puts.addAndGet(items.size());
    int now = outstanding.addAndGet(items.size());
    maxSeen.accumulateAndGet(now, Math::max);
    List<String> tokens = new ArrayList<>();
    for (MapItem item : items) {
      tokens.add("jwt-" + item.idx + "-0");
      produce(item, 0);
    }
    return tokens;
  }

  @Override
  public synchronized List<String> retry(List<MapItem> items) {
    retried.addAndGet(items.size());
    List<String> tokens = new ArrayList<>();
    for (MapItem item : items) {
      if (succeeded.contains(item.idx)) {
        retriedAfterSuccess.incrementAndGet();
      }
      tokens.add("jwt-" + item.idx + "-" + item.retryCount());
      produce(item, item.retryCount());
    }
    return tokens;
  }

  private void produce(MapItem item, int retryCount) {
    boolean fail = firstAttemptFails ? retryCount == 0 : random.nextDouble() < internalFailureRate;
    GenericResult.Builder result = GenericResult.newBuilder();
    if (fail) {
      result.setStatus(failureStatus).setException("lost worker");
    } else {
      result.setStatus(GenericStatus.GENERIC_STATUS_SUCCESS).setData(item.input.getArgs());
      succeeded.add(item.idx);
      outstanding.decrementAndGet();
    }
    FunctionGetOutputsItem out =
        FunctionGetOutputsItem.newBuilder()
            .setIdx(item.idx)
            .setRetryCount(retryCount)
            .setDataFormat(DataFormat.DATA_FORMAT_CBOR)
            .setResult(result)
            .build();
    outputs.add(out);
    if (random.nextDouble() < duplicateRate) {
      outputs.add(out);
    }
  }

  @Override
  public List<FunctionGetOutputsItem> await(Duration timeout, List<MapItem> waiting) {
    List<FunctionGetOutputsItem> batch = new ArrayList<>();
    try {
      FunctionGetOutputsItem first = outputs.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (first != null) {
        batch.add(first);
        outputs.drainTo(batch, 999);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new dev.modal4j.ModalException("interrupted", e);
    }
    return batch;
  }

  @Override
  public List<Boolean> checkLost(List<MapItem> waiting) {
    return List.of();
  }

  @Override
  public boolean checksLostInputs() {
    return false;
  }

  @Override
  public FunctionRetryPolicy retryPolicy() {
    return FunctionRetryPolicy.newBuilder()
        .setRetries(policyRetries)
        .setInitialDelayMs(1)
        .setBackoffCoefficient(1)
        .build();
  }

  @Override
  public boolean clientRetriesEnabled() {
    return true;
  }

  @Override
  public String functionCallId() {
    return "fc-fake";
  }

  @Override
  public void cancel() {
    cancelled.set(true);
  }

  @Override
  public void acknowledge() {
    acknowledged.set(true);
  }

  static ByteString text(Object o) {
    return ByteString.copyFrom(String.valueOf(o), StandardCharsets.UTF_8);
  }
}
