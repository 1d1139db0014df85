package dev.modal4j.sandboxes;

import dev.modal4j.internal.Args;
import java.time.Duration;
import java.util.Optional;

/**
 * What a sandbox has used so far, from {@link Sandbox#resourceUsage()}: Modal's
 * SandboxGetResourceUsage figures, which are integrals over the sandbox's life (what billing
 * counts), not a current load.
 *
 * @param cpuCoreNanos CPU time used, in core-nanoseconds (one core busy for one second is 10^9)
 * @param memoryGibNanos memory used over time, in GiB-nanoseconds (1 GiB held for one second is
 *     10^9)
 * @param gpuNanos GPU time used, in nanoseconds (0 without a GPU)
 * @param gpuType the GPU type the GPU time was on, if any
 */
public record ResourceUsage(
    long cpuCoreNanos, long memoryGibNanos, long gpuNanos, Optional<String> gpuType) {

  /**
   * Checks the GPU type is not null.
   *
   * @throws dev.modal4j.InvalidException if {@code gpuType} is null
   */
  public ResourceUsage {
    Args.notNull(gpuType, "gpuType");
  }

  /** The CPU time used, as a duration of one core's time. */
  public Duration cpuTime() {
    return Duration.ofNanos(cpuCoreNanos);
  }

  /** The CPU time used, in core-seconds. */
  public double cpuCoreSeconds() {
    return cpuCoreNanos / 1e9;
  }

  /** The memory used over time, in GiB-seconds. */
  public double memoryGibSeconds() {
    return memoryGibNanos / 1e9;
  }

  /** The GPU time used. */
  public Duration gpuTime() {
    return Duration.ofNanos(gpuNanos);
  }
}
