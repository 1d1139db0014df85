package dev.modal4j.sandboxes;

import dev.modal4j.Gpu;
import dev.modal4j.InvalidException;
import dev.modal4j.internal.Args;
import dev.modal4j.secrets.Secret;
import dev.modal4j.volumes.Volume;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * Everything a sandbox can be created with (Modal's JS SDK's {@code SandboxCreateParams}). Every
 * value is checked when set or, for rules between values, by {@link Builder#build()}, so bad input
 * never reaches Modal.
 *
 * <pre>{@code
 * SandboxCreateParams params = SandboxCreateParams.builder()
 *     .cpu(2).memoryMiB(4096).gpu("A100-80G")
 *     .timeout(Duration.ofMinutes(10))
 *     .command(List.of("python", "-m", "http.server", "8000"))
 *     .encryptedPorts(List.of(8000))
 *     .build();
 * }</pre>
 */
public final class SandboxCreateParams {
  /** No options: Modal's defaults (5 minute timeout, the image's entrypoint ...). */
  public static final SandboxCreateParams DEFAULT = builder().build();

  final Double cpu;
  final Double cpuLimit;
  final Integer memoryMiB;
  final Integer memoryLimitMiB;
  final Gpu gpu;
  final Duration timeout;
  final Duration idleTimeout;
  final String workdir;
  final List<String> command;
  final Map<String, String> env;
  final List<Secret> secrets;
  final Map<String, Volume> volumes;
  final Map<String, CloudBucketMount> cloudBucketMounts;
  final boolean pty;
  final List<Integer> encryptedPorts;
  final List<Integer> h2Ports;
  final List<Integer> unencryptedPorts;
  final boolean blockNetwork;
  final List<String> outboundCidrAllowlist;
  final List<String> outboundDomainAllowlist;
  final List<String> inboundCidrAllowlist;
  final boolean i6pn;
  final String cloud;
  final List<String> regions;
  final boolean verbose;
  final String proxyId;
  final Probe readinessProbe;
  final String name;
  final Map<String, String> tags;
  final String customDomain;
  final boolean includeOidcIdentityToken;
  final Map<String, String> experimentalOptions;
  final boolean experimentalEnableSnapshot;

  private SandboxCreateParams(Builder b) {
    cpu = b.cpu;
    cpuLimit = b.cpuLimit;
    memoryMiB = b.memoryMiB;
    memoryLimitMiB = b.memoryLimitMiB;
    gpu = b.gpu;
    timeout = b.timeout;
    idleTimeout = b.idleTimeout;
    workdir = b.workdir;
    command = b.command;
    env = Map.copyOf(b.env);
    secrets = b.secrets;
    volumes = Map.copyOf(b.volumes);
    cloudBucketMounts = Map.copyOf(b.cloudBucketMounts);
    pty = b.pty;
    encryptedPorts = b.encryptedPorts;
    h2Ports = b.h2Ports;
    unencryptedPorts = b.unencryptedPorts;
    blockNetwork = b.blockNetwork;
    outboundCidrAllowlist = b.outboundCidrAllowlist;
    outboundDomainAllowlist = b.outboundDomainAllowlist;
    inboundCidrAllowlist = b.inboundCidrAllowlist;
    i6pn = b.i6pn;
    cloud = b.cloud;
    regions = b.regions;
    verbose = b.verbose;
    proxyId = b.proxyId;
    readinessProbe = b.readinessProbe;
    name = b.name;
    tags = Map.copyOf(b.tags);
    customDomain = b.customDomain;
    includeOidcIdentityToken = b.includeOidcIdentityToken;
    experimentalOptions = Map.copyOf(b.experimentalOptions);
    experimentalEnableSnapshot = b.experimentalEnableSnapshot;
  }

  /** A builder with nothing set. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.cpu = cpu;
    b.cpuLimit = cpuLimit;
    b.memoryMiB = memoryMiB;
    b.memoryLimitMiB = memoryLimitMiB;
    b.gpu = gpu;
    b.timeout = timeout;
    b.idleTimeout = idleTimeout;
    b.workdir = workdir;
    b.command = command;
    b.env.putAll(env);
    b.secrets = secrets;
    b.volumes.putAll(volumes);
    b.cloudBucketMounts.putAll(cloudBucketMounts);
    b.pty = pty;
    b.encryptedPorts = encryptedPorts;
    b.h2Ports = h2Ports;
    b.unencryptedPorts = unencryptedPorts;
    b.blockNetwork = blockNetwork;
    b.outboundCidrAllowlist = outboundCidrAllowlist;
    b.outboundDomainAllowlist = outboundDomainAllowlist;
    b.inboundCidrAllowlist = inboundCidrAllowlist;
    b.i6pn = i6pn;
    b.cloud = cloud;
    b.regions = regions;
    b.verbose = verbose;
    b.proxyId = proxyId;
    b.readinessProbe = readinessProbe;
    b.name = name;
    b.tags.putAll(tags);
    b.customDomain = customDomain;
    b.includeOidcIdentityToken = includeOidcIdentityToken;
    b.experimentalOptions.putAll(experimentalOptions);
    b.experimentalEnableSnapshot = experimentalEnableSnapshot;
    return b;
  }

  /** CPU cores reserved (fractional), if set. */
  public OptionalDouble cpu() {
    return cpu == null ? OptionalDouble.empty() : OptionalDouble.of(cpu);
  }

  /** CPU cores the sandbox may use at most, if set. */
  public OptionalDouble cpuLimit() {
    return cpuLimit == null ? OptionalDouble.empty() : OptionalDouble.of(cpuLimit);
  }

  /** Memory reserved, in MiB, if set. */
  public OptionalInt memoryMiB() {
    return memoryMiB == null ? OptionalInt.empty() : OptionalInt.of(memoryMiB);
  }

  /** Memory the sandbox may use at most, in MiB, if set. */
  public OptionalInt memoryLimitMiB() {
    return memoryLimitMiB == null ? OptionalInt.empty() : OptionalInt.of(memoryLimitMiB);
  }

  /** The GPU requested, if any. */
  public Optional<Gpu> gpu() {
    return Optional.ofNullable(gpu);
  }

  /** The sandbox's maximum lifetime, if set (Modal's default is 5 minutes). */
  public Optional<Duration> timeout() {
    return Optional.ofNullable(timeout);
  }

  /** How long the sandbox may be idle before Modal ends it, if set. */
  public Optional<Duration> idleTimeout() {
    return Optional.ofNullable(idleTimeout);
  }

  /** The entrypoint's working directory, if set. */
  public Optional<String> workdir() {
    return Optional.ofNullable(workdir);
  }

  /** The entrypoint command; empty for the default (sleep until the timeout). */
  public List<String> command() {
    return command;
  }

  /** Environment variables of the sandbox. */
  public Map<String, String> env() {
    return env;
  }

  /** Secrets injected as environment variables. */
  public List<Secret> secrets() {
    return secrets;
  }

  /** Volumes by mount path. */
  public Map<String, Volume> volumes() {
    return volumes;
  }

  /** Cloud bucket mounts by mount path. */
  public Map<String, CloudBucketMount> cloudBucketMounts() {
    return cloudBucketMounts;
  }

  /** Whether the entrypoint runs with a PTY (stderr is then merged into stdout). */
  public boolean pty() {
    return pty;
  }

  /** Ports tunneled with TLS. */
  public List<Integer> encryptedPorts() {
    return encryptedPorts;
  }

  /** Ports tunneled with TLS and HTTP/2. */
  public List<Integer> h2Ports() {
    return h2Ports;
  }

  /** Ports tunneled as raw TCP. */
  public List<Integer> unencryptedPorts() {
    return unencryptedPorts;
  }

  /** Whether all network access is blocked. */
  public boolean blockNetwork() {
    return blockNetwork;
  }

  /** The CIDRs the sandbox may reach, if restricted (an empty list blocks all). */
  public Optional<List<String>> outboundCidrAllowlist() {
    return Optional.ofNullable(outboundCidrAllowlist);
  }

  /** The domains the sandbox may reach, if restricted (an empty list blocks all). */
  public Optional<List<String>> outboundDomainAllowlist() {
    return Optional.ofNullable(outboundDomainAllowlist);
  }

  /** The CIDRs that may connect in through tunnels and connect tokens, if restricted. */
  public Optional<List<String>> inboundCidrAllowlist() {
    return Optional.ofNullable(inboundCidrAllowlist);
  }

  /** Whether private IPv6 networking between sandboxes is on. */
  public boolean i6pn() {
    return i6pn;
  }

  /** The cloud provider, if chosen. */
  public Optional<String> cloud() {
    return Optional.ofNullable(cloud);
  }

  /** The regions the sandbox may run in; empty for any. */
  public List<String> regions() {
    return regions;
  }

  /** Whether Modal logs verbosely for this sandbox. */
  public boolean verbose() {
    return verbose;
  }

  /** The id of the Modal Proxy in front of the sandbox, if any. */
  public Optional<String> proxyId() {
    return Optional.ofNullable(proxyId);
  }

  /** The readiness probe, if any. */
  public Optional<Probe> readinessProbe() {
    return Optional.ofNullable(readinessProbe);
  }

  /** The sandbox's name, unique within its app, if set. */
  public Optional<String> name() {
    return Optional.ofNullable(name);
  }

  /** Tags, filterable in {@link Sandboxes#list(SandboxListParams)}. */
  public Map<String, String> tags() {
    return tags;
  }

  /** The parent domain of the sandbox's connection subdomains, if set (Enterprise). */
  public Optional<String> customDomain() {
    return Optional.ofNullable(customDomain);
  }

  /** Whether the sandbox gets a {@code MODAL_IDENTITY_TOKEN} for OIDC. */
  public boolean includeOidcIdentityToken() {
    return includeOidcIdentityToken;
  }

  /** Experimental options, as strings. */
  public Map<String, String> experimentalOptions() {
    return experimentalOptions;
  }

  /** Whether memory snapshots are enabled. */
  public boolean experimentalEnableSnapshot() {
    return experimentalEnableSnapshot;
  }

  @Override
  public String toString() {
    return "SandboxCreateParams{name="
        + name
        + ", gpu="
        + gpu
        + ", timeout="
        + timeout
        + ", command="
        + command
        + ", envNames="
        + new TreeMap<>(env).keySet()
        + ", secrets="
        + secrets
        + ", tags="
        + tags
        + "}";
  }

  /** Builds {@link SandboxCreateParams}. */
  public static final class Builder {
    private Double cpu;
    private Double cpuLimit;
    private Integer memoryMiB;
    private Integer memoryLimitMiB;
    private Gpu gpu;
    private Duration timeout;
    private Duration idleTimeout;
    private String workdir;
    private List<String> command = List.of();
    private final Map<String, String> env = new TreeMap<>();
    private List<Secret> secrets = List.of();
    private final Map<String, Volume> volumes = new LinkedHashMap<>();
    private final Map<String, CloudBucketMount> cloudBucketMounts = new LinkedHashMap<>();
    private boolean pty;
    private List<Integer> encryptedPorts = List.of();
    private List<Integer> h2Ports = List.of();
    private List<Integer> unencryptedPorts = List.of();
    private boolean blockNetwork;
    private List<String> outboundCidrAllowlist;
    private List<String> outboundDomainAllowlist;
    private List<String> inboundCidrAllowlist;
    private boolean i6pn;
    private String cloud;
    private List<String> regions = List.of();
    private boolean verbose;
    private String proxyId;
    private Probe readinessProbe;
    private String name;
    private final Map<String, String> tags = new TreeMap<>();
    private String customDomain;
    private boolean includeOidcIdentityToken;
    private final Map<String, String> experimentalOptions = new TreeMap<>();
    private boolean experimentalEnableSnapshot;

    private Builder() {}

    /**
     * CPU cores to reserve; may be fractional.
     *
     * @throws InvalidException if not a positive finite number
     */
    public Builder cpu(double cpu) {
      if (!(cpu > 0) || Double.isInfinite(cpu)) {
        throw new InvalidException("cpu (" + cpu + ") must be a positive number");
      }
      this.cpu = cpu;
      return this;
    }

    /**
     * The most CPU cores the sandbox may use; needs {@link #cpu} and must not be below it.
     *
     * @throws InvalidException if not a positive finite number
     */
    public Builder cpuLimit(double cpuLimit) {
      if (!(cpuLimit > 0) || Double.isInfinite(cpuLimit)) {
        throw new InvalidException("cpuLimit (" + cpuLimit + ") must be a positive number");
      }
      this.cpuLimit = cpuLimit;
      return this;
    }

    /**
     * Memory to reserve, in MiB.
     *
     * @throws InvalidException if not positive
     */
    public Builder memoryMiB(int memoryMiB) {
      if (memoryMiB <= 0) {
        throw new InvalidException(
            "the memoryMiB request (" + memoryMiB + ") must be a positive number");
      }
      this.memoryMiB = memoryMiB;
      return this;
    }

    /**
     * The most memory the sandbox may use, in MiB; needs {@link #memoryMiB}, not below it.
     *
     * @throws InvalidException if not positive
     */
    public Builder memoryLimitMiB(int memoryLimitMiB) {
      if (memoryLimitMiB <= 0) {
        throw new InvalidException(
            "memoryLimitMiB (" + memoryLimitMiB + ") must be a positive number");
      }
      this.memoryLimitMiB = memoryLimitMiB;
      return this;
    }

    /** The GPU to attach. */
    public Builder gpu(Gpu gpu) {
      this.gpu = Args.notNull(gpu, "gpu");
      return this;
    }

    /**
     * The GPU to attach, as Modal writes it: {@code "T4"}, {@code "T4:2"}, {@code "A100-80G"} ...
     *
     * @throws InvalidException if it is not a valid GPU request
     */
    public Builder gpu(String gpu) {
      this.gpu = Gpu.parse(Args.notBlank(gpu, "gpu"));
      return this;
    }

    /**
     * The sandbox's maximum lifetime (Modal's default: 5 minutes).
     *
     * @throws InvalidException if not a positive whole number of seconds
     */
    public Builder timeout(Duration timeout) {
      this.timeout = Checks.positiveSeconds(timeout, "timeout");
      return this;
    }

    /**
     * How long the sandbox may be idle before Modal ends it.
     *
     * @throws InvalidException if not a positive whole number of seconds
     */
    public Builder idleTimeout(Duration idleTimeout) {
      this.idleTimeout = Checks.positiveSeconds(idleTimeout, "idleTimeout");
      return this;
    }

    /**
     * The entrypoint's working directory.
     *
     * @throws InvalidException if it is not an absolute path
     */
    public Builder workdir(String workdir) {
      this.workdir = Checks.absolutePath(workdir, "workdir");
      return this;
    }

    /** The entrypoint command (default: sleep until the timeout). */
    public Builder command(List<String> command) {
      this.command = Checks.strings(command, "command");
      return this;
    }

    /**
     * Environment variables of the sandbox; replaces earlier ones.
     *
     * @throws InvalidException if a name is not a valid variable name or a value is null
     */
    public Builder env(Map<String, String> env) {
      Map<String, String> checked = Checks.env(env, "env");
      this.env.clear();
      this.env.putAll(checked);
      return this;
    }

    /** Secrets injected as environment variables; replaces earlier ones. */
    public Builder secrets(List<Secret> secrets) {
      this.secrets = List.copyOf(Args.noNullElements(secrets, "secrets"));
      return this;
    }

    /**
     * Volumes by absolute mount path; replaces earlier ones.
     *
     * @throws InvalidException if a path is not absolute or a volume is null
     */
    public Builder volumes(Map<String, Volume> volumes) {
      Args.noNullKeys(volumes, "volumes");
      Map<String, Volume> checked = new LinkedHashMap<>();
      volumes.forEach(
          (path, v) ->
              checked.put(Checks.absolutePath(path, "volumes"), Args.notNull(v, "volumes")));
      this.volumes.clear();
      this.volumes.putAll(checked);
      return this;
    }

    /**
     * Cloud bucket mounts by absolute mount path; replaces earlier ones.
     *
     * @throws InvalidException if a path is not absolute or a mount is null
     */
    public Builder cloudBucketMounts(Map<String, CloudBucketMount> cloudBucketMounts) {
      Map<String, CloudBucketMount> mounts =
          Args.noNullKeys(cloudBucketMounts, "cloudBucketMounts");
      Map<String, CloudBucketMount> checked = new LinkedHashMap<>();
      mounts.forEach(
          (path, m) ->
              checked.put(
                  Checks.absolutePath(path, "cloudBucketMounts"),
                  Args.notNull(m, "cloudBucketMounts")));
      this.cloudBucketMounts.clear();
      this.cloudBucketMounts.putAll(checked);
      return this;
    }

    /** Runs the entrypoint with a PTY (default false); stderr is then merged into stdout. */
    public Builder pty(boolean pty) {
      this.pty = pty;
      return this;
    }

    /** Ports to tunnel with TLS. */
    public Builder encryptedPorts(List<Integer> encryptedPorts) {
      this.encryptedPorts = Checks.ports(encryptedPorts, "encryptedPorts");
      return this;
    }

    /** Ports to tunnel with TLS and HTTP/2. */
    public Builder h2Ports(List<Integer> h2Ports) {
      this.h2Ports = Checks.ports(h2Ports, "h2Ports");
      return this;
    }

    /** Ports to tunnel as raw TCP, without encryption. */
    public Builder unencryptedPorts(List<Integer> unencryptedPorts) {
      this.unencryptedPorts = Checks.ports(unencryptedPorts, "unencryptedPorts");
      return this;
    }

    /** Blocks all network access (default false); excludes every allowlist and i6pn. */
    public Builder blockNetwork(boolean blockNetwork) {
      this.blockNetwork = blockNetwork;
      return this;
    }

    /** The only CIDRs the sandbox may reach; an empty list blocks all. */
    public Builder outboundCidrAllowlist(List<String> outboundCidrAllowlist) {
      this.outboundCidrAllowlist = Checks.strings(outboundCidrAllowlist, "outboundCidrAllowlist");
      return this;
    }

    /** The only domains the sandbox may reach ({@code *.example.com} allowed). */
    public Builder outboundDomainAllowlist(List<String> outboundDomainAllowlist) {
      this.outboundDomainAllowlist =
          Checks.strings(outboundDomainAllowlist, "outboundDomainAllowlist");
      return this;
    }

    /** The only CIDRs that may connect in through tunnels and connect tokens. */
    public Builder inboundCidrAllowlist(List<String> inboundCidrAllowlist) {
      this.inboundCidrAllowlist = Checks.strings(inboundCidrAllowlist, "inboundCidrAllowlist");
      return this;
    }

    /** Private IPv6 networking between sandboxes (default false). */
    public Builder i6pn(boolean i6pn) {
      this.i6pn = i6pn;
      return this;
    }

    /** The cloud provider ({@code "aws"}, {@code "gcp"}, {@code "oci"}, {@code "auto"}). */
    public Builder cloud(String cloud) {
      this.cloud = Args.notBlank(cloud, "cloud");
      return this;
    }

    /** The regions the sandbox may run in. */
    public Builder regions(List<String> regions) {
      this.regions = Checks.strings(regions, "regions");
      return this;
    }

    /** Verbose logging by Modal for this sandbox (default false). */
    public Builder verbose(boolean verbose) {
      this.verbose = verbose;
      return this;
    }

    /**
     * The Modal Proxy (from {@code modal.proxies().fromName(...)}) to put in front of the sandbox.
     *
     * @throws dev.modal4j.InvalidException if the proxy is null
     */
    public Builder proxy(dev.modal4j.proxies.Proxy proxy) {
      this.proxyId = Args.notNull(proxy, "proxy").proxyId();
      return this;
    }

    /** The id of a Modal Proxy ({@code pr-...}) to put in front of the sandbox. */
    public Builder proxyId(String proxyId) {
      this.proxyId = Args.notBlank(proxyId, "proxyId");
      return this;
    }

    /** How Modal decides the sandbox is ready (see {@link Sandbox#waitUntilReady}). */
    public Builder readinessProbe(Probe readinessProbe) {
      this.readinessProbe = Args.notNull(readinessProbe, "readinessProbe");
      return this;
    }

    /** The sandbox's name, unique within its app. */
    public Builder name(String name) {
      this.name = Args.notBlank(name, "name");
      return this;
    }

    /** Tags of the sandbox; replaces earlier ones. */
    public Builder tags(Map<String, String> tags) {
      Map<String, String> checked = Checks.tags(tags, "tags");
      this.tags.clear();
      this.tags.putAll(checked);
      return this;
    }

    /** The parent domain of the sandbox's connection subdomains (Enterprise, set up by Modal). */
    public Builder customDomain(String customDomain) {
      this.customDomain = Args.notBlank(customDomain, "customDomain");
      return this;
    }

    /** Gives the sandbox a {@code MODAL_IDENTITY_TOKEN} for OIDC (default false). */
    public Builder includeOidcIdentityToken(boolean include) {
      this.includeOidcIdentityToken = include;
      return this;
    }

    /** An experimental option with a string value. */
    public Builder experimentalOption(String name, String value) {
      experimentalOptions.put(
          Args.notBlank(name, "name"), Args.notNull(value, "experimentalOption value"));
      return this;
    }

    /** An experimental option with a boolean value (sent as "true" or "false"). */
    public Builder experimentalOption(String name, boolean value) {
      experimentalOptions.put(Args.notBlank(name, "name"), Boolean.toString(value));
      return this;
    }

    /** Enables memory snapshots (default false). */
    public Builder experimentalEnableSnapshot(boolean enable) {
      this.experimentalEnableSnapshot = enable;
      return this;
    }

    /**
     * The params, after the rules between values.
     *
     * @throws InvalidException if a limit is set without its request or below it, or network
     *     blocking is combined with an allowlist or i6pn
     */
    public SandboxCreateParams build() {
      if (cpuLimit != null && cpu == null) {
        throw new InvalidException("must also specify cpu when cpuLimit is specified");
      }
      if (cpuLimit != null && cpuLimit < cpu) {
        throw new InvalidException(
            "cpu (" + cpu + ") cannot be higher than cpuLimit (" + cpuLimit + ")");
      }
      if (memoryLimitMiB != null && memoryMiB == null) {
        throw new InvalidException("must also specify memoryMiB when memoryLimitMiB is specified");
      }
      if (memoryLimitMiB != null && memoryLimitMiB < memoryMiB) {
        throw new InvalidException(
            "the memoryMiB request ("
                + memoryMiB
                + ") cannot be higher than memoryLimitMiB ("
                + memoryLimitMiB
                + ")");
      }
      if (blockNetwork) {
        if (i6pn) {
          throw new InvalidException(
              "blockNetwork disables all networking, including i6pn. To keep i6pn while blocking"
                  + " public egress, use an empty outbound allowlist instead.");
        }
        if (inboundCidrAllowlist != null) {
          throw new InvalidException(
              "inboundCidrAllowlist cannot be used when blockNetwork is enabled");
        }
        if (outboundCidrAllowlist != null) {
          throw new InvalidException(
              "outboundCidrAllowlist cannot be used when blockNetwork is enabled");
        }
        if (outboundDomainAllowlist != null) {
          throw new InvalidException(
              "outboundDomainAllowlist cannot be used when blockNetwork is enabled");
        }
      }
      return new SandboxCreateParams(this);
    }
  }
}
