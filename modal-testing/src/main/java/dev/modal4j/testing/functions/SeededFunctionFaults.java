package dev.modal4j.testing.functions;

import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/** A settable {@link FunctionFaults}, deterministic for its seed. Thread-safe. */
public final class SeededFunctionFaults implements FunctionFaults {
  private final long seed;
  private final Map<String, Random> streams = new ConcurrentHashMap<>();
  private volatile double internalFailureRate;
  private volatile boolean firstAttemptOnly = true;
  private volatile double lostInputRate;
  private volatile double dropStreamRate;

  private SeededFunctionFaults(long seed) {
    this.seed = seed;
  }

  /** Creates faults with all rates at 0, drawing from a random source seeded with {@code seed}. */
  public static SeededFunctionFaults create(long seed) {
    return new SeededFunctionFaults(seed);
  }

  /** Sets the INTERNAL_FAILURE rate and whether it applies to first attempts only. */
  public SeededFunctionFaults internalFailures(double rate, boolean firstAttemptOnly) {
    this.internalFailureRate = checkRate(rate);
    this.firstAttemptOnly = firstAttemptOnly;
    return this;
  }

  /** Sets the rate of lost input-plane map attempts. */
  public SeededFunctionFaults lostInputs(double rate) {
    this.lostInputRate = checkRate(rate);
    return this;
  }

  /** Sets the rate of dropped generator data streams. */
  public SeededFunctionFaults droppedStreams(double rate) {
    this.dropStreamRate = checkRate(rate);
    return this;
  }

  @Override
  public double internalFailureRate() {
    return internalFailureRate;
  }

  @Override
  public boolean internalFailureFirstAttemptOnly() {
    return firstAttemptOnly;
  }

  @Override
  public double lostInputRate() {
    return lostInputRate;
  }

  @Override
  public double dropStreamRate() {
    return dropStreamRate;
  }

  @Override
  public Random random(String stream) {
    return streams.computeIfAbsent(stream, s -> new Random(seed * 31 + s.hashCode()));
  }

  private static double checkRate(double rate) {
    if (!(rate >= 0.0 && rate <= 1.0)) {
      throw new IllegalArgumentException("rate must be within [0, 1], got " + rate);
    }
    return rate;
  }
}
