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
  private final Map<String, LongAdder> executions = new ConcurrentHashMap<>();
  private final LongAdder totalExecutions = new LongAdder();
  private final LongAdder replays = new LongAdder();

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

  /**
   * How many times each input's handler actually ran, by input id ({@code in-...}), for the inputs
   * of calls that have not expired (see {@link ModalEmulator.Builder#callTtl}). An attempt answered
   * by an injected fault does not count. Two submissions of the same request show up as two inputs;
   * a retried input that ran again shows up as a count above one.
   */
  public Map<String, Long> executions() {
    Map<String, Long> out = new TreeMap<>();
    executions.forEach((input, adder) -> out.put(input, adder.sum()));
    return out;
  }

  /** How many times the handler of input {@code inputId} ran (0 if unknown or expired). */
  public long executions(String inputId) {
    LongAdder adder = executions.get(inputId);
    return adder == null ? 0 : adder.sum();
  }

  /** How many times any handler ran in all, including inputs of calls that have since expired. */
  public long totalExecutions() {
    return totalExecutions.sum();
  }

  /**
   * How many calls were answered from the idempotency cache (a retry carrying the {@code
   * x-idempotency-key} of a call already served or being served) instead of being served again.
   */
  public long replayedCalls() {
    return replays.sum();
  }

  /** Forgets every count, recorded call and execution count. */
  public void reset() {
    counts.clear();
    recent.clear();
    recentSize.set(0);
    executions.clear();
    totalExecutions.reset();
    replays.reset();
  }

  void recordExecution(String inputId) {
    executions.computeIfAbsent(inputId, k -> new LongAdder()).increment();
    totalExecutions.increment();
  }

  void forgetExecutions(List<String> inputIds) {
    inputIds.forEach(executions::remove);
  }

  void recordReplay() {
    replays.increment();
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
