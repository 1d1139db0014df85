package dev.modal4j.testing.functions;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Deployment settings of an emulated function: payload size limits, accepted input formats, retry
 * policy, backpressure, timeout, and whether it is served through the input plane.
 *
 * <pre>{@code
 * FunctionSpec spec = FunctionSpec.builder().maxObjectSizeBytes(1024).retries(2).build();
 * app.function("small", handler, spec);
 * }</pre>
 */
public final class FunctionSpec {
  private static final FunctionSpec DEFAULTS = builder().build();

  private final OptionalLong maxObjectSizeBytes;
  private final OptionalLong maxAsyncObjectSizeBytes;
  private final List<PayloadFormat> inputFormats;
  private final int retries;
  private final Duration retryInitialDelay;
  private final double retryBackoffCoefficient;
  private final Duration retryMaxDelay;
  private final int maxInputsOutstanding;
  private final Optional<Duration> timeout;
  private final boolean inputPlane;

  private FunctionSpec(Builder b) {
    this.maxObjectSizeBytes = b.maxObjectSizeBytes;
    this.maxAsyncObjectSizeBytes = b.maxAsyncObjectSizeBytes;
    this.inputFormats = List.copyOf(b.inputFormats);
    this.retries = b.retries;
    this.retryInitialDelay = b.retryInitialDelay;
    this.retryBackoffCoefficient = b.retryBackoffCoefficient;
    this.retryMaxDelay = b.retryMaxDelay;
    this.maxInputsOutstanding = b.maxInputsOutstanding;
    this.timeout = b.timeout;
    this.inputPlane = b.inputPlane;
  }

  /** The default settings: PICKLE and CBOR inputs, Modal's size limits, no retries. */
  public static FunctionSpec defaults() {
    return DEFAULTS;
  }

  /** Starts a builder with the default settings. */
  public static Builder builder() {
    return new Builder();
  }

  /** Starts a builder holding these settings. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.maxObjectSizeBytes = maxObjectSizeBytes;
    b.maxAsyncObjectSizeBytes = maxAsyncObjectSizeBytes;
    b.inputFormats = inputFormats;
    b.retries = retries;
    b.retryInitialDelay = retryInitialDelay;
    b.retryBackoffCoefficient = retryBackoffCoefficient;
    b.retryMaxDelay = retryMaxDelay;
    b.maxInputsOutstanding = maxInputsOutstanding;
    b.timeout = timeout;
    b.inputPlane = inputPlane;
    return b;
  }

  /** Inline payload cap advertised in the metadata; absent means Modal's default of 2 MiB. */
  public OptionalLong maxObjectSizeBytes() {
    return maxObjectSizeBytes;
  }

  /** Inline cap for spawned (ASYNC) calls; absent means Modal's default of 8 KiB. */
  public OptionalLong maxAsyncObjectSizeBytes() {
    return maxAsyncObjectSizeBytes;
  }

  /** Input formats listed in {@code supported_input_formats}. */
  public List<PayloadFormat> inputFormats() {
    return inputFormats;
  }

  /** Retries in the function's retry policy (0 = none). */
  public int retries() {
    return retries;
  }

  /** First retry delay of the retry policy. */
  public Duration retryInitialDelay() {
    return retryInitialDelay;
  }

  /** Backoff coefficient of the retry policy. */
  public double retryBackoffCoefficient() {
    return retryBackoffCoefficient;
  }

  /** Maximum retry delay of the retry policy. */
  public Duration retryMaxDelay() {
    return retryMaxDelay;
  }

  /** How many unfinished inputs one call may have before FunctionPutInputs is refused. */
  public int maxInputsOutstanding() {
    return maxInputsOutstanding;
  }

  /** Execution timeout of one input; an input running longer gets a TIMEOUT result. */
  public Optional<Duration> timeout() {
    return timeout;
  }

  /** Whether the function is invoked through the input plane. */
  public boolean inputPlane() {
    return inputPlane;
  }

  /** Builder of {@link FunctionSpec}. */
  public static final class Builder {
    private OptionalLong maxObjectSizeBytes = OptionalLong.empty();
    private OptionalLong maxAsyncObjectSizeBytes = OptionalLong.empty();
    private List<PayloadFormat> inputFormats = List.of(PayloadFormat.PICKLE, PayloadFormat.CBOR);
    private int retries;
    private Duration retryInitialDelay = Duration.ofSeconds(1);
    private double retryBackoffCoefficient = 2.0;
    private Duration retryMaxDelay = Duration.ofSeconds(60);
    private int maxInputsOutstanding = 1000;
    private Optional<Duration> timeout = Optional.empty();
    private boolean inputPlane;

    private Builder() {}

    /** Sets {@code max_object_size_bytes}; must be positive. */
    public Builder maxObjectSizeBytes(long bytes) {
      this.maxObjectSizeBytes = OptionalLong.of(positive(bytes, "maxObjectSizeBytes"));
      return this;
    }

    /** Sets {@code max_async_object_size_bytes}; must be positive. */
    public Builder maxAsyncObjectSizeBytes(long bytes) {
      this.maxAsyncObjectSizeBytes = OptionalLong.of(positive(bytes, "maxAsyncObjectSizeBytes"));
      return this;
    }

    /** Sets the accepted input formats, e.g. only PICKLE to emulate an old deployment. */
    public Builder inputFormats(PayloadFormat... formats) {
      this.inputFormats = List.of(formats);
      return this;
    }

    /** Sets the number of retries in the retry policy. */
    public Builder retries(int retries) {
      if (retries < 0) {
        throw new IllegalArgumentException("retries must be >= 0, got " + retries);
      }
      this.retries = retries;
      return this;
    }

    /** Sets the retry delays: initial delay, backoff coefficient and maximum delay. */
    public Builder retryBackoff(Duration initialDelay, double coefficient, Duration maxDelay) {
      this.retryInitialDelay = Objects.requireNonNull(initialDelay, "initialDelay");
      this.retryMaxDelay = Objects.requireNonNull(maxDelay, "maxDelay");
      if (coefficient < 1.0) {
        throw new IllegalArgumentException("coefficient must be >= 1.0, got " + coefficient);
      }
      this.retryBackoffCoefficient = coefficient;
      return this;
    }

    /** Sets {@code max_inputs_outstanding}; must be positive. */
    public Builder maxInputsOutstanding(int max) {
      this.maxInputsOutstanding = (int) positive(max, "maxInputsOutstanding");
      return this;
    }

    /** Sets the execution timeout of one input. */
    public Builder timeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive, got " + timeout);
      }
      this.timeout = Optional.of(timeout);
      return this;
    }

    /** Serves the function through the input plane (its metadata carries input_plane_url). */
    public Builder inputPlane(boolean inputPlane) {
      this.inputPlane = inputPlane;
      return this;
    }

    /** Builds the immutable settings. */
    public FunctionSpec build() {
      return new FunctionSpec(this);
    }

    private static long positive(long value, String name) {
      if (value <= 0) {
        throw new IllegalArgumentException(name + " must be positive, got " + value);
      }
      return value;
    }
  }
}
