package dev.modal4j.testing.mounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modal4j.ModalClient;
import dev.modal4j.apps.App;
import dev.modal4j.apps.AppFromNameParams;
import dev.modal4j.proto.DeploymentNamespace;
import dev.modal4j.proto.Image;
import dev.modal4j.proto.ModalClientGrpc.ModalClientBlockingStub;
import dev.modal4j.proto.MountBatchedCheckExistenceRequest;
import dev.modal4j.proto.MountFile;
import dev.modal4j.proto.MountGetOrCreateRequest;
import dev.modal4j.proto.MountGetOrCreateResponse;
import dev.modal4j.proto.ObjectCreationType;
import dev.modal4j.proto.Sandbox;
import dev.modal4j.proto.SandboxCreateRequest;
import dev.modal4j.sandboxes.ContainerProcess;
import dev.modal4j.testing.ModalEmulator;
import dev.modal4j.testing.sandboxes.SandboxBackendType;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

/**
 * The mount RPCs with raw requests as Modal's Python SDK sends them (existence check, put, get or
 * create: ephemeral, app-owned, named), and a sandbox on the process backend seeing a mount's
 * files.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MountsAreaTest {
  private static ModalEmulator emulator;
  private static ModalClientBlockingStub stub;
  private static ModalClient modal;
  private static App app;

  @BeforeAll
  static void start() {
    emulator = ModalEmulator.builder().sandboxBackend(SandboxBackendType.PROCESS).start();
    modal = emulator.newClient();
    app =
        modal
            .apps()
            .fromName("mounts-area", AppFromNameParams.builder().createIfMissing(true).build());
    stub = RawStub.of(emulator);
  }

  @AfterAll
  static void stop() {
    if (modal != null) {
      modal.close();
    }
    if (emulator != null) {
      emulator.close();
    }
  }

  private static void assertStatus(Executable call, Status.Code code, String mentioned) {
    assertThatThrownBy(call::execute)
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(code);
              assertThat(e.getStatus().getDescription()).contains(mentioned);
            });
  }

  @Test
  void theExistenceCheckNamesWhatIsStillToPut() {
    String text = "content " + UUID.randomUUID();
    String other = RawStub.sha256("never put " + UUID.randomUUID());
    MountBatchedCheckExistenceRequest check =
        MountBatchedCheckExistenceRequest.newBuilder()
            .addSha256HexHashes(RawStub.sha256(text))
            .addSha256HexHashes(other)
            .build();
    assertThat(stub.mountBatchedCheckExistence(check).getMissingSha256HexHashesList())
        .containsExactly(RawStub.sha256(text), other);
    RawStub.put(stub, "/a.txt", text, 0644);
    assertThat(stub.mountBatchedCheckExistence(check).getMissingSha256HexHashesList())
        .containsExactly(other);
  }

  @Test
  void aFileWhoseContentWasNeverPutFailsTheMountNamingIt() {
    MountFile absent =
        MountFile.newBuilder()
            .setFilename("/absent.txt")
            .setSha256Hex(RawStub.sha256("absent " + UUID.randomUUID()))
            .build();
    assertStatus(
        () -> RawStub.ephemeralMount(stub, absent), Status.Code.FAILED_PRECONDITION, "/absent.txt");
  }

  @Test
  void relativeAndEscapingPathsAreRefused() {
    MountFile ok = RawStub.put(stub, "/ok.txt", "ok", 0644);
    assertStatus(
        () -> RawStub.ephemeralMount(stub, ok.toBuilder().setFilename("rel.txt").build()),
        Status.Code.INVALID_ARGUMENT,
        "rel.txt");
    assertStatus(
        () -> RawStub.ephemeralMount(stub, ok.toBuilder().setFilename("/a/../../b").build()),
        Status.Code.INVALID_ARGUMENT,
        "/a/../../b");
    assertStatus(
        () -> RawStub.ephemeralMount(stub, ok, ok), Status.Code.INVALID_ARGUMENT, "more than once");
  }

  @Test
  void theSameFilesHaveTheSameChecksumAndOtherFilesAnother() {
    MountFile a = RawStub.put(stub, "/c/a.txt", "a", 0644);
    MountFile b = RawStub.put(stub, "/c/b.txt", "b", 0644);
    MountGetOrCreateResponse first = ephemeral(a, b);
    MountGetOrCreateResponse again = ephemeral(b, a);
    MountGetOrCreateResponse other = ephemeral(a);
    assertThat(first.getMountId()).startsWith("mo-").isNotEqualTo(again.getMountId());
    assertThat(again.getHandleMetadata().getContentChecksumSha256Hex())
        .isEqualTo(first.getHandleMetadata().getContentChecksumSha256Hex());
    assertThat(other.getHandleMetadata().getContentChecksumSha256Hex())
        .isNotEqualTo(first.getHandleMetadata().getContentChecksumSha256Hex());
  }

  private static MountGetOrCreateResponse ephemeral(MountFile... files) {
    return stub.mountGetOrCreate(
        MountGetOrCreateRequest.newBuilder()
            .setObjectCreationType(ObjectCreationType.OBJECT_CREATION_TYPE_EPHEMERAL)
            .addAllFiles(List.of(files))
            .build());
  }

  @Test
  void anAppOwnedMountNeedsItsApp() {
    MountFile f = RawStub.put(stub, "/o.txt", "owned", 0644);
    MountGetOrCreateRequest.Builder owned =
        MountGetOrCreateRequest.newBuilder()
            .setObjectCreationType(ObjectCreationType.OBJECT_CREATION_TYPE_ANONYMOUS_OWNED_BY_APP)
            .addFiles(f);
    assertThat(stub.mountGetOrCreate(owned.setAppId(app.appId()).build()).getMountId())
        .startsWith("mo-");
    assertStatus(
        () -> stub.mountGetOrCreate(owned.setAppId("ap-missing").build()),
        Status.Code.NOT_FOUND,
        "ap-missing");
  }

  @Test
  void aNamedMountIsDeployedLookedUpAndRedeployed() {
    String name = "m-" + UUID.randomUUID().toString().substring(0, 8);
    MountGetOrCreateRequest lookup =
        MountGetOrCreateRequest.newBuilder()
            .setDeploymentName(name)
            .setNamespace(DeploymentNamespace.DEPLOYMENT_NAMESPACE_WORKSPACE)
            .build();
    assertStatus(() -> stub.mountGetOrCreate(lookup), Status.Code.NOT_FOUND, name);
    MountGetOrCreateRequest.Builder deploy =
        lookup.toBuilder()
            .setObjectCreationType(ObjectCreationType.OBJECT_CREATION_TYPE_CREATE_FAIL_IF_EXISTS)
            .addFiles(RawStub.put(stub, "/n.txt", "one", 0644));
    String first = stub.mountGetOrCreate(deploy.build()).getMountId();
    assertThat(stub.mountGetOrCreate(lookup).getMountId()).isEqualTo(first);
    assertStatus(() -> stub.mountGetOrCreate(deploy.build()), Status.Code.ALREADY_EXISTS, name);
    String second =
        stub.mountGetOrCreate(
                deploy
                    .setObjectCreationType(
                        ObjectCreationType.OBJECT_CREATION_TYPE_CREATE_IF_MISSING)
                    .setFiles(0, RawStub.put(stub, "/n.txt", "two", 0644))
                    .build())
            .getMountId();
    assertThat(second).isNotEqualTo(first);
    assertThat(stub.mountGetOrCreate(lookup).getMountId()).isEqualTo(second);
    assertThat(mountedNFile(second)).isEqualTo("two");
  }

  private static String mountedNFile(String mountId) {
    // what a sandbox given the mount reads
    String sandboxId = sandboxWith("sleep 60", mountId);
    try {
      return run(sandboxId, "cat /n.txt");
    } finally {
      modal.sandboxes().fromId(sandboxId).terminate();
    }
  }

  private static String sandboxWith(String script, String... mountIds) {
    String imageId =
        RawStub.build(
                stub,
                app.appId(),
                Image.newBuilder().addDockerfileCommands("FROM alpine:3.21").build())
            .getImageId();
    return stub.sandboxCreate(
            SandboxCreateRequest.newBuilder()
                .setAppId(app.appId())
                .setDefinition(
                    Sandbox.newBuilder()
                        .setImageId(imageId)
                        .addAllEntrypointArgs(List.of("sh", "-c", script))
                        .addAllMountIds(List.of(mountIds))
                        .setTimeoutSecs(60))
                .build())
        .getSandboxId();
  }

  private static String run(String sandboxId, String script) {
    ContainerProcess p = modal.sandboxes().fromId(sandboxId).exec(List.of("sh", "-c", script));
    String out = p.stdout().readText();
    assertThat(p.waitFor()).as("exit code of %s: %s", script, out).isZero();
    return out;
  }

  @Test
  void aProcessSandboxSeesItsMountsFilesBeforeItsEntrypointRuns() {
    String marker = UUID.randomUUID().toString();
    String mountId =
        RawStub.ephemeralMount(
            stub, RawStub.put(stub, "/data/pm/a.txt", "a " + marker + "\n", 0644));
    String sandboxId =
        sandboxWith(
            "cat /data/pm/a.txt > /tmp/seen.part 2>&1; mv /tmp/seen.part /tmp/seen; sleep 60",
            mountId);
    try {
      assertThat(run(sandboxId, "while [ ! -e /tmp/seen ]; do sleep 0.1; done; cat /tmp/seen"))
          .isEqualTo("a " + marker + "\n");
    } finally {
      modal.sandboxes().fromId(sandboxId).terminate();
    }
  }
}
