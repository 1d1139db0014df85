package dev.modal4j.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the emulator has been asked: per-RPC call counts (every call received, including those
 * refused or failed by faults) and the most recent calls with their headers.
 *
 * <pre>{@code
 * assertThat(emulator.stats().count("AuthTokenGet")).isEqualTo(1);
 * assertThat(emulator.stats().calls("FunctionMap").get(0).header("x-idempotency-key")).isPresent();
 * }</pre>
 */
public final class EmulatorStats {
  private final int capacity;
  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
  private final ConcurrentLinkedDeque<RecordedCall> recent = new ConcurrentLinkedDeque<>();
  private final AtomicInteger recentSize = new AtomicInteger();

  EmulatorStats(int capacity) {
    this.capacity = capacity;
  }

  /** How many calls to {@code rpc} (bare name) were received. */
  public long count(String rpc) {
    LongAdder adder = counts.get(rpc);
    return adder == null ? 0 : adder.sum();
  }

  /** How many calls were received in all. */
  public long total() {
    return counts.values().stream().mapToLong(LongAdder::sum).sum();
  }

  /** Call counts by RPC name, sorted by name. */
  public Map<String, Long> counts() {
    Map<String, Long> out = new TreeMap<>();
    counts.forEach((rpc, adder) -> out.put(rpc, adder.sum()));
    return out;
  }

  /** The most recent calls (up to the recording capacity), oldest first. */
  public List<RecordedCall> calls() {
    return new ArrayList<>(recent);
  }

  /** The most recent calls to {@code rpc}, oldest first. */
  public List<RecordedCall> calls(String rpc) {
    return recent.stream().filter(c -> c.rpc().equals(rpc)).toList();
  }

  /** Forgets every count and recorded call. */
  public void reset() {
    counts.clear();
    recent.clear();
    recentSize.set(0);
  }

  void record(RecordedCall call) {
    counts.computeIfAbsent(call.rpc(), k -> new LongAdder()).increment();
    if (capacity <= 0) {
      return;
    }
    recent.addLast(call);
    if (recentSize.incrementAndGet() > capacity && recent.pollFirst() != null) {
      recentSize.decrementAndGet();
    }
  }
}
