package dev.modal4j.testing.sandboxes;

import dev.modal4j.proto.NetworkAccess.NetworkAccessType;
import dev.modal4j.proto.PortSpec;
import dev.modal4j.proto.Probe;
import dev.modal4j.proto.Resources;
import dev.modal4j.proto.Sandbox;
import dev.modal4j.proto.SandboxTag;
import dev.modal4j.proto.VolumeMount;
import dev.modal4j.testing.classes.KnownGpus;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks a sandbox definition as Modal's control plane does, before anything is started. */
final class SandboxDefinitions {
  /** The longest timeout Modal allows, 24 hours. */
  static final int MAX_TIMEOUT_SECS = 24 * 60 * 60;

  private static final Set<String> CLOUDS = Set.of("aws", "gcp", "oci", "azure", "auto");
  private static final Set<String> BROAD_REGIONS =
      Set.of(
          "us",
          "eu",
          "uk",
          "ap",
          "jp",
          "ca",
          "au",
          "me",
          "sa",
          "af",
          "mx",
          "us-east",
          "us-west",
          "us-central",
          "us-south",
          "eu-west",
          "eu-north",
          "eu-central",
          "ap-south",
          "ap-northeast",
          "ap-southeast",
          "ap-melbourne",
          "ca-east",
          "ca-west");
  private static final Pattern CLOUD_REGION =
      Pattern.compile("[a-z]{2,}(-[a-z]+)+-?[0-9]{1,2}[a-z]?");
  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9\\-_.]{1,64}");
  private static final Pattern IPV4 =
      Pattern.compile(
          "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
  private static final Pattern DOMAIN =
      Pattern.compile(
          "(\\*\\.)?([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z][A-Za-z0-9-]{0,62}");
  private static final Pattern TAG_NAME = Pattern.compile("[A-Za-z0-9\\-_.:/]{1,64}");

  private SandboxDefinitions() {}

  /** The checks that need nothing but the definition and the tags. */
  static void check(Sandbox d, List<SandboxTag> tags) {
    if (d.getTimeoutSecs() > MAX_TIMEOUT_SECS) {
      throw invalid(
          "timeout_secs must be at most " + MAX_TIMEOUT_SECS + ", got " + d.getTimeoutSecs());
    }
    if (d.hasIdleTimeoutSecs()
        && (d.getIdleTimeoutSecs() < 1 || d.getIdleTimeoutSecs() > MAX_TIMEOUT_SECS)) {
      throw invalid(
          "idle_timeout_secs must be within [1, "
              + MAX_TIMEOUT_SECS
              + "], got "
              + d.getIdleTimeoutSecs());
    }
    if (d.hasWorkdir() && !d.getWorkdir().startsWith("/")) {
      throw invalid("workdir must be an absolute path, got: " + d.getWorkdir());
    }
    if (d.hasName() && !d.getName().isEmpty() && !NAME.matcher(d.getName()).matches()) {
      throw invalid("Invalid Sandbox name '" + d.getName() + "'");
    }
    checkResources(d.getResources());
    checkPlacement(d);
    checkNetwork(d);
    checkPorts(d.getOpenPorts().getPortsList());
    if (d.hasReadinessProbe()) {
      checkProbe(d.getReadinessProbe());
    }
    for (VolumeMount m : d.getVolumeMountsList()) {
      if (!m.getMountPath().startsWith("/")) {
        throw invalid("volume mount path must be absolute, got: " + m.getMountPath());
      }
    }
    long argBytes = d.getEntrypointArgsList().stream().mapToLong(String::length).sum();
    if (argBytes > 65536) {
      throw invalid("entrypoint arguments exceed 65536 bytes");
    }
    for (SandboxTag tag : tags) {
      if (!TAG_NAME.matcher(tag.getTagName()).matches() || tag.getTagValue().length() > 256) {
        throw invalid("Invalid Sandbox tag '" + tag.getTagName() + "'");
      }
    }
  }

  private static void checkResources(Resources r) {
    if (r.getMilliCpuMax() > 0 && r.getMilliCpuMax() < r.getMilliCpu()) {
      throw invalid("the CPU limit must be at least the CPU request");
    }
    if (r.getMilliCpuMax() > 0 && r.getMilliCpu() == 0) {
      throw invalid("a CPU limit needs a CPU request");
    }
    if (r.getMemoryMbMax() > 0 && r.getMemoryMbMax() < r.getMemoryMb()) {
      throw invalid("the memory limit must be at least the memory request");
    }
    if (r.getMemoryMbMax() > 0 && r.getMemoryMb() == 0) {
      throw invalid("a memory limit needs a memory request");
    }
    if (r.hasGpuConfig()) {
      KnownGpus.describe(r.getGpuConfig());
    }
  }

  private static void checkPlacement(Sandbox d) {
    String cloud = d.getCloudProviderStr();
    if (!cloud.isEmpty() && !CLOUDS.contains(cloud.toLowerCase(java.util.Locale.ROOT))) {
      throw invalid(
          "Invalid cloud provider '" + cloud + "'; known: " + new java.util.TreeSet<>(CLOUDS));
    }
    for (String region : d.getSchedulerPlacement().getRegionsList()) {
      if (!BROAD_REGIONS.contains(region) && !CLOUD_REGION.matcher(region).matches()) {
        throw invalid("Invalid region '" + region + "'");
      }
    }
  }

  private static void checkNetwork(Sandbox d) {
    boolean blocked =
        d.getBlockNetwork()
            || d.getNetworkAccess().getNetworkAccessType() == NetworkAccessType.BLOCKED;
    var access = d.getNetworkAccess();
    if (access.getNetworkAccessType() == NetworkAccessType.BLOCKED
        && (access.getAllowedCidrsCount() > 0 || access.getAllowedDomainsCount() > 0)) {
      throw invalid("a blocked network cannot have CIDR or domain allowlists");
    }
    for (String cidr : access.getAllowedCidrsList()) {
      checkCidr(cidr);
    }
    for (String cidr : d.getInboundCidrAllowlistList()) {
      checkCidr(cidr);
    }
    for (String domain : access.getAllowedDomainsList()) {
      if (domain.length() > 253 || !DOMAIN.matcher(domain).matches()) {
        throw invalid("Invalid domain: " + domain);
      }
    }
    if (blocked && d.getI6PnEnabled()) {
      throw invalid("i6pn cannot be enabled on a sandbox whose network is blocked");
    }
    if (blocked && d.getInboundCidrAllowlistCount() > 0) {
      throw invalid("an inbound CIDR allowlist needs the network, which is blocked");
    }
  }

  private static void checkCidr(String cidr) {
    int slash = cidr.indexOf('/');
    String address = slash < 0 ? cidr : cidr.substring(0, slash);
    boolean v4 = IPV4.matcher(address).matches();
    boolean v6 = !v4 && IPV6.matcher(address).matches() && isIpv6Literal(address);
    int max = v4 ? 32 : 128;
    boolean ok = v4 || v6;
    if (ok && slash >= 0) {
      String prefix = cidr.substring(slash + 1);
      ok = prefix.matches("\\d{1,3}") && Integer.parseInt(prefix) <= max;
    }
    if (!ok) {
      throw invalid("Invalid CIDR: " + cidr);
    }
  }

  private static boolean isIpv6Literal(String address) {
    try {
      // a literal with a colon is parsed, never looked up
      return java.net.InetAddress.getByName(address) instanceof java.net.Inet6Address;
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }

  private static void checkPorts(List<PortSpec> ports) {
    Set<Integer> seen = new HashSet<>();
    for (PortSpec p : ports) {
      if (p.getPort() < 1 || p.getPort() > 65535) {
        throw invalid("port must be within [1, 65535], got " + p.getPort());
      }
      if (!seen.add(p.getPort())) {
        throw invalid("port " + p.getPort() + " is opened twice");
      }
    }
  }

  private static void checkProbe(Probe probe) {
    switch (probe.getProbeOneofCase()) {
      case TCP_PORT -> {
        if (probe.getTcpPort() < 1 || probe.getTcpPort() > 65535) {
          throw invalid(
              "readiness probe port must be within [1, 65535], got " + probe.getTcpPort());
        }
      }
      case EXEC_COMMAND -> {
        if (probe.getExecCommand().getArgvCount() == 0) {
          throw invalid("readiness probe command must not be empty");
        }
      }
      default -> throw invalid("readiness probe needs a TCP port or a command");
    }
  }

  static StatusRuntimeException invalid(String message) {
    return Status.INVALID_ARGUMENT.withDescription(message).asRuntimeException();
  }
}
