package dev.modal4j.testing.sandboxes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modal4j.proto.FileDescriptor;
import dev.modal4j.proto.GPUConfig;
import dev.modal4j.proto.GenericResult.GenericStatus;
import dev.modal4j.proto.NetworkAccess;
import dev.modal4j.proto.ObjectCreationType;
import dev.modal4j.proto.PortSpec;
import dev.modal4j.proto.PortSpecs;
import dev.modal4j.proto.Probe;
import dev.modal4j.proto.Resources;
import dev.modal4j.proto.Sandbox;
import dev.modal4j.proto.SandboxCreateConnectTokenRequest;
import dev.modal4j.proto.SandboxCreateConnectTokenResponse;
import dev.modal4j.proto.SandboxCreateRequest;
import dev.modal4j.proto.SandboxGetTunnelsRequest;
import dev.modal4j.proto.SandboxGetTunnelsResponse;
import dev.modal4j.proto.SchedulerPlacement;
import dev.modal4j.proto.SecretGetOrCreateRequest;
import dev.modal4j.proto.TunnelData;
import dev.modal4j.proto.VolumeGetOrCreateRequest;
import dev.modal4j.proto.VolumeMount;
import dev.modal4j.testing.sandboxes.backend.MountSpec;
import dev.modal4j.testing.sandboxes.backend.SandboxSpec;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SandboxCreateTest {
  private static SandboxFixture fx;

  @BeforeAll
  static void start() {
    fx = new SandboxFixture();
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  @Test
  void badDefinitionsAreRefusedAndStartNothing() {
    int before = fx.emulator.sandboxes().all().size();
    assertInvalid(
        fx.definition().setWorkdir("relative/path"),
        "workdir must be an absolute path, got: relative/path");
    assertInvalid(fx.definition().setTimeoutSecs(86401), "timeout_secs");
    assertInvalid(fx.definition().setIdleTimeoutSecs(0), "idle_timeout_secs");
    assertInvalid(fx.definition().setCloudProviderStr("invalid-cloud"), "cloud");
    assertInvalid(
        fx.definition()
            .setSchedulerPlacement(SchedulerPlacement.newBuilder().addRegions("invalid-region")),
        "region");
    assertInvalid(
        fx.definition().setResources(Resources.newBuilder().setMilliCpu(2000).setMilliCpuMax(1000)),
        "CPU limit");
    assertInvalid(
        fx.definition().setResources(Resources.newBuilder().setMemoryMbMax(512)), "memory limit");
    assertInvalid(
        fx.definition()
            .setResources(
                Resources.newBuilder()
                    .setGpuConfig(GPUConfig.newBuilder().setGpuType("Z9").setCount(1))),
        "GPU");
    assertInvalid(
        fx.definition()
            .setOpenPorts(PortSpecs.newBuilder().addPorts(PortSpec.newBuilder().setPort(70000))),
        "port");
    assertInvalid(
        fx.definition()
            .setNetworkAccess(
                NetworkAccess.newBuilder()
                    .setNetworkAccessType(NetworkAccess.NetworkAccessType.BLOCKED)
                    .addAllowedCidrs("10.0.0.0/8")),
        "allowlist");
    assertInvalid(allowlist("not-an-ip/8", "example.com"), "Invalid CIDR: not-an-ip/8");
    assertInvalid(allowlist("10.0.0.0/33", "example.com"), "Invalid CIDR: 10.0.0.0/33");
    assertInvalid(allowlist("10.0.0.0/8", "not a valid domain!"), "Invalid domain");
    assertInvalid(
        fx.definition().addInboundCidrAllowlist("300.1.1.1/8"), "Invalid CIDR: 300.1.1.1/8");
    assertInvalid(fx.definition().setReadinessProbe(Probe.newBuilder().setTcpPort(0)), "probe");
    assertInvalid(fx.definition().setName("bad name!"), "name");

    assertCode(fx.definition().setImageId("im-unknown"), Status.Code.NOT_FOUND);
    assertCode(fx.definition().addSecretIds("st-unknown"), Status.Code.NOT_FOUND);
    assertCode(
        fx.definition()
            .addVolumeMounts(
                VolumeMount.newBuilder().setVolumeId("vo-unknown").setMountPath("/data")),
        Status.Code.NOT_FOUND);
    assertThatThrownBy(
            () ->
                fx.stub.sandboxCreate(
                    SandboxCreateRequest.newBuilder()
                        .setAppId("ap-unknown")
                        .setDefinition(fx.definition())
                        .build()))
        .isInstanceOf(StatusRuntimeException.class)
        .hasMessageContaining("NOT_FOUND");
    assertThat(fx.emulator.sandboxes().all()).hasSize(before);
  }

  @Test
  void secretsAreMergedIntoTheEnvironmentInOrder() {
    String first = secret(Map.of("A", "from-first", "B", "from-first"));
    String second = secret(Map.of("B", "from-second"));
    String id =
        fx.create(
            fx.definition("sh", "-c", "echo $A $B")
                .addSecretIds(first)
                .addSecretIds(second)
                .setWorkdir("/tmp"));
    assertThat(SandboxFixture.text(fx.logs(id, FileDescriptor.FILE_DESCRIPTOR_STDOUT, "0-0")))
        .isEqualTo("from-first from-second\n");
    SandboxSpec spec = specOf(id);
    assertThat(spec.env()).containsEntry("B", "from-second").containsEntry("MODAL_SANDBOX_ID", id);
    assertThat(spec.workdir()).contains("/tmp");
    assertThat(spec.image()).isEqualTo("alpine:3.21");
  }

  @Test
  void theOidcTokenIsInTheEnvironmentOnlyWhenAskedFor() {
    String plain = fx.create(fx.definition("sh", "-c", "echo ${MODAL_IDENTITY_TOKEN:-UNSET}"));
    assertThat(SandboxFixture.text(fx.logs(plain, FileDescriptor.FILE_DESCRIPTOR_STDOUT, "0-0")))
        .isEqualTo("UNSET\n");
    String with =
        fx.create(
            fx.definition("sh", "-c", "echo ${MODAL_IDENTITY_TOKEN:-UNSET}")
                .setIncludeOidcIdentityToken(true));
    String token =
        SandboxFixture.text(fx.logs(with, FileDescriptor.FILE_DESCRIPTOR_STDOUT, "0-0")).trim();
    assertThat(token).isNotEqualTo("UNSET").contains(".");
  }

  @Test
  void volumesBecomeHostDirectoriesOfTheEmulatorsVolumeStorage() throws Exception {
    String volume =
        fx.stub
            .volumeGetOrCreate(
                VolumeGetOrCreateRequest.newBuilder()
                    .setDeploymentName("sb-vol")
                    .setObjectCreationType(
                        ObjectCreationType.OBJECT_CREATION_TYPE_CREATE_IF_MISSING)
                    .build())
            .getVolumeId();
    Path committed = fx.emulator.volumeFiles().directory(volume);
    Files.createDirectories(committed.resolve("sub/dir"));
    Files.writeString(committed.resolve("sub/dir/f.txt"), "committed\n");
    String id =
        fx.create(
            fx.definition()
                .addVolumeMounts(VolumeMount.newBuilder().setVolumeId(volume).setMountPath("/data"))
                .addVolumeMounts(
                    VolumeMount.newBuilder()
                        .setVolumeId(volume)
                        .setMountPath("/ro")
                        .setReadOnly(true)
                        .setSubPath("sub/dir")));
    SandboxSpec spec = specOf(id);
    // the volumes, then the filesystem tool every sandbox has
    assertThat(spec.mounts()).hasSize(3);
    assertThat(spec.mounts().get(2).sandboxPath())
        .isEqualTo("/__modal/.bin/modal-sandbox-fs-tools");
    assertThat(spec.mounts().get(2).readOnly()).isTrue();
    assertThat(Files.isExecutable(spec.mounts().get(2).hostPath())).isTrue();
    MountSpec data = spec.mounts().get(0);
    MountSpec ro = spec.mounts().get(1);
    assertThat(data.sandboxPath()).isEqualTo("/data");
    assertThat(data.readOnly()).isFalse();
    // each mount is a view of its own: a copy of the committed state, not the volume's directory
    assertThat(data.hostPath().getFileName().toString()).endsWith("-" + volume);
    assertThat(data.hostPath()).isNotEqualTo(committed);
    assertThat(Files.readString(data.hostPath().resolve("sub/dir/f.txt"))).isEqualTo("committed\n");
    assertThat(ro.readOnly()).isTrue();
    assertThat(ro.hostPath()).isNotEqualTo(data.hostPath().resolve("sub/dir"));
    assertThat(Files.readString(ro.hostPath().resolve("f.txt"))).isEqualTo("committed\n");
    assertThat(Files.isDirectory(ro.hostPath())).isTrue();

    assertInvalid(
        fx.definition()
            .addVolumeMounts(
                VolumeMount.newBuilder()
                    .setVolumeId(volume)
                    .setMountPath("/x")
                    .setSubPath("../../etc")),
        "sub_path");
  }

  @Test
  void enableDockerGivesTheSandboxADirectoryForDockersState() {
    String with = fx.create(fx.definition().putExperimentalOptionsV2("enable_docker", "true"));
    String old = fx.create(fx.definition().putExperimentalOptions("enable_docker", true));
    String without = fx.create(fx.definition());
    for (String id : new String[] {with, old}) {
      MountSpec docker = specOf(id).mounts().get(0);
      assertThat(docker.sandboxPath()).isEqualTo("/var/lib/docker");
      assertThat(docker.readOnly()).isFalse();
      assertThat(Files.isDirectory(docker.hostPath())).isTrue();
    }
    assertThat(specOf(with).mounts().get(0).hostPath())
        .isNotEqualTo(specOf(old).mounts().get(0).hostPath());
    assertThat(specOf(without).mounts())
        .extracting(MountSpec::sandboxPath)
        .containsExactly("/__modal/.bin/modal-sandbox-fs-tools");
  }

  @Test
  void resourcesNetworkAndPortsReachTheBackend() {
    String id =
        fx.create(
            fx.definition()
                .setResources(
                    Resources.newBuilder()
                        .setMilliCpu(500)
                        .setMilliCpuMax(1000)
                        .setMemoryMb(256)
                        .setMemoryMbMax(512))
                .setNetworkAccess(
                    NetworkAccess.newBuilder()
                        .setNetworkAccessType(NetworkAccess.NetworkAccessType.BLOCKED))
                .setOpenPorts(
                    PortSpecs.newBuilder()
                        .addPorts(PortSpec.newBuilder().setPort(8443))
                        .addPorts(PortSpec.newBuilder().setPort(8080).setUnencrypted(true))));
    SandboxSpec spec = specOf(id);
    assertThat(spec.milliCpu()).isEqualTo(500);
    assertThat(spec.milliCpuMax()).isEqualTo(1000);
    assertThat(spec.memoryMb()).isEqualTo(256);
    assertThat(spec.memoryMbMax()).isEqualTo(512);
    assertThat(spec.blockNetwork()).isTrue();
    assertThat(spec.openPorts()).containsExactly(8443, 8080);

    SandboxGetTunnelsResponse tunnels =
        fx.stub.sandboxGetTunnels(
            SandboxGetTunnelsRequest.newBuilder().setSandboxId(id).setTimeout(10).build());
    assertThat(tunnels.getResult().getStatus()).isEqualTo(GenericStatus.GENERIC_STATUS_SUCCESS);
    assertThat(tunnels.getTunnelsList()).hasSize(2);
    TunnelData tls = tunnels.getTunnels(0);
    assertThat(tls.getContainerPort()).isEqualTo(8443);
    assertThat(tls.getHost()).isEqualTo("127.0.0.1");
    // the TLS endpoint is the emulator's own listener in front of the published port
    assertThat(tls.getPort()).isPositive().isNotEqualTo(18443);
    assertThat(tls.hasUnencryptedPort()).isFalse();
    TunnelData tcp = tunnels.getTunnels(1);
    assertThat(tcp.getContainerPort()).isEqualTo(8080);
    assertThat(tcp.getUnencryptedHost()).isEqualTo("127.0.0.1");
    assertThat(tcp.getUnencryptedPort()).isEqualTo(18080);

    SandboxCreateConnectTokenResponse token =
        fx.stub.sandboxCreateConnectToken(
            SandboxCreateConnectTokenRequest.newBuilder().setSandboxId(id).setPort(8080).build());
    // the emulator's connect-token proxy, not the port itself
    assertThat(token.getUrl())
        .startsWith("http://127.0.0.1:")
        .isNotEqualTo("http://127.0.0.1:18080");
    assertThat(token.getToken()).hasSizeGreaterThan(16);
  }

  @Test
  void theDefinitionIsKeptAsReceivedAndTheBackendDescribesTheSandbox() {
    Sandbox.Builder definition =
        fx.definition("sleep", "60").setVerbose(true).setCloudProviderStr("aws");
    String id = fx.create(definition);
    SandboxLifecycleTest.class.getName();
    fx.stub.sandboxGetTaskId(
        dev.modal4j.proto.SandboxGetTaskIdRequest.newBuilder()
            .setSandboxId(id)
            .setTimeout(10)
            .build());
    SandboxView view = fx.emulator.sandboxes().get(id).orElseThrow();
    assertThat(view.definition()).isEqualTo(definition.build());
    assertThat(view.appId()).isEqualTo(fx.appId);
    assertThat(view.state()).isEqualTo(SandboxState.RUNNING);
    assertThat(view.backend()).hasValueSatisfying(d -> assertThat(d).contains("fake-process"));
    assertThat(fx.emulator.sandboxes().backend()).isEqualTo("fake-process");
  }

  @Test
  void wellFormedAllowlistsAreAccepted() {
    assertThat(
            fx.create(allowlist("10.0.0.0/8", "*.github.com").addInboundCidrAllowlist("::1/128")))
        .startsWith("sb-");
    assertThat(fx.create(allowlist("192.168.0.1", "example.com"))).startsWith("sb-");
  }

  private static Sandbox.Builder allowlist(String cidr, String domain) {
    return fx.definition()
        .setNetworkAccess(
            NetworkAccess.newBuilder()
                .setNetworkAccessType(NetworkAccess.NetworkAccessType.ALLOWLIST)
                .addAllowedCidrs(cidr)
                .addAllowedDomains(domain));
  }

  private static String secret(Map<String, String> values) {
    return fx.stub
        .secretGetOrCreate(
            SecretGetOrCreateRequest.newBuilder()
                .setObjectCreationType(ObjectCreationType.OBJECT_CREATION_TYPE_EPHEMERAL)
                .putAllEnvDict(values)
                .build())
        .getSecretId();
  }

  private static SandboxSpec specOf(String sandboxId) {
    SandboxLifecycleTest.taskIdOf(fx, sandboxId);
    return fx.backend.get().specs().stream()
        .filter(s -> s.sandboxId().equals(sandboxId))
        .findFirst()
        .orElseThrow();
  }

  private static void assertInvalid(Sandbox.Builder definition, String message) {
    assertThatThrownBy(() -> fx.create(definition))
        .isInstanceOf(StatusRuntimeException.class)
        .hasMessageContaining("INVALID_ARGUMENT")
        .hasMessageContaining(message);
  }

  private static void assertCode(Sandbox.Builder definition, Status.Code code) {
    assertThatThrownBy(() -> fx.create(definition))
        .isInstanceOf(StatusRuntimeException.class)
        .extracting(e -> Status.fromThrowable(e).getCode())
        .isEqualTo(code);
  }
}
