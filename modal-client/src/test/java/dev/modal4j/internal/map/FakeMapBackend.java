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
  private final Random random;
  private final double internalFailureRate;

  FakeMapBackend(int maxOutstanding, long seed, double internalFailureRate) {
    this.maxOutstanding = maxOutstanding;
    this.random = new Random(seed);
    this.internalFailureRate = internalFailureRate;
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
      tokens.add("jwt-" + item.idx + "-" + item.retryCount);
      produce(item, item.retryCount);
    }
    return tokens;
  }

  private void produce(MapItem item, int retryCount) {
    boolean fail = random.nextDouble() < internalFailureRate;
    GenericResult.Builder result = GenericResult.newBuilder();
    if (fail) {
      result.setStatus(GenericStatus.GENERIC_STATUS_INTERNAL_FAILURE).setException("lost worker");
    } else {
      result.setStatus(GenericStatus.GENERIC_STATUS_SUCCESS).setData(item.input.getArgs());
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
    if (random.nextDouble() < 0.01) {
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
    return FunctionRetryPolicy.newBuilder().setRetries(0).build();
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
