package dev.modal4j.sandboxes;

import dev.modal4j.internal.options.GpuConfigs;
import dev.modal4j.internal.options.VolumeMounts;
import dev.modal4j.proto.NetworkAccess;
import dev.modal4j.proto.PTYInfo;
import dev.modal4j.proto.PortSpec;
import dev.modal4j.proto.PortSpecs;
import dev.modal4j.proto.Resources;
import dev.modal4j.proto.SandboxCreateRequest;
import dev.modal4j.proto.SandboxTag;
import dev.modal4j.proto.SchedulerPlacement;
import dev.modal4j.proto.TunnelType;
import dev.modal4j.volumes.Volume;
import java.util.List;
import java.util.Map;

/** {@link SandboxCreateParams} to the wire's SandboxCreateRequest (protocol/resources.md §5.3). */
final class SandboxDefinition {
  static final int DEFAULT_TIMEOUT_SECS = 300;

  private SandboxDefinition() {}

  static PTYInfo defaultPty() {
    return PTYInfo.newBuilder()
        .setEnabled(true)
        .setWinszRows(24)
        .setWinszCols(80)
        .setEnvTerm("xterm-256color")
        .setEnvColorterm("truecolor")
        .setPtyType(PTYInfo.PTYType.PTY_TYPE_SHELL)
        .setNoTerminateOnIdleStdin(true)
        .build();
  }

  static List<SandboxTag> tags(Map<String, String> tags) {
    return tags.entrySet().stream()
        .map(e -> SandboxTag.newBuilder().setTagName(e.getKey()).setTagValue(e.getValue()).build())
        .collect(java.util.stream.Collectors.toList());
  }

  static NetworkAccess networkAccess(SandboxCreateParams p) {
    if (p.blockNetwork) {
      return NetworkAccess.newBuilder()
          .setNetworkAccessType(NetworkAccess.NetworkAccessType.BLOCKED)
          .build();
    }
    if (p.outboundCidrAllowlist != null || p.outboundDomainAllowlist != null) {
      NetworkAccess.Builder b =
          NetworkAccess.newBuilder()
              .setNetworkAccessType(NetworkAccess.NetworkAccessType.ALLOWLIST);
      if (p.outboundCidrAllowlist != null) {
        b.addAllAllowedCidrs(p.outboundCidrAllowlist);
      }
      if (p.outboundDomainAllowlist != null) {
        b.addAllAllowedDomains(p.outboundDomainAllowlist);
      }
      return b.build();
    }
    return NetworkAccess.newBuilder()
        .setNetworkAccessType(NetworkAccess.NetworkAccessType.OPEN)
        .build();
  }

  /**
   * The request creating a sandbox of {@code imageId} in {@code appId}; {@code secretIds} are the
   * params' secrets plus the one holding their env.
   */
  static SandboxCreateRequest request(
      String appId, String imageId, SandboxCreateParams p, List<String> secretIds) {
    Resources.Builder resources = Resources.newBuilder().setGpuConfig(GpuConfigs.toProto(p.gpu));
    if (p.cpu != null) {
      resources.setMilliCpu((int) (1000 * p.cpu));
    }
    if (p.cpuLimit != null) {
      resources.setMilliCpuMax((int) (1000 * p.cpuLimit));
    }
    if (p.memoryMiB != null) {
      resources.setMemoryMb(p.memoryMiB);
    }
    if (p.memoryLimitMiB != null) {
      resources.setMemoryMbMax(p.memoryLimitMiB);
    }
    PortSpecs.Builder ports = PortSpecs.newBuilder();
    for (int port : p.encryptedPorts) {
      ports.addPorts(PortSpec.newBuilder().setPort(port).setUnencrypted(false));
    }
    for (int port : p.h2Ports) {
      ports.addPorts(
          PortSpec.newBuilder()
              .setPort(port)
              .setUnencrypted(false)
              .setTunnelType(TunnelType.TUNNEL_TYPE_H2));
    }
    for (int port : p.unencryptedPorts) {
      ports.addPorts(PortSpec.newBuilder().setPort(port).setUnencrypted(true));
    }
    dev.modal4j.proto.Sandbox.Builder d =
        dev.modal4j.proto.Sandbox.newBuilder()
            .addAllEntrypointArgs(p.command)
            .setImageId(imageId)
            .addAllSecretIds(secretIds)
            .setResources(resources)
            .setTimeoutSecs(p.timeout != null ? (int) p.timeout.getSeconds() : DEFAULT_TIMEOUT_SECS)
            .setNetworkAccess(networkAccess(p))
            .setOpenPorts(ports)
            .setCloudProviderStr(p.cloud != null ? p.cloud : "")
            .setVerbose(p.verbose)
            .putAllExperimentalOptionsV2(p.experimentalOptions)
            .setIncludeOidcIdentityToken(p.includeOidcIdentityToken)
            .addAllInboundCidrAllowlist(
                p.inboundCidrAllowlist != null ? p.inboundCidrAllowlist : List.of())
            .setI6PnEnabled(p.i6pn)
            .setEnableSnapshot(p.experimentalEnableSnapshot);
    if (p.idleTimeout != null) {
      d.setIdleTimeoutSecs((int) p.idleTimeout.getSeconds());
    }
    if (p.workdir != null) {
      d.setWorkdir(p.workdir);
    }
    for (Map.Entry<String, Volume> e : p.volumes.entrySet()) {
      d.addVolumeMounts(VolumeMounts.of(e.getKey(), e.getValue()));
    }
    p.cloudBucketMounts.forEach((path, m) -> d.addCloudBucketMounts(m.toProto(path)));
    if (p.pty) {
      d.setPtyInfo(defaultPty());
    }
    if (!p.regions.isEmpty()) {
      d.setSchedulerPlacement(SchedulerPlacement.newBuilder().addAllRegions(p.regions));
    }
    if (p.proxyId != null) {
      d.setProxyId(p.proxyId);
    }
    if (p.readinessProbe != null) {
      d.setReadinessProbe(p.readinessProbe.toProto());
    }
    if (p.name != null) {
      d.setName(p.name);
    }
    if (p.customDomain != null) {
      d.setCustomDomain(p.customDomain);
    }
    return SandboxCreateRequest.newBuilder()
        .setAppId(appId)
        .setDefinition(d)
        .addAllTags(tags(p.tags))
        .build();
  }
}
