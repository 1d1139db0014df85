package dev.modal4j.internal.options;

import dev.modal4j.Gpu;
import dev.modal4j.InvalidException;
import dev.modal4j.Retries;
import dev.modal4j.sandboxes.CloudBucketMount;
import dev.modal4j.secrets.Secret;
import dev.modal4j.volumes.Volume;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The options of a class or function instance (functions.md §9.3): every field may be unset (null).
 * {@link #merge} lets the later value of each field win. Setters check each value alone; checks
 * across fields happen in {@link FunctionOptionsProto}.
 */
public final class OptionValues {
  /** No option set. */
  public static final OptionValues EMPTY = new Builder().build();

  static final int MAX_BATCH_SIZE = 1000;
  static final Duration MAX_BATCH_WAIT = Duration.ofMinutes(10);

  final Double cpu;
  final Double cpuLimit;
  final Integer memoryMiB;
  final Integer memoryLimitMiB;
  final Gpu gpu;
  final Map<String, String> env;
  final List<Secret> secrets;
  final Map<String, Volume> volumes;
  final Map<String, CloudBucketMount> cloudBucketMounts;
  final Retries retries;
  final Integer maxContainers;
  final Integer bufferContainers;
  final Duration scaledownWindow;
  final Duration timeout;
  final String routingRegion;
  final Integer maxConcurrentInputs;
  final Integer targetConcurrentInputs;
  final Integer batchMaxSize;
  final Duration batchWait;

  private OptionValues(Builder b) {
    cpu = b.cpu;
    cpuLimit = b.cpuLimit;
    memoryMiB = b.memoryMiB;
    memoryLimitMiB = b.memoryLimitMiB;
    gpu = b.gpu;
    env = b.env;
    secrets = b.secrets;
    volumes = b.volumes;
    cloudBucketMounts = b.cloudBucketMounts;
    retries = b.retries;
    maxContainers = b.maxContainers;
    bufferContainers = b.bufferContainers;
    scaledownWindow = b.scaledownWindow;
    timeout = b.timeout;
    routingRegion = b.routingRegion;
    maxConcurrentInputs = b.maxConcurrentInputs;
    targetConcurrentInputs = b.targetConcurrentInputs;
    batchMaxSize = b.batchMaxSize;
    batchWait = b.batchWait;
  }

  /** A builder holding these values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.cpu = cpu;
    b.cpuLimit = cpuLimit;
    b.memoryMiB = memoryMiB;
    b.memoryLimitMiB = memoryLimitMiB;
    b.gpu = gpu;
    b.env = env;
    b.secrets = secrets;
    b.volumes = volumes;
    b.cloudBucketMounts = cloudBucketMounts;
    b.retries = retries;
    b.maxContainers = maxContainers;
    b.bufferContainers = bufferContainers;
    b.scaledownWindow = scaledownWindow;
    b.timeout = timeout;
    b.routingRegion = routingRegion;
    b.maxConcurrentInputs = maxConcurrentInputs;
    b.targetConcurrentInputs = targetConcurrentInputs;
    b.batchMaxSize = batchMaxSize;
    b.batchWait = batchWait;
    return b;
  }

  /**
   * These values with every field that {@code later} sets taken from it. Secrets, volumes and env
   * are replaced as a whole, not combined; nothing can be unset.
   */
  public OptionValues merge(OptionValues later) {
    Builder b = toBuilder();
    b.cpu = pick(later.cpu, cpu);
    b.cpuLimit = pick(later.cpuLimit, cpuLimit);
    b.memoryMiB = pick(later.memoryMiB, memoryMiB);
    b.memoryLimitMiB = pick(later.memoryLimitMiB, memoryLimitMiB);
    b.gpu = pick(later.gpu, gpu);
    b.env = pick(later.env, env);
    b.secrets = pick(later.secrets, secrets);
    b.volumes = pick(later.volumes, volumes);
    b.cloudBucketMounts = pick(later.cloudBucketMounts, cloudBucketMounts);
    b.retries = pick(later.retries, retries);
    b.maxContainers = pick(later.maxContainers, maxContainers);
    b.bufferContainers = pick(later.bufferContainers, bufferContainers);
    b.scaledownWindow = pick(later.scaledownWindow, scaledownWindow);
    b.timeout = pick(later.timeout, timeout);
    b.routingRegion = pick(later.routingRegion, routingRegion);
    b.maxConcurrentInputs = pick(later.maxConcurrentInputs, maxConcurrentInputs);
    b.targetConcurrentInputs = pick(later.targetConcurrentInputs, targetConcurrentInputs);
    b.batchMaxSize = pick(later.batchMaxSize, batchMaxSize);
    b.batchWait = pick(later.batchWait, batchWait);
    return b.build();
  }

  private static <T> T pick(T later, T earlier) {
    return later != null ? later : earlier;
  }

  /** The cpu value, or null when unset. */
  public Double cpu() {
    return cpu;
  }

  /** The cpuLimit value, or null when unset. */
  public Double cpuLimit() {
    return cpuLimit;
  }

  /** The memoryMiB value, or null when unset. */
  public Integer memoryMiB() {
    return memoryMiB;
  }

  /** The memoryLimitMiB value, or null when unset. */
  public Integer memoryLimitMiB() {
    return memoryLimitMiB;
  }

  /** The gpu value, or null when unset. */
  public Gpu gpu() {
    return gpu;
  }

  /** The env value, or null when unset. */
  public Map<String, String> env() {
    return env;
  }

  /** The secrets value, or null when unset. */
  public List<Secret> secrets() {
    return secrets;
  }

  /** The volumes value, or null when unset. */
  public Map<String, Volume> volumes() {
    return volumes;
  }

  /** The cloud bucket mounts by mount path, or null when unset. */
  public Map<String, CloudBucketMount> cloudBucketMounts() {
    return cloudBucketMounts;
  }

  /** The retries value, or null when unset. */
  public Retries retries() {
    return retries;
  }

  /** The maxContainers value, or null when unset. */
  public Integer maxContainers() {
    return maxContainers;
  }

  /** The bufferContainers value, or null when unset. */
  public Integer bufferContainers() {
    return bufferContainers;
  }

  /** The scaledownWindow value, or null when unset. */
  public Duration scaledownWindow() {
    return scaledownWindow;
  }

  /** The timeout value, or null when unset. */
  public Duration timeout() {
    return timeout;
  }

  /** The routingRegion value, or null when unset. */
  public String routingRegion() {
    return routingRegion;
  }

  /** The maxConcurrentInputs value, or null when unset. */
  public Integer maxConcurrentInputs() {
    return maxConcurrentInputs;
  }

  /** The targetConcurrentInputs value, or null when unset. */
  public Integer targetConcurrentInputs() {
    return targetConcurrentInputs;
  }

  /** The batchMaxSize value, or null when unset. */
  public Integer batchMaxSize() {
    return batchMaxSize;
  }

  /** The batchWait value, or null when unset. */
  public Duration batchWait() {
    return batchWait;
  }

  /** True when no field is set. */
  public boolean isEmpty() {
    return equals(EMPTY);
  }

  private List<Object> fields() {
    return java.util.Arrays.asList(
        cpu,
        cpuLimit,
        memoryMiB,
        memoryLimitMiB,
        gpu,
        env,
        secrets,
        volumes,
        retries,
        maxContainers,
        bufferContainers,
        scaledownWindow,
        timeout,
        routingRegion,
        maxConcurrentInputs,
        targetConcurrentInputs,
        batchMaxSize,
        batchWait,
        cloudBucketMounts);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OptionValues && ((OptionValues) o).fields().equals(fields());
  }

  @Override
  public int hashCode() {
    return fields().hashCode();
  }

  /** Lists the set fields; env values are not shown (they may be secret). */
  @Override
  public String toString() {
    Map<String, Object> shown = new LinkedHashMap<>();
    String[] names = {
      "cpu",
      "cpuLimit",
      "memoryMiB",
      "memoryLimitMiB",
      "gpu",
      "env",
      "secrets",
      "volumes",
      "retries",
      "maxContainers",
      "bufferContainers",
      "scaledownWindow",
      "timeout",
      "routingRegion",
      "maxConcurrentInputs",
      "targetConcurrentInputs",
      "batchMaxSize",
      "batchWait",
      "cloudBucketMounts"
    };
    List<Object> values = fields();
    for (int i = 0; i < names.length; i++) {
      if (values.get(i) != null) {
        shown.put(names[i], i == 5 ? env.keySet() : values.get(i));
      }
    }
    return shown.toString();
  }

  /** Builder; each setter refuses a bad value with an {@link InvalidException}. */
  public static final class Builder {
    private Double cpu;
    private Double cpuLimit;
    private Integer memoryMiB;
    private Integer memoryLimitMiB;
    private Gpu gpu;
    private Map<String, String> env;
    private List<Secret> secrets;
    private Map<String, Volume> volumes;
    private Map<String, CloudBucketMount> cloudBucketMounts;
    private Retries retries;
    private Integer maxContainers;
    private Integer bufferContainers;
    private Duration scaledownWindow;
    private Duration timeout;
    private String routingRegion;
    private Integer maxConcurrentInputs;
    private Integer targetConcurrentInputs;
    private Integer batchMaxSize;
    private Duration batchWait;

    /** Sets cpu; refuses a bad value. */
    public Builder cpu(double cores) {
      cpu = positive("cpu", cores);
      return this;
    }

    /** Sets cpuLimit; refuses a bad value. */
    public Builder cpuLimit(double cores) {
      cpuLimit = positive("cpuLimit", cores);
      return this;
    }

    /** Sets memoryMiB; refuses a bad value. */
    public Builder memoryMiB(int mib) {
      memoryMiB = positive("memoryMiB", mib);
      return this;
    }

    /** Sets memoryLimitMiB; refuses a bad value. */
    public Builder memoryLimitMiB(int mib) {
      memoryLimitMiB = positive("memoryLimitMiB", mib);
      return this;
    }

    /** Sets gpu; refuses a bad value. */
    public Builder gpu(Gpu g) {
      gpu = Objects.requireNonNull(g, "gpu");
      return this;
    }

    /** Sets env; refuses a bad value. */
    public Builder env(Map<String, String> vars) {
      Map<String, String> copy = new TreeMap<>();
      Objects.requireNonNull(vars, "env")
          .forEach((k, v) -> copy.put(EnvNames.check(k), value(k, v)));
      env = Collections.unmodifiableMap(copy);
      return this;
    }

    /** Sets secrets; refuses a bad value. */
    public Builder secrets(List<Secret> list) {
      List<Secret> copy = new ArrayList<>();
      for (Secret s : Objects.requireNonNull(list, "secrets")) {
        copy.add(Objects.requireNonNull(s, "secrets must not contain null"));
      }
      secrets = Collections.unmodifiableList(copy);
      return this;
    }

    /** Sets volumes; refuses a bad value. */
    public Builder volumes(Map<String, Volume> mounts) {
      Map<String, Volume> copy = new TreeMap<>();
      Objects.requireNonNull(mounts, "volumes")
          .forEach((path, v) -> copy.put(mountPath(path), volume(path, v)));
      volumes = Collections.unmodifiableMap(copy);
      return this;
    }

    /** Sets the cloud bucket mounts by absolute mount path; refuses a bad value. */
    public Builder cloudBucketMounts(Map<String, CloudBucketMount> mounts) {
      Map<String, CloudBucketMount> copy = new TreeMap<>();
      Objects.requireNonNull(mounts, "cloudBucketMounts")
          .forEach(
              (path, m) -> {
                if (m == null) {
                  throw new InvalidException(
                      "cloudBucketMounts: the mount at '" + path + "' must not be null");
                }
                copy.put(mountPath(path), m);
              });
      cloudBucketMounts = Collections.unmodifiableMap(copy);
      return this;
    }

    /** Sets retries; refuses a bad value. */
    public Builder retries(Retries r) {
      retries = Objects.requireNonNull(r, "retries");
      return this;
    }

    /** Sets maxContainers; refuses a bad value. */
    public Builder maxContainers(int n) {
      maxContainers = nonNegative("maxContainers", n);
      return this;
    }

    /** Sets bufferContainers; refuses a bad value. */
    public Builder bufferContainers(int n) {
      bufferContainers = nonNegative("bufferContainers", n);
      return this;
    }

    /** Sets scaledownWindow; refuses a bad value. */
    public Builder scaledownWindow(Duration d) {
      scaledownWindow = wholeSeconds("scaledownWindow", d);
      return this;
    }

    /** Sets timeout; refuses a bad value. */
    public Builder timeout(Duration d) {
      timeout = wholeSeconds("timeout", d);
      return this;
    }

    /** Sets routingRegion; refuses a bad value. */
    public Builder routingRegion(String region) {
      if (region == null || region.isBlank()) {
        throw new InvalidException("routingRegion must not be empty");
      }
      routingRegion = region;
      return this;
    }

    /** Input concurrency per container ({@code targetInputs} may be null). */
    public Builder concurrency(int maxInputs, Integer targetInputs) {
      if (maxInputs < 1) {
        throw new InvalidException("maxInputs must be at least 1, got " + maxInputs);
      }
      if (targetInputs != null && (targetInputs < 1 || targetInputs > maxInputs)) {
        throw new InvalidException(
            "targetInputs must be between 1 and maxInputs ("
                + maxInputs
                + "), got "
                + targetInputs);
      }
      maxConcurrentInputs = maxInputs;
      targetConcurrentInputs = targetInputs;
      return this;
    }

    /** Dynamic batching: up to {@code maxBatchSize} inputs, waiting at most {@code wait}. */
    public Builder batching(int maxBatchSize, Duration wait) {
      if (maxBatchSize < 1 || maxBatchSize > MAX_BATCH_SIZE) {
        throw new InvalidException(
            "maxBatchSize must be between 1 and " + MAX_BATCH_SIZE + ", got " + maxBatchSize);
      }
      Objects.requireNonNull(wait, "wait");
      if (wait.isNegative() || wait.compareTo(MAX_BATCH_WAIT) > 0) {
        throw new InvalidException("batch wait must be between 0 and 10 minutes, got " + wait);
      }
      batchMaxSize = maxBatchSize;
      batchWait = wait;
      return this;
    }

    /** The values. */
    public OptionValues build() {
      return new OptionValues(this);
    }

    private static double positive(String name, double v) {
      if (!(v > 0) || Double.isInfinite(v)) {
        throw new InvalidException(name + " must be a positive number, got " + v);
      }
      return v;
    }

    private static int positive(String name, int v) {
      if (v <= 0) {
        throw new InvalidException(name + " must be a positive number, got " + v);
      }
      return v;
    }

    private static int nonNegative(String name, int v) {
      if (v < 0) {
        throw new InvalidException(name + " must not be negative, got " + v);
      }
      return v;
    }

    private static Duration wholeSeconds(String name, Duration d) {
      Objects.requireNonNull(d, name);
      if (d.compareTo(Duration.ofSeconds(1)) < 0) {
        throw new InvalidException(name + " must be at least 1 second, got " + d);
      }
      if (d.getSeconds() > Integer.MAX_VALUE) {
        throw new InvalidException(name + " is too long: " + d);
      }
      if (d.getNano() != 0) {
        throw new InvalidException(name + " must be a whole number of seconds, got " + d);
      }
      return d;
    }

    private static String value(String key, String v) {
      if (v == null) {
        throw new InvalidException("env value of '" + key + "' must not be null");
      }
      return v;
    }

    private static String mountPath(String path) {
      boolean canonical =
          path != null
              && path.startsWith("/")
              && java.nio.file.Paths.get(path).normalize().toString().equals(path);
      if (!canonical) {
        throw new InvalidException(
            "Volume mount path '" + path + "' must be a canonical, absolute path");
      }
      if (path.equals("/") || path.equals("/root") || path.equals("/tmp")) {
        throw new InvalidException("Volume cannot be mounted at '" + path + "'");
      }
      return path;
    }

    private static Volume volume(String path, Volume v) {
      if (v == null) {
        throw new InvalidException("Volume mounted at '" + path + "' must not be null");
      }
      return v;
    }
  }
}
