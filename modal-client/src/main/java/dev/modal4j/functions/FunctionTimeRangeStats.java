package dev.modal4j.functions;

import dev.modal4j.internal.Args;
import java.time.Instant;
import java.util.Map;

/**
 * Historical statistics of a function over a time range, from {@link Function#stats()}: inputs that
 * finished in the range by outcome, and percentile distributions of their timings.
 *
 * @param since inclusive start of the range
 * @param until exclusive end of the range
 * @param inputSuccessCount inputs that succeeded in the range
 * @param inputFailureCount inputs that failed in the range
 * @param inputTimeoutCount inputs that timed out in the range
 * @param inputRunningAtEndCount inputs started but not finished at {@code until}
 * @param containerStartedCount containers started in the range
 * @param containerErrorCount containers that failed in the range
 * @param containerCreatingAtEndCount containers still being created at {@code until}
 * @param variantCount parametrized variants counted (0 unless {@code allVariants})
 * @param inputPercentileStats distributions keyed by metric, e.g. {@code execution_time}, {@code
 *     end_to_end_latency}
 * @param containerPercentileStats distributions keyed by metric, e.g. {@code cpu_usage}
 * @param allVariants whether the variants were counted together
 */
public record FunctionTimeRangeStats(
    Instant since,
    Instant until,
    long inputSuccessCount,
    long inputFailureCount,
    long inputTimeoutCount,
    long inputRunningAtEndCount,
    long containerStartedCount,
    long containerErrorCount,
    long containerCreatingAtEndCount,
    int variantCount,
    Map<String, StatsPercentileDistribution> inputPercentileStats,
    Map<String, StatsPercentileDistribution> containerPercentileStats,
    boolean allVariants) {
  /** Copies the maps. */
  public FunctionTimeRangeStats {
    Args.notNull(since, "since");
    Args.notNull(until, "until");
    inputPercentileStats = Map.copyOf(Args.notNull(inputPercentileStats, "inputPercentileStats"));
    containerPercentileStats =
        Map.copyOf(Args.notNull(containerPercentileStats, "containerPercentileStats"));
  }

  /** All inputs that finished in the range: successes, failures and timeouts. */
  public long inputFinishedCount() {
    return inputSuccessCount + inputFailureCount + inputTimeoutCount;
  }
}
