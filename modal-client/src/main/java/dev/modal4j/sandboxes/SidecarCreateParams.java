package dev.modal4j.sandboxes;

import dev.modal4j.InvalidException;
import dev.modal4j.internal.Args;
import dev.modal4j.secrets.Secret;
import dev.modal4j.volumes.Volume;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Options of {@link SidecarService#create(String, dev.modal4j.images.Image, SidecarCreateParams)}:
 * the sidecar's command, environment, secrets, working directory, volumes, outbound network policy
 * and PTY. Experimental, as in Modal's SDKs.
 */
public final class SidecarCreateParams {
  /** The image's own command, no variables, open network, no PTY. */
  public static final SidecarCreateParams DEFAULT = builder().build();

  private final List<String> command;
  private final Map<String, String> env;
  private final List<Secret> secrets;
  private final String workdir;
  private final Map<String, Volume> volumes;
  private final List<String> outboundCidrAllowlist;
  private final List<String> outboundDomainAllowlist;
  private final boolean pty;

  private SidecarCreateParams(Builder b) {
    command = b.command;
    env = Map.copyOf(b.env);
    secrets = b.secrets;
    workdir = b.workdir;
    volumes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.volumes));
    outboundCidrAllowlist = b.outboundCidrAllowlist;
    outboundDomainAllowlist = b.outboundDomainAllowlist;
    pty = b.pty;
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.command = command;
    b.env.putAll(env);
    b.secrets = secrets;
    b.workdir = workdir;
    b.volumes.putAll(volumes);
    b.outboundCidrAllowlist = outboundCidrAllowlist;
    b.outboundDomainAllowlist = outboundDomainAllowlist;
    b.pty = pty;
    return b;
  }

  /** The command the sidecar runs on start; empty: it idles until terminated. */
  public List<String> command() {
    return command;
  }

  /** The sidecar's environment variables (over its secrets' variables). */
  public Map<String, String> env() {
    return env;
  }

  /** Secrets injected as the sidecar's environment variables. */
  public List<Secret> secrets() {
    return secrets;
  }

  /** The sidecar's working directory, if set. */
  public Optional<String> workdir() {
    return Optional.ofNullable(workdir);
  }

  /** Volumes mounted in the sidecar, by mount path. */
  public Map<String, Volume> volumes() {
    return volumes;
  }

  /** The CIDRs the sidecar may reach, if limited (empty list: no external egress). */
  public Optional<List<String>> outboundCidrAllowlist() {
    return Optional.ofNullable(outboundCidrAllowlist);
  }

  /** The domains the sidecar may reach, if limited ({@code *.example.com} wildcards allowed). */
  public Optional<List<String>> outboundDomainAllowlist() {
    return Optional.ofNullable(outboundDomainAllowlist);
  }

  /** Whether the sidecar's command runs on a PTY. */
  public boolean pty() {
    return pty;
  }

  @Override
  public String toString() {
    return "SidecarCreateParams{command="
        + command
        + ", env="
        + env.keySet()
        + ", secrets="
        + secrets
        + ", workdir="
        + workdir
        + ", volumes="
        + volumes.keySet()
        + ", outboundCidrAllowlist="
        + outboundCidrAllowlist
        + ", outboundDomainAllowlist="
        + outboundDomainAllowlist
        + ", pty="
        + pty
        + "}";
  }

  /** Builds {@link SidecarCreateParams}. */
  public static final class Builder {
    private List<String> command = List.of();
    private final Map<String, String> env = new TreeMap<>();
    private List<Secret> secrets = List.of();
    private String workdir;
    private final Map<String, Volume> volumes = new LinkedHashMap<>();
    private List<String> outboundCidrAllowlist;
    private List<String> outboundDomainAllowlist;
    private boolean pty;

    private Builder() {}

    /**
     * The command the sidecar runs on start.
     *
     * @throws InvalidException if it is null, holds null, or is longer than 65536 bytes
     */
    public Builder command(List<String> command) {
      this.command = SidecarChecks.command(command, "command");
      return this;
    }

    /**
     * The sidecar's environment variables; replaces earlier ones.
     *
     * @throws InvalidException if a name is not a valid variable name or a value is null
     */
    public Builder env(Map<String, String> env) {
      Map<String, String> checked = Checks.env(env, "env");
      this.env.clear();
      this.env.putAll(checked);
      return this;
    }

    /** Secrets injected as the sidecar's environment variables; replaces earlier ones. */
    public Builder secrets(List<Secret> secrets) {
      this.secrets = List.copyOf(Args.noNullElements(secrets, "secrets"));
      return this;
    }

    /**
     * The sidecar's working directory.
     *
     * @throws InvalidException if it is not an absolute path
     */
    public Builder workdir(String workdir) {
      this.workdir = Checks.absolutePath(workdir, "workdir");
      return this;
    }

    /**
     * Volumes to mount, by absolute mount path; replaces earlier ones.
     *
     * @throws InvalidException if a path is not absolute or a volume is null, or one volume is
     *     mounted at two paths
     */
    public Builder volumes(Map<String, Volume> volumes) {
      this.volumes.clear();
      this.volumes.putAll(SidecarChecks.volumes(volumes, "volumes"));
      return this;
    }

    /**
     * The only CIDRs the sidecar may reach (independent of the main container; an empty list blocks
     * external egress but keeps the main container reachable).
     *
     * @throws InvalidException if the list is null or holds null
     */
    public Builder outboundCidrAllowlist(List<String> outboundCidrAllowlist) {
      this.outboundCidrAllowlist = Checks.strings(outboundCidrAllowlist, "outboundCidrAllowlist");
      return this;
    }

    /**
     * The only domains the sidecar may reach ({@code *.example.com} wildcards allowed).
     *
     * @throws InvalidException if the list is null or holds null
     */
    public Builder outboundDomainAllowlist(List<String> outboundDomainAllowlist) {
      this.outboundDomainAllowlist =
          Checks.strings(outboundDomainAllowlist, "outboundDomainAllowlist");
      return this;
    }

    /** Runs the sidecar's command with a PTY (default false). */
    public Builder pty(boolean pty) {
      this.pty = pty;
      return this;
    }

    /** The params with the values set so far. */
    public SidecarCreateParams build() {
      return new SidecarCreateParams(this);
    }
  }
}
