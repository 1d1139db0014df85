package dev.modal4j.testing.sandboxes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modal4j.proto.AppGetOrCreateRequest;
import dev.modal4j.proto.Image;
import dev.modal4j.proto.ImageGetOrCreateRequest;
import dev.modal4j.proto.ModalClientGrpc.ModalClientBlockingStub;
import dev.modal4j.proto.ObjectCreationType;
import dev.modal4j.proto.Sandbox;
import dev.modal4j.proto.SandboxCreateRequest;
import dev.modal4j.proto.VolumeGetOrCreateRequest;
import dev.modal4j.proto.VolumeMount;
import dev.modal4j.testing.ModalEmulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SandboxWiringTest {

  @Test
  void theBackendStartsOnTheFirstCreateAndAFailingOneIsReportedThere() {
    AtomicInteger made = new AtomicInteger();
    try (ModalEmulator emulator =
        ModalEmulator.builder()
            .sandboxBackend(
                (Path dir) -> {
                  made.incrementAndGet();
                  throw new IllegalStateException("no engine answers here");
                })
            .start()) {
      ModalClientBlockingStub stub = SandboxFixture.authenticated(emulator);
      String app = app(stub);
      String image = image(stub, app);
      assertThat(made).hasValue(0);
      assertThat(emulator.sandboxes().backend()).isEqualTo("none started");
      assertThatThrownBy(
              () ->
                  stub.sandboxCreate(
                      SandboxCreateRequest.newBuilder()
                          .setAppId(app)
                          .setDefinition(Sandbox.newBuilder().setImageId(image))
                          .build()))
          .hasMessageContaining("FAILED_PRECONDITION")
          .hasMessageContaining("no engine answers here");
      assertThat(made).hasValue(1);
      assertThat(emulator.sandboxes().all()).isEmpty();
    }
  }

  @Test
  void closeEndsEverySandboxAndDeletesTheEmulatorsFiles() throws Exception {
    SandboxFixture fx = new SandboxFixture();
    String volume =
        fx.stub
            .volumeGetOrCreate(
                VolumeGetOrCreateRequest.newBuilder()
                    .setDeploymentName("close-vol")
                    .setObjectCreationType(
                        ObjectCreationType.OBJECT_CREATION_TYPE_CREATE_IF_MISSING)
                    .build())
            .getVolumeId();
    String id =
        fx.create(
            fx.definition("sleep", "60")
                .addVolumeMounts(
                    VolumeMount.newBuilder().setVolumeId(volume).setMountPath("/data")));
    SandboxLifecycleTest.taskIdOf(fx, id);
    FakeProcessBackend backend = fx.backend.get();
    assertThat(backend.liveProcesses()).isEqualTo(1);
    Path root = fx.workDir().getParent();
    Path volumeDir = backend.specs().get(0).mounts().get(0).hostPath();
    assertThat(volumeDir).startsWith(root);
    assertThat(Files.isDirectory(volumeDir)).isTrue();

    fx.close();

    assertThat(backend.closed()).isTrue();
    assertThat(backend.liveProcesses()).isZero();
    assertThat(Files.exists(root)).isFalse();
  }

  @Test
  void anEmulatorThatRunsNoSandboxMakesNoBackend() throws Exception {
    AtomicInteger made = new AtomicInteger();
    try (ModalEmulator emulator =
        ModalEmulator.builder()
            .sandboxBackend(
                (Path dir) -> {
                  made.incrementAndGet();
                  return new FakeProcessBackend(dir);
                })
            .start()) {
      app(SandboxFixture.authenticated(emulator));
    }
    assertThat(made).hasValue(0);
  }

  @Test
  void anEndedSandboxIsForgottenAfterItsRetention() throws Exception {
    try (ModalEmulator emulator =
        ModalEmulator.builder()
            .sandboxBackend((Path dir) -> new FakeProcessBackend(dir))
            .finishedSandboxTtl(java.time.Duration.ofMillis(200))
            .start()) {
      ModalClientBlockingStub stub = SandboxFixture.authenticated(emulator);
      String app = app(stub);
      String image = image(stub, app);
      String id =
          stub.sandboxCreate(
                  SandboxCreateRequest.newBuilder()
                      .setAppId(app)
                      .setDefinition(
                          Sandbox.newBuilder().setImageId(image).addEntrypointArgs("true"))
                      .build())
              .getSandboxId();
      var wait =
          dev.modal4j.proto.SandboxWaitRequest.newBuilder().setSandboxId(id).setTimeout(10).build();
      assertThat(stub.sandboxWait(wait).hasResult()).isTrue();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!emulator.sandboxes().all().isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(emulator.sandboxes().all()).isEmpty();
      assertThatThrownBy(() -> stub.sandboxWait(wait)).hasMessageContaining("NOT_FOUND");
    }
  }

  private static String app(ModalClientBlockingStub stub) {
    return stub.appGetOrCreate(
            AppGetOrCreateRequest.newBuilder()
                .setAppName("wiring")
                .setObjectCreationType(ObjectCreationType.OBJECT_CREATION_TYPE_CREATE_IF_MISSING)
                .build())
        .getAppId();
  }

  private static String image(ModalClientBlockingStub stub, String app) {
    return stub.imageGetOrCreate(
            ImageGetOrCreateRequest.newBuilder()
                .setAppId(app)
                .setImage(Image.newBuilder().addDockerfileCommands("FROM alpine:3.21"))
                .build())
        .getImageId();
  }
}
