package dev.modal4j.testing.mounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modal4j.ModalClient;
import dev.modal4j.apps.App;
import dev.modal4j.apps.AppFromNameParams;
import dev.modal4j.proto.GenericResult.GenericStatus;
import dev.modal4j.proto.Image;
import dev.modal4j.proto.ImageGetOrCreateResponse;
import dev.modal4j.proto.ModalClientGrpc.ModalClientBlockingStub;
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

/**
 * Mounts on the docker backend, with raw requests as Modal's Python SDK sends them: a layer whose
 * {@code context_mount_id} names a mount copies its files with {@code COPY . /} (Python's {@code
 * add_local_file(copy=True)}), and a sandbox whose definition lists {@code mount_ids} finds the
 * files at their paths when its entrypoint starts (Python's default {@code copy=False}). Skipped,
 * saying why, where no Docker engine answers.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class MountsDockerTest {
  private static ModalEmulator emulator;
  private static ModalClientBlockingStub stub;
  private static ModalClient modal;
  private static App app;

  @BeforeAll
  static void start() {
    dev.modal4j.BackendContract.assumeDocker();
    emulator = ModalEmulator.builder().sandboxBackend(SandboxBackendType.DOCKER).start();
    modal = emulator.newClient();
    app =
        modal.apps().fromName("mounts", AppFromNameParams.builder().createIfMissing(true).build());
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

  private static String run(String sandboxId, String script) {
    ContainerProcess p = modal.sandboxes().fromId(sandboxId).exec(List.of("sh", "-c", script));
    String out = p.stdout().readText();
    assertThat(p.waitFor()).as("exit code of %s: %s", script, out).isZero();
    return out;
  }

  private static String createSandbox(String imageId, String script, String... mountIds) {
    return stub.sandboxCreate(
            SandboxCreateRequest.newBuilder()
                .setAppId(app.appId())
                .setDefinition(
                    Sandbox.newBuilder()
                        .setImageId(imageId)
                        .addAllEntrypointArgs(List.of("sh", "-c", script))
                        .addAllMountIds(List.of(mountIds))
                        .setTimeoutSecs(120))
                .build())
        .getSandboxId();
  }

  private static String alpine() {
    ImageGetOrCreateResponse r =
        RawStub.build(
            stub,
            app.appId(),
            Image.newBuilder().addDockerfileCommands("FROM alpine:3.21").build());
    assertThat(r.getResult().getStatus()).isEqualTo(GenericStatus.GENERIC_STATUS_SUCCESS);
    return r.getImageId();
  }

  @Test
  void aContextMountIsWhatCopyCopies() {
    String marker = UUID.randomUUID().toString();
    String mountId =
        RawStub.ephemeralMount(
            stub,
            RawStub.put(stub, "/x/y.txt", "copied " + marker + "\n", 0644),
            RawStub.put(stub, "/x/bin/tool.sh", "#!/bin/sh\necho tool " + marker + "\n", 0755));
    ImageGetOrCreateResponse r =
        RawStub.build(
            stub,
            app.appId(),
            Image.newBuilder()
                .addDockerfileCommands("FROM alpine:3.21")
                .addDockerfileCommands("COPY . /")
                .setContextMountId(mountId)
                .build());
    assertThat(r.getResult().getStatus())
        .as("%s", r.getResult().getException())
        .isEqualTo(GenericStatus.GENERIC_STATUS_SUCCESS);
    String sandboxId = createSandbox(r.getImageId(), "sleep 120");
    try {
      assertThat(run(sandboxId, "cat /x/y.txt; ls /x"))
          .isEqualTo("copied " + marker + "\nbin\ny.txt\n");
      assertThat(run(sandboxId, "stat -c %a /x/y.txt /x/bin/tool.sh && /x/bin/tool.sh"))
          .isEqualTo("644\n755\ntool " + marker + "\n");
    } finally {
      modal.sandboxes().fromId(sandboxId).terminate();
    }
  }

  private static ImageGetOrCreateResponse copyOf(String mountId) {
    ImageGetOrCreateResponse r =
        RawStub.build(
            stub,
            app.appId(),
            Image.newBuilder()
                .addDockerfileCommands("FROM alpine:3.21")
                .addDockerfileCommands("COPY . /")
                .setContextMountId(mountId)
                .build());
    assertThat(r.getResult().getStatus())
        .as("%s", r.getResult().getException())
        .isEqualTo(GenericStatus.GENERIC_STATUS_SUCCESS);
    return r;
  }

  @Test
  void theSameFilesInAnotherMountAreTheSameImageAndOtherModesAnother() {
    String text = "same " + UUID.randomUUID() + "\n";
    String first = RawStub.ephemeralMount(stub, RawStub.put(stub, "/s/f.sh", text, 0644));
    String again = RawStub.ephemeralMount(stub, RawStub.put(stub, "/s/f.sh", text, 0644));
    String executable = RawStub.ephemeralMount(stub, RawStub.put(stub, "/s/f.sh", text, 0755));
    assertThat(again).isNotEqualTo(first);
    String imageId = copyOf(first).getImageId();
    assertThat(copyOf(again).getImageId()).isEqualTo(imageId);
    String other = copyOf(executable).getImageId();
    assertThat(other).isNotEqualTo(imageId);
    String sandboxId = createSandbox(other, "sleep 120");
    try {
      assertThat(run(sandboxId, "stat -c %a /s/f.sh")).isEqualTo("755\n");
    } finally {
      modal.sandboxes().fromId(sandboxId).terminate();
    }
  }

  @Test
  void anUnknownContextMountIsNotFound() {
    assertThatThrownBy(
            () ->
                stub.imageGetOrCreate(
                    dev.modal4j.proto.ImageGetOrCreateRequest.newBuilder()
                        .setAppId(app.appId())
                        .setImage(
                            Image.newBuilder()
                                .addDockerfileCommands("FROM alpine:3.21")
                                .addDockerfileCommands("COPY . /")
                                .setContextMountId("mo-nope"))
                        .build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
              assertThat(e.getStatus().getDescription()).contains("mo-nope");
            });
  }

  @Test
  void aSandboxSeesItsMountsFilesBeforeItsEntrypointRuns() {
    String marker = UUID.randomUUID().toString();
    String first =
        RawStub.ephemeralMount(
            stub,
            RawStub.put(stub, "/opt/m/a.txt", "a " + marker + "\n", 0644),
            RawStub.put(stub, "/opt/m/run.sh", "#!/bin/sh\necho ran " + marker + "\n", 0755));
    String second =
        RawStub.ephemeralMount(stub, RawStub.put(stub, "/root/b.txt", "b " + marker + "\n", 0600));
    String sandboxId =
        createSandbox(
            alpine(),
            "(cat /opt/m/a.txt /root/b.txt; /opt/m/run.sh) > /tmp/seen.part 2>&1;"
                + " mv /tmp/seen.part /tmp/seen; sleep 120",
            first,
            second);
    try {
      assertThat(run(sandboxId, "while [ ! -e /tmp/seen ]; do sleep 0.1; done; cat /tmp/seen"))
          .isEqualTo("a " + marker + "\nb " + marker + "\nran " + marker + "\n");
      assertThat(run(sandboxId, "stat -c %a /opt/m/run.sh /root/b.txt")).isEqualTo("755\n600\n");
      // the image's own files next to a mounted one stay
      assertThat(run(sandboxId, "test -f /root/b.txt && ls /etc/os-release"))
          .isEqualTo("/etc/os-release\n");
      ContainerProcess write =
          modal.sandboxes().fromId(sandboxId).exec(List.of("sh", "-c", "echo x > /opt/m/a.txt"));
      assertThat(write.waitFor()).as("writing a mounted file").isNotZero();
    } finally {
      modal.sandboxes().fromId(sandboxId).terminate();
    }
  }

  @Test
  void aSandboxNamingAnUnknownMountIsRefused() {
    String imageId = alpine();
    assertThatThrownBy(() -> createSandbox(imageId, "true", "mo-unknown"))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
              assertThat(e.getStatus().getDescription()).contains("mo-unknown");
            });
  }
}
