package dev.modal4j.testing.functions;

import java.util.Random;

/**
 * Result-level faults the functions areas inject: INTERNAL_FAILURE results, inputs lost on the
 * input plane, and generator data streams dropped mid-way. Decisions draw from {@link #random()},
 * which must be seeded for runs to repeat.
 */
public interface FunctionFaults {

  /** Fraction of input attempts answered with INTERNAL_FAILURE instead of running. */
  double internalFailureRate();

  /** If true only first attempts fail, so a retried input always runs. */
  boolean internalFailureFirstAttemptOnly();

  /** Fraction of input-plane map attempts the server loses (MapCheckInputs reports them). */
  double lostInputRate();

  /** Fraction of FunctionCallGetDataOut streams ended with UNAVAILABLE after some items. */
  double dropStreamRate();

  /** The seeded random source all decisions use. */
  Random random();

  /** Faults that never fire. */
  static FunctionFaults none() {
    return SeededFunctionFaults.create(0);
  }
}
