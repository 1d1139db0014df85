package dev.modal4j.testing.functions;

import dev.modal4j.testing.Faults;
import java.util.Random;

/**
 * Result-level faults the functions areas inject: INTERNAL_FAILURE results, inputs lost on the
 * input plane, and generator data streams dropped mid-way. Decisions draw from {@link
 * #random(String)} streams, which must be seeded for runs to repeat.
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

  /** The seeded random stream for one kind of decision (e.g. "internal-failure"). */
  Random random(String stream);

  /** Faults that never fire. */
  static FunctionFaults none() {
    return SeededFunctionFaults.create(0);
  }

  /** The result-level knobs of the emulator's {@link Faults}; only first attempts fail. */
  static FunctionFaults from(Faults faults) {
    return new FunctionFaults() {
      @Override
      public double internalFailureRate() {
        return faults.internalFailureRate();
      }

      @Override
      public boolean internalFailureFirstAttemptOnly() {
        return true;
      }

      @Override
      public double lostInputRate() {
        return faults.lostInputRate();
      }

      @Override
      public double dropStreamRate() {
        return faults.dropStreamRate();
      }

      @Override
      public Random random(String stream) {
        return faults.random(stream);
      }
    };
  }
}
