package dev.modal4j.functions;

import dev.modal4j.Gpu;
import dev.modal4j.Retries;
import dev.modal4j.internal.Args;
import dev.modal4j.internal.options.OptionValues;
import dev.modal4j.sandboxes.CloudBucketMount;
import dev.modal4j.secrets.Secret;
import dev.modal4j.volumes.Volume;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * What {@link ClsOptions} and {@link FunctionOptions} share: the option values, their getters,
 * merging, equality and the builder setters. Sealed: its only subclasses are those two final types,
 * so the two stay distinct types with one implementation, and every method a caller sees is
 * declared on a public type.
 *
 * @param <O> the public options type
 */
public abstract sealed class ContainerOptions<O extends ContainerOptions<O>>
    permits ClsOptions, FunctionOptions {
  final OptionValues v;

  ContainerOptions(OptionValues v) {
    this.v = v;
  }

  /** A new options object of the public type holding {@code values}. */
  abstract O create(OptionValues values);

  OptionValues values() {
    return v;
  }

  /** These options with every field that {@code later} sets taken from it. */
  public O merge(O later) {
    return create(v.merge(Args.notNull(later, "later").v));
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

  /** Cloud bucket mounts by mount path, replacing those of the deployment. */
  public Optional<Map<String, CloudBucketMount>> cloudBucketMounts() {
    return Optional.ofNullable(v.cloudBucketMounts());
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
    return o != null && o.getClass() == getClass() && ((ContainerOptions<?>) o).v.equals(v);
  }

  @Override
  public int hashCode() {
    return v.hashCode();
  }

  /** The options that are set; env values are not shown. */
  @Override
  public String toString() {
    return getClass().getSimpleName() + v;
  }

  /**
   * The setters both options builders share.
   *
   * @param <O> the options type built
   * @param <B> the builder type, returned by every setter
   */
  public abstract static sealed class Builder<O, B extends Builder<O, B>>
      permits ClsOptions.Builder, FunctionOptions.Builder {
    final OptionValues.Builder v;

    Builder(OptionValues.Builder v) {
      this.v = v;
    }

    abstract B self();

    /** The options. */
    public abstract O build();

    /** CPU cores to request (fractions allowed), more than 0. */
    public B cpu(double cores) {
      v.cpu(cores);
      return self();
    }

    /** CPU cores at most; needs {@link #cpu} and must not be below it. */
    public B cpuLimit(double cores) {
      v.cpuLimit(cores);
      return self();
    }

    /** Memory to request, in MiB, more than 0. */
    public B memoryMiB(int mib) {
      v.memoryMiB(mib);
      return self();
    }

    /** Memory at most, in MiB; needs {@link #memoryMiB} and must not be below it. */
    public B memoryLimitMiB(int mib) {
      v.memoryLimitMiB(mib);
      return self();
    }

    /** The GPU each container gets. */
    public B gpu(Gpu gpu) {
      v.gpu(Args.notNull(gpu, "gpu"));
      return self();
    }

    /**
     * The GPU each container gets, as {@code TYPE} or {@code TYPE:COUNT} (see {@link Gpu#parse}).
     */
    public B gpu(String gpu) {
      v.gpu(Gpu.parse(Args.notNull(gpu, "gpu")));
      return self();
    }

    /**
     * Environment variables, sent to Modal as an ephemeral secret; names are letters, digits and
     * underscores.
     */
    public B env(Map<String, String> env) {
      v.env(Args.noNullKeys(env, "env"));
      return self();
    }

    /** Secrets, replacing those the deployment declares. */
    public B secrets(List<Secret> secrets) {
      v.secrets(Args.noNullElements(secrets, "secrets"));
      return self();
    }

    /** Secrets, replacing those the deployment declares. */
    public B secrets(Secret... secrets) {
      v.secrets(Arrays.asList(Args.noNullElements(secrets, "secrets")));
      return self();
    }

    /** Volumes by absolute mount path, replacing those the deployment declares. */
    public B volumes(Map<String, Volume> volumes) {
      v.volumes(Args.noNullKeys(volumes, "volumes"));
      return self();
    }

    /**
     * Cloud buckets by absolute mount path, replacing those the deployment declares (sent as the
     * wire's {@code FunctionOptions.cloud_bucket_mounts}).
     */
    public B cloudBucketMounts(Map<String, CloudBucketMount> cloudBucketMounts) {
      v.cloudBucketMounts(Args.noNullKeys(cloudBucketMounts, "cloudBucketMounts"));
      return self();
    }

    /** How failed inputs are retried. */
    public B retries(Retries retries) {
      v.retries(Args.notNull(retries, "retries"));
      return self();
    }

    /**
     * Retries failed inputs up to {@code maxRetries} times, 1 s apart ({@link
     * Retries#fixedInterval}).
     */
    public B retries(int maxRetries) {
      v.retries(Retries.fixedInterval(maxRetries));
      return self();
    }

    /** The most containers running at once (0 or more). */
    public B maxContainers(int n) {
      v.maxContainers(n);
      return self();
    }

    /** Idle containers to keep beyond demand while the function is active (0 or more). */
    public B bufferContainers(int n) {
      v.bufferContainers(n);
      return self();
    }

    /** How long an idle container stays up: whole seconds, at least 1 s. */
    public B scaledownWindow(Duration scaledownWindow) {
      v.scaledownWindow(Args.notNull(scaledownWindow, "scaledownWindow"));
      return self();
    }

    /** The longest an input may run: whole seconds, at least 1 s. */
    public B timeout(Duration timeout) {
      v.timeout(Args.notNull(timeout, "timeout"));
      return self();
    }

    /** The region inputs are routed through (e.g. {@code "us-east"}). */
    public B routingRegion(String routingRegion) {
      v.routingRegion(Args.notBlank(routingRegion, "routingRegion"));
      return self();
    }
  }
}
