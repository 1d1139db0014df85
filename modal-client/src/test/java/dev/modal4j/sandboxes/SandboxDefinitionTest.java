package dev.modal4j.sandboxes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modal4j.Gpu;
import dev.modal4j.InvalidException;
import dev.modal4j.proto.CloudBucketMount.BucketType;
import dev.modal4j.proto.NetworkAccess.NetworkAccessType;
import dev.modal4j.proto.PTYInfo;
import dev.modal4j.proto.SandboxCreateRequest;
import dev.modal4j.proto.TunnelType;
import dev.modal4j.secrets.Secret;
import dev.modal4j.volumes.Volume;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SandboxCreateParams to the Sandbox definition (protocol/resources.md §5.3), and its checks. */
class SandboxDefinitionTest {

  private static SandboxCreateRequest request(SandboxCreateParams p) {
    return SandboxDefinition.request("ap-1", "im-1", p, List.of("st-1"));
  }

  @Test
  void defaultsAreModalsDefaults() {
    var d = request(SandboxCreateParams.DEFAULT).getDefinition();
    assertThat(d.getTimeoutSecs()).isEqualTo(300);
    assertThat(d.hasIdleTimeoutSecs()).isFalse();
    assertThat(d.hasWorkdir()).isFalse();
    assertThat(d.getNetworkAccess().getNetworkAccessType()).isEqualTo(NetworkAccessType.OPEN);
    assertThat(d.hasOpenPorts()).isTrue();
    assertThat(d.getOpenPorts().getPortsList()).isEmpty();
    assertThat(d.hasPtyInfo()).isFalse();
    assertThat(d.hasSchedulerPlacement()).isFalse();
    assertThat(d.hasName()).isFalse();
    assertThat(d.getResources().getGpuConfig().getCount()).isZero();
    assertThat(d.getImageId()).isEqualTo("im-1");
    assertThat(d.getSecretIdsList()).containsExactly("st-1");
  }

  @Test
  void everyParameterLandsWhereModalReadsIt() {
    SandboxCreateParams p =
        SandboxCreateParams.builder()
            .cpu(1.5)
            .cpuLimit(2.25)
            .memoryMiB(512)
            .memoryLimitMiB(1024)
            .gpu("A100-80G:2")
            .timeout(Duration.ofMinutes(10))
            .idleTimeout(Duration.ofSeconds(30))
            .workdir("/work")
            .command(List.of("sleep", "infinity"))
            .volumes(Map.of("/data", Volume.fromId("vo-1").readOnly()))
            .cloudBucketMounts(
                Map.of(
                    "/bucket",
                    CloudBucketMount.builder("b")
                        .secret(Secret.fromId("st-2"))
                        .bucketEndpointUrl("https://acct.r2.cloudflarestorage.com")
                        .keyPrefix("p/")
                        .build()))
            .pty(true)
            .encryptedPorts(List.of(443))
            .h2Ports(List.of(8443))
            .unencryptedPorts(List.of(8080))
            .outboundCidrAllowlist(List.of("10.0.0.0/8"))
            .inboundCidrAllowlist(List.of("1.2.3.4/32"))
            .i6pn(true)
            .cloud("aws")
            .regions(List.of("us-east-1"))
            .verbose(true)
            .proxyId("pr-1")
            .readinessProbe(Probe.tcp(8080, Duration.ofMillis(250)))
            .name("web")
            .tags(Map.of("team", "a"))
            .customDomain("example.com")
            .includeOidcIdentityToken(true)
            .experimentalOption("flag", true)
            .experimentalOption("mode", "x")
            .experimentalEnableSnapshot(true)
            .build();
    SandboxCreateRequest r = request(p);
    var d = r.getDefinition();
    assertThat(r.getAppId()).isEqualTo("ap-1");
    assertThat(r.getTagsList())
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.getTagName()).isEqualTo("team");
              assertThat(t.getTagValue()).isEqualTo("a");
            });
    assertThat(d.getResources().getMilliCpu()).isEqualTo(1500);
    assertThat(d.getResources().getMilliCpuMax()).isEqualTo(2250);
    assertThat(d.getResources().getMemoryMb()).isEqualTo(512);
    assertThat(d.getResources().getMemoryMbMax()).isEqualTo(1024);
    assertThat(d.getResources().getGpuConfig().getGpuType()).isEqualTo("A100-80GB");
    assertThat(d.getResources().getGpuConfig().getCount()).isEqualTo(2);
    assertThat(d.getTimeoutSecs()).isEqualTo(600);
    assertThat(d.getIdleTimeoutSecs()).isEqualTo(30);
    assertThat(d.getWorkdir()).isEqualTo("/work");
    assertThat(d.getEntrypointArgsList()).containsExactly("sleep", "infinity");
    assertThat(d.getVolumeMounts(0).getVolumeId()).isEqualTo("vo-1");
    assertThat(d.getVolumeMounts(0).getMountPath()).isEqualTo("/data");
    assertThat(d.getVolumeMounts(0).getReadOnly()).isTrue();
    var bucket = d.getCloudBucketMounts(0);
    assertThat(bucket.getMountPath()).isEqualTo("/bucket");
    assertThat(bucket.getBucketType()).isEqualTo(BucketType.R2);
    assertThat(bucket.getCredentialsSecretId()).isEqualTo("st-2");
    assertThat(bucket.getKeyPrefix()).isEqualTo("p/");
    assertThat(d.getPtyInfo().getPtyType()).isEqualTo(PTYInfo.PTYType.PTY_TYPE_SHELL);
    assertThat(d.getPtyInfo().getWinszRows()).isEqualTo(24);
    assertThat(d.getPtyInfo().getWinszCols()).isEqualTo(80);
    assertThat(d.getPtyInfo().getEnvTerm()).isEqualTo("xterm-256color");
    assertThat(d.getPtyInfo().getNoTerminateOnIdleStdin()).isTrue();
    var ports = d.getOpenPorts().getPortsList();
    assertThat(ports).extracting(x -> x.getPort()).containsExactly(443, 8443, 8080);
    assertThat(ports).extracting(x -> x.getUnencrypted()).containsExactly(false, false, true);
    assertThat(ports.get(0).hasTunnelType()).isFalse();
    assertThat(ports.get(1).getTunnelType()).isEqualTo(TunnelType.TUNNEL_TYPE_H2);
    assertThat(d.getNetworkAccess().getNetworkAccessType()).isEqualTo(NetworkAccessType.ALLOWLIST);
    assertThat(d.getNetworkAccess().getAllowedCidrsList()).containsExactly("10.0.0.0/8");
    assertThat(d.getNetworkAccess().getAllowedDomainsList()).isEmpty();
    assertThat(d.getInboundCidrAllowlistList()).containsExactly("1.2.3.4/32");
    assertThat(d.getI6PnEnabled()).isTrue();
    assertThat(d.getCloudProviderStr()).isEqualTo("aws");
    assertThat(d.getSchedulerPlacement().getRegionsList()).containsExactly("us-east-1");
    assertThat(d.getVerbose()).isTrue();
    assertThat(d.getProxyId()).isEqualTo("pr-1");
    assertThat(d.getReadinessProbe().getTcpPort()).isEqualTo(8080);
    assertThat(d.getReadinessProbe().getIntervalMs()).isEqualTo(250);
    assertThat(d.getName()).isEqualTo("web");
    assertThat(d.getCustomDomain()).isEqualTo("example.com");
    assertThat(d.getIncludeOidcIdentityToken()).isTrue();
    assertThat(d.getExperimentalOptionsV2Map())
        .containsEntry("flag", "true")
        .containsEntry("mode", "x");
    assertThat(d.getEnableSnapshot()).isTrue();
  }

  @Test
  void blockedNetworkIsBlockedWithEmptyLists() {
    var d = request(SandboxCreateParams.builder().blockNetwork(true).build()).getDefinition();
    assertThat(d.getNetworkAccess().getNetworkAccessType()).isEqualTo(NetworkAccessType.BLOCKED);
    assertThat(d.getBlockNetwork()).isFalse();
  }

  @Test
  void anExecProbeAndAGpuConstant() {
    var d =
        request(
                SandboxCreateParams.builder()
                    .gpu(Gpu.T4.count(2))
                    .readinessProbe(Probe.exec(List.of("test", "-f", "/ready")))
                    .build())
            .getDefinition();
    assertThat(d.getResources().getGpuConfig().getGpuType()).isEqualTo("T4");
    assertThat(d.getResources().getGpuConfig().getCount()).isEqualTo(2);
    assertThat(d.getReadinessProbe().getExecCommand().getArgvList())
        .containsExactly("test", "-f", "/ready");
    assertThat(d.getReadinessProbe().getIntervalMs()).isEqualTo(100);
  }

  @Test
  void badValuesAreRefusedWithModalsMessages() {
    var b = SandboxCreateParams.builder();
    assertThatThrownBy(() -> b.cpu(0))
        .isInstanceOf(InvalidException.class)
        .hasMessageContaining("cpu");
    assertThatThrownBy(() -> b.memoryMiB(-1)).isInstanceOf(InvalidException.class);
    assertThatThrownBy(() -> b.gpu("T4:0")).isInstanceOf(InvalidException.class);
    assertThatThrownBy(() -> b.gpu("T4:x")).isInstanceOf(InvalidException.class);
    assertThatThrownBy(() -> b.timeout(Duration.ofMillis(1500)))
        .isInstanceOf(InvalidException.class)
        .hasMessageContaining("whole number of seconds");
    assertThatThrownBy(() -> b.timeout(Duration.ZERO)).isInstanceOf(InvalidException.class);
    assertThatThrownBy(() -> b.idleTimeout(Duration.ofSeconds(-1)))
        .isInstanceOf(InvalidException.class);
    assertThatThrownBy(() -> b.workdir("relative"))
        .isInstanceOf(InvalidException.class)
        .hasMessageContaining("absolute");
    assertThatThrownBy(() -> b.env(Map.of("1BAD", "x"))).isInstanceOf(InvalidException.class);
    assertThatThrownBy(() -> b.volumes(Map.of("data", Volume.fromId("vo-1"))))
        .isInstanceOf(InvalidException.class);
    assertThatThrownBy(() -> b.encryptedPorts(List.of(0))).isInstanceOf(InvalidException.class);
    assertThatThrownBy(() -> Probe.tcp(70000)).isInstanceOf(InvalidException.class);
    assertThatThrownBy(() -> Probe.exec(List.of())).isInstanceOf(InvalidException.class);
    assertThatThrownBy(() -> CloudBucketMount.builder("b").keyPrefix("nope"))
        .isInstanceOf(InvalidException.class);
    assertThatThrownBy(() -> CloudBucketMount.builder("b").requesterPays(true).build())
        .isInstanceOf(InvalidException.class);
    assertThatThrownBy(() -> ConnectTokenParams.builder().port(0))
        .isInstanceOf(InvalidException.class);
  }

  @Test
  void rulesBetweenValuesAreCheckedByBuild() {
    assertThatThrownBy(() -> SandboxCreateParams.builder().cpuLimit(2).build())
        .isInstanceOf(InvalidException.class)
        .hasMessage("must also specify cpu when cpuLimit is specified");
    assertThatThrownBy(() -> SandboxCreateParams.builder().cpu(2).cpuLimit(1).build())
        .isInstanceOf(InvalidException.class)
        .hasMessageContaining("cannot be higher than cpuLimit");
    assertThatThrownBy(() -> SandboxCreateParams.builder().memoryLimitMiB(2).build())
        .isInstanceOf(InvalidException.class);
    assertThatThrownBy(() -> SandboxCreateParams.builder().memoryMiB(4).memoryLimitMiB(2).build())
        .isInstanceOf(InvalidException.class);
    assertThatThrownBy(() -> SandboxCreateParams.builder().blockNetwork(true).i6pn(true).build())
        .isInstanceOf(InvalidException.class)
        .hasMessageContaining("i6pn");
    assertThatThrownBy(
            () ->
                SandboxCreateParams.builder()
                    .blockNetwork(true)
                    .outboundCidrAllowlist(List.of())
                    .build())
        .isInstanceOf(InvalidException.class);
    assertThatThrownBy(
            () ->
                SandboxCreateParams.builder()
                    .blockNetwork(true)
                    .inboundCidrAllowlist(List.of("1.1.1.1/32"))
                    .build())
        .isInstanceOf(InvalidException.class);
  }

  @Test
  void execParamsAreCheckedToo() {
    var b = ExecParams.builder();
    assertThatThrownBy(() -> b.timeout(Duration.ofMillis(10))).isInstanceOf(InvalidException.class);
    assertThatThrownBy(() -> b.workdir("tmp")).isInstanceOf(InvalidException.class);
    assertThatThrownBy(() -> b.env(Map.of("A-B", "x"))).isInstanceOf(InvalidException.class);
  }

  @Test
  void tunnelsFormatModalsUrlsAndRefuseTcpWithoutAnUnencryptedEndpoint() {
    assertThat(new Tunnel("h.modal.host", 443, null, null).url()).isEqualTo("https://h.modal.host");
    assertThat(new Tunnel("h", 8443, null, null).url()).isEqualTo("https://h:8443");
    assertThat(new Tunnel("h", 443, "r.modal.host", 40001).tcpSocket().getPort()).isEqualTo(40001);
    assertThatThrownBy(() -> new Tunnel("h", 443, null, null).tcpSocket())
        .isInstanceOf(InvalidException.class)
        .hasMessage("This tunnel is not configured for unencrypted TCP.");
  }
}
