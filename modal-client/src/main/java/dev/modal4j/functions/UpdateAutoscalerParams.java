package dev.modal4j.functions;

import dev.modal4j.InvalidException;
import dev.modal4j.internal.Args;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Autoscaler overrides for {@link Function#updateAutoscaler(UpdateAutoscalerParams)}. Unset values
 * keep the current setting; a later deploy resets all overrides.
 *
 * <pre>{@code
 * fn.updateAutoscaler(UpdateAutoscalerParams.builder()
 *     .minContainers(1).maxContainers(10).scaledownWindow(Duration.ofMinutes(5)).build());
 * }</pre>
 */
public final class UpdateAutoscalerParams {
  private final Integer minContainers;
  private final Integer maxContainers;
  private final Integer bufferContainers;
  private final Duration scaledownWindow;

  private UpdateAutoscalerParams(Builder b) {
    this.minContainers = b.minContainers;
    this.maxContainers = b.maxContainers;
    this.bufferContainers = b.bufferContainers;
    this.scaledownWindow = b.scaledownWindow;
  }

  /** A new builder with nothing set. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.minContainers = minContainers;
    b.maxContainers = maxContainers;
    b.bufferContainers = bufferContainers;
    b.scaledownWindow = scaledownWindow;
    return b;
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

  /** How long an idle container lives before scale-down (whole seconds are sent). */
  public Optional<Duration> scaledownWindow() {
    return Optional.ofNullable(scaledownWindow);
  }

  @Override
  public String toString() {
    return "UpdateAutoscalerParams{minContainers="
        + minContainers
        + ", maxContainers="
        + maxContainers
        + ", bufferContainers="
        + bufferContainers
        + ", scaledownWindow="
        + scaledownWindow
        + "}";
  }

  /** Builder of {@link UpdateAutoscalerParams}. */
  public static final class Builder {
    private Integer minContainers;
    private Integer maxContainers;
    private Integer bufferContainers;
    private Duration scaledownWindow;

    private Builder() {}

    /** Containers kept warm at all times (0 or more). */
    public Builder minContainers(int n) {
      this.minContainers = nonNegative("minContainers", n);
      return this;
    }

    /** The most containers the function may run (0 or more). */
    public Builder maxContainers(int n) {
      this.maxContainers = nonNegative("maxContainers", n);
      return this;
    }

    /** Idle containers kept ready beyond current demand (0 or more). */
    public Builder bufferContainers(int n) {
      this.bufferContainers = nonNegative("bufferContainers", n);
      return this;
    }

    /** How long an idle container lives before scale-down: at least 1 second. */
    public Builder scaledownWindow(Duration scaledownWindow) {
      Args.notNull(scaledownWindow, "scaledownWindow");
      if (scaledownWindow.compareTo(Duration.ofSeconds(1)) < 0) {
        throw new InvalidException(
            "scaledownWindow must be at least 1 second, got " + scaledownWindow);
      }
      if (scaledownWindow.getSeconds() > 0xFFFF_FFFFL) {
        throw new InvalidException("scaledownWindow is too long: " + scaledownWindow);
      }
      this.scaledownWindow = scaledownWindow;
      return this;
    }

    /**
     * The immutable params.
     *
     * @throws InvalidException if minContainers is greater than maxContainers
     */
    public UpdateAutoscalerParams build() {
      if (minContainers != null && maxContainers != null && minContainers > maxContainers) {
        throw new InvalidException(
            "minContainers (" + minContainers + ") exceeds maxContainers (" + maxContainers + ")");
      }
      return new UpdateAutoscalerParams(this);
    }

    private static int nonNegative(String name, int n) {
      if (n < 0) {
        throw new InvalidException(name + " must be 0 or more, got " + n);
      }
      return n;
    }
  }
}
