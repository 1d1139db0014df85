package dev.modal4j.functions;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A function's autoscaler settings as Modal reports them after {@link
 * Function#updateAutoscaler(UpdateAutoscalerParams)}; values Modal did not report are empty.
 */
public final class AutoscalerSettings {
  private final Integer minContainers;
  private final Integer maxContainers;
  private final Integer bufferContainers;
  private final Duration scaledownWindow;

  /** Creates the settings; null means "not reported". */
  public AutoscalerSettings(
      Integer minContainers,
      Integer maxContainers,
      Integer bufferContainers,
      Duration scaledownWindow) {
    this.minContainers = minContainers;
    this.maxContainers = maxContainers;
    this.bufferContainers = bufferContainers;
    this.scaledownWindow = scaledownWindow;
  }

  /** Containers kept warm at all times. */
  public OptionalInt minContainers() {
    return minContainers == null ? OptionalInt.empty() : OptionalInt.of(minContainers);
  }

  /** The most containers the function may run. */
  public OptionalInt maxContainers() {
    return maxContainers == null ? OptionalInt.empty() : OptionalInt.of(maxContainers);
  }

  /** Idle containers kept ready beyond current demand. */
  public OptionalInt bufferContainers() {
    return bufferContainers == null ? OptionalInt.empty() : OptionalInt.of(bufferContainers);
  }

  /** How long an idle container lives before scale-down. */
  public Optional<Duration> scaledownWindow() {
    return Optional.ofNullable(scaledownWindow);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof AutoscalerSettings)) {
      return false;
    }
    AutoscalerSettings s = (AutoscalerSettings) o;
    return java.util.Objects.equals(minContainers, s.minContainers)
        && java.util.Objects.equals(maxContainers, s.maxContainers)
        && java.util.Objects.equals(bufferContainers, s.bufferContainers)
        && java.util.Objects.equals(scaledownWindow, s.scaledownWindow);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(minContainers, maxContainers, bufferContainers, scaledownWindow);
  }

  @Override
  public String toString() {
    return "AutoscalerSettings{minContainers="
        + minContainers
        + ", maxContainers="
        + maxContainers
        + ", bufferContainers="
        + bufferContainers
        + ", scaledownWindow="
        + scaledownWindow
        + "}";
  }
}
