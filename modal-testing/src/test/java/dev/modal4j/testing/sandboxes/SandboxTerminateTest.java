package dev.modal4j.testing.sandboxes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modal4j.proto.AppGetOrCreateRequest;
import dev.modal4j.proto.Image;
import dev.modal4j.proto.ImageGetOrCreateRequest;
import dev.modal4j.proto.ModalClientGrpc.ModalClientBlockingStub;
import dev.modal4j.proto.ObjectCreationType;
import dev.modal4j.proto.Sandbox;
import dev.modal4j.proto.SandboxCreateV2Request;
import dev.modal4j.proto.SandboxTerminateRequest;
import dev.modal4j.testing.ModalEmulator;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** SandboxTerminate on the built-in process backend: the processes are gone when it answers. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SandboxTerminateTest {

  @Test
  void terminateEndsTheProcessesBeforeItAnswersSoTheirPortIsFree() throws Exception {
    try (ModalEmulator emulator =
        ModalEmulator.builder().sandboxBackend(SandboxBackendType.PROCESS).start()) {
      ModalClientBlockingStub stub = SandboxFixture.authenticated(emulator);
      String appId =
          stub.appGetOrCreate(
                  AppGetOrCreateRequest.newBuilder()
                      .setAppName("terminate-tests")
                      .setObjectCreationType(
                          ObjectCreationType.OBJECT_CREATION_TYPE_CREATE_IF_MISSING)
                      .build())
              .getAppId();
      String imageId =
          stub.imageGetOrCreate(
                  ImageGetOrCreateRequest.newBuilder()
                      .setAppId(appId)
                      .setImage(
                          Image.newBuilder()
                              .addAllDockerfileCommands(List.of("FROM python:3.13-alpine")))
                      .build())
              .getImageId();
      int port;
      try (ServerSocket probe = new ServerSocket(0)) {
        port = probe.getLocalPort();
      }
      Sandbox definition =
          Sandbox.newBuilder()
              .setImageId(imageId)
              .addAllEntrypointArgs(
                  List.of(
                      "python3", "-m", "http.server", String.valueOf(port), "--bind", "127.0.0.1"))
              .build();
      String sandboxId =
          stub.sandboxCreateV2(
                  SandboxCreateV2Request.newBuilder()
                      .setAppId(appId)
                      .setDefinition(definition)
                      .build())
              .getSandboxId();
      awaitListening(port);
      stub.sandboxTerminateV2(SandboxTerminateRequest.newBuilder().setSandboxId(sandboxId).build());
      try (ServerSocket again = new ServerSocket()) {
        again.setReuseAddress(true);
        again.bind(new InetSocketAddress("127.0.0.1", port));
        assertThat(again.isBound()).isTrue();
      }
    }
  }

  private static void awaitListening(int port) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (true) {
      try (Socket s = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException notYet) {
        assertThat(System.nanoTime()).as("the server listens in time").isLessThan(deadline);
        Thread.sleep(50);
      }
    }
  }
}
