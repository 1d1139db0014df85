package dev.modal4j;

import dev.modal4j.internal.options.OptionValues;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Options that override, for a function, what the deployment declares: resources, GPU, secrets,
 * volumes, retries, scaling and timeout. Immutable; build one with {@link #builder()}.
 *
 * <pre>{@code
 * Function f = modal.functions().fromName("my-app", "train")
 *     .withOptions(FunctionOptions.builder().gpu("H100:2").build())
 *     .instance();
 * }</pre>
 *
 * <p>Options are sent to Modal when an instance is bound. Combining options (calling {@code
 * withOptions} again, or {@link #merge}) lets each field set later win; secrets, volumes and env
 * are replaced as a whole, and a field cannot be unset. Each setter refuses a bad value with an
 * {@link InvalidException}; CPU and memory limits are checked against their requests when the
 * instance is bound, before any request is sent.
 */
public final class FunctionOptions {
  /** No options. */
  public static final FunctionOptions NONE = new FunctionOptions(OptionValues.EMPTY);

  private final OptionValues v;

  private FunctionOptions(OptionValues v) {
    this.v = v;
  }

  static FunctionOptions of(OptionValues v) {
    return new FunctionOptions(v);
  }

  OptionValues values() {
    return v;
  }

  /** A builder with no option set. */
  public static Builder builder() {
    return new Builder(OptionValues.EMPTY.toBuilder());
  }

  /** A builder holding these options. */
  public Builder toBuilder() {
    return new Builder(v.toBuilder());
  }

  /** These options with every field that {@code later} sets taken from it. */
  public FunctionOptions merge(FunctionOptions later) {
    return new FunctionOptions(v.merge(Objects.requireNonNull(later, "later").v));
  }

  /** CPU cores requested. */
  public OptionalDouble cpu() {
    return v.cpu() == null ? OptionalDouble.empty() : OptionalDouble.of(v.cpu());
  }

  /** CPU cores at most. */
  public OptionalDouble cpuLimit() {
    return v.cpuLimit() == null ? OptionalDouble.empty() : OptionalDouble.of(v.cpuLimit());
  }

  /** Memory requested, MiB. */
  public OptionalInt memoryMiB() {
    return optInt(v.memoryMiB());
  }

  /** Memory at most, MiB. */
  public OptionalInt memoryLimitMiB() {
    return optInt(v.memoryLimitMiB());
  }

  /** The GPU request. */
  public Optional<Gpu> gpu() {
    return Optional.ofNullable(v.gpu());
  }

  /** Environment variables, sent as an ephemeral secret. */
  public Optional<Map<String, String>> env() {
    return Optional.ofNullable(v.env());
  }

  /** Secrets, replacing those of the deployment. */
  public Optional<List<Secret>> secrets() {
    return Optional.ofNullable(v.secrets());
  }

  /** Volumes by mount path, replacing those of the deployment. */
  public Optional<Map<String, Volume>> volumes() {
    return Optional.ofNullable(v.volumes());
  }

  /** The input retry policy. */
  public Optional<Retries> retries() {
    return Optional.ofNullable(v.retries());
  }

  /** The most containers at once. */
  public OptionalInt maxContainers() {
    return optInt(v.maxContainers());
  }

  /** Idle containers kept beyond demand while active. */
  public OptionalInt bufferContainers() {
    return optInt(v.bufferContainers());
  }

  /** How long an idle container stays up. */
  public Optional<Duration> scaledownWindow() {
    return Optional.ofNullable(v.scaledownWindow());
  }

  /** The longest an input may run. */
  public Optional<Duration> timeout() {
    return Optional.ofNullable(v.timeout());
  }

  /** The region inputs are routed through. */
  public Optional<String> routingRegion() {
    return Optional.ofNullable(v.routingRegion());
  }

  private static OptionalInt optInt(Integer i) {
    return i == null ? OptionalInt.empty() : OptionalInt.of(i);
  }

  @Override
  public boolean equals(Object o) {

    return o instanceof FunctionOptions && ((FunctionOptions) o).v.equals(v);
  }

  @Override
  public int hashCode() {
    return v.hashCode();
  }

  /** The options that are set; env values are not shown. */
  @Override
  public String toString() {
    return "FunctionOptions" + v;
  }

  /** Builder for {@link FunctionOptions}. */
  public static final class Builder {
    private final OptionValues.Builder v;

    private Builder(OptionValues.Builder v) {
      this.v = v;
    }

    /** CPU cores to request (fractions allowed), more than 0. */
    public Builder cpu(double cores) {
      v.cpu(cores);
      return this;
    }

    /** CPU cores at most; needs {@link #cpu} and must not be below it. */
    public Builder cpuLimit(double cores) {
      v.cpuLimit(cores);
      return this;
    }

    /** Memory to request, in MiB, more than 0. */
    public Builder memoryMiB(int mib) {
      v.memoryMiB(mib);
      return this;
    }

    /** Memory at most, in MiB; needs {@link #memoryMiB} and must not be below it. */
    public Builder memoryLimitMiB(int mib) {
      v.memoryLimitMiB(mib);
      return this;
    }

    /** The GPU each container gets. */
    public Builder gpu(Gpu gpu) {
      v.gpu(gpu);
      return this;
    }

    /**
     * The GPU each container gets, as {@code TYPE} or {@code TYPE:COUNT} (see {@link Gpu#parse}).
     */
    public Builder gpu(String gpu) {
      v.gpu(Gpu.parse(gpu));
      return this;
    }

    /**
     * Environment variables, sent to Modal as an ephemeral secret; names are letters, digits and
     * underscores.
     */
    public Builder env(Map<String, String> env) {
      v.env(env);
      return this;
    }

    /** Secrets, replacing those the deployment declares. */
    public Builder secrets(List<Secret> secrets) {
      v.secrets(secrets);
      return this;
    }

    /** Secrets, replacing those the deployment declares. */
    public Builder secrets(Secret... secrets) {
      v.secrets(Arrays.asList(secrets));
      return this;
    }

    /** Volumes by absolute mount path, replacing those the deployment declares. */
    public Builder volumes(Map<String, Volume> volumes) {
      v.volumes(volumes);
      return this;
    }

    /** How failed inputs are retried. */
    public Builder retries(Retries retries) {
      v.retries(retries);
      return this;
    }

    /**
     * Retries failed inputs up to {@code maxRetries} times, 1 s apart ({@link
     * Retries#fixedInterval}).
     */
    public Builder retries(int maxRetries) {
      v.retries(Retries.fixedInterval(maxRetries));
      return this;
    }

    /** The most containers running at once (0 or more). */
    public Builder maxContainers(int n) {
      v.maxContainers(n);
      return this;
    }

    /** Idle containers to keep beyond demand while the function is active (0 or more). */
    public Builder bufferContainers(int n) {
      v.bufferContainers(n);
      return this;
    }

    /** How long an idle container stays up: whole seconds, at least 1 s. */
    public Builder scaledownWindow(Duration window) {
      v.scaledownWindow(window);
      return this;
    }

    /** The longest an input may run: whole seconds, at least 1 s. */
    public Builder timeout(Duration timeout) {
      v.timeout(timeout);
      return this;
    }

    /** The region inputs are routed through (e.g. {@code "us-east"}). */
    public Builder routingRegion(String region) {
      v.routingRegion(region);
      return this;
    }

    /** The options. */
    public FunctionOptions build() {
      return new FunctionOptions(v.build());
    }
  }
}
