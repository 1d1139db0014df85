package dev.modal4j.testing.sandboxes;

import dev.modal4j.proto.AppGetOrCreateRequest;
import dev.modal4j.proto.AuthTokenGetRequest;
import dev.modal4j.proto.FileDescriptor;
import dev.modal4j.proto.Image;
import dev.modal4j.proto.ImageGetOrCreateRequest;
import dev.modal4j.proto.ModalClientGrpc;
import dev.modal4j.proto.ModalClientGrpc.ModalClientBlockingStub;
import dev.modal4j.proto.ObjectCreationType;
import dev.modal4j.proto.Sandbox;
import dev.modal4j.proto.SandboxCreateRequest;
import dev.modal4j.proto.SandboxGetLogsRequest;
import dev.modal4j.proto.SandboxTag;
import dev.modal4j.proto.SandboxWaitRequest;
import dev.modal4j.proto.SandboxWaitResponse;
import dev.modal4j.proto.TaskLogsBatch;
import dev.modal4j.testing.ModalEmulator;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An emulator running sandboxes on {@link FakeProcessBackend}, an authenticated raw stub, an app
 * and an {@code alpine:3.21} image, with helpers for the RPCs tests repeat.
 */
final class SandboxFixture implements AutoCloseable {
  final ModalEmulator emulator;
  final ModalClientBlockingStub stub;
  final String appId;
  final String imageId;
  final AtomicReference<FakeProcessBackend> backend = new AtomicReference<>();
  private Path workDir;

  SandboxFixture() {
    emulator =
        ModalEmulator.builder()
            .sandboxBackend(
                (Path dir) -> {
                  workDir = dir;
                  FakeProcessBackend b = new FakeProcessBackend(dir);
                  backend.set(b);
                  return b;
                })
            .start();
    stub = authenticated(emulator);
    appId =
        stub.appGetOrCreate(
                AppGetOrCreateRequest.newBuilder()
                    .setAppName("sandbox-tests")
                    .setObjectCreationType(
                        ObjectCreationType.OBJECT_CREATION_TYPE_CREATE_IF_MISSING)
                    .build())
            .getAppId();
    imageId = image(appId, "FROM alpine:3.21");
  }

  static ModalClientBlockingStub authenticated(ModalEmulator emulator) {
    Metadata credentials = new Metadata();
    credentials.put(key("x-modal-token-id"), "ak-test");
    credentials.put(key("x-modal-token-secret"), "as-test");
    String token =
        ModalClientGrpc.newBlockingStub(emulator.inProcessChannel())
            .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(credentials))
            .authTokenGet(AuthTokenGetRequest.getDefaultInstance())
            .getToken();
    Metadata headers = new Metadata();
    headers.merge(credentials);
    headers.put(key("x-modal-auth-token"), token);
    return ModalClientGrpc.newBlockingStub(emulator.inProcessChannel())
        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
  }

  private static Metadata.Key<String> key(String name) {
    return Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER);
  }

  String image(String app, String... commands) {
    return stub.imageGetOrCreate(
            ImageGetOrCreateRequest.newBuilder()
                .setAppId(app)
                .setImage(Image.newBuilder().addAllDockerfileCommands(List.of(commands)))
                .build())
        .getImageId();
  }

  Path workDir() {
    return workDir;
  }

  /** A definition with the fixture's image and this entrypoint (none: idle). */
  Sandbox.Builder definition(String... entrypoint) {
    return Sandbox.newBuilder().setImageId(imageId).addAllEntrypointArgs(List.of(entrypoint));
  }

  String create(Sandbox.Builder definition) {
    return create(definition, Map.of());
  }

  String create(Sandbox.Builder definition, Map<String, String> tags) {
    SandboxCreateRequest.Builder request =
        SandboxCreateRequest.newBuilder().setAppId(appId).setDefinition(definition);
    tags.forEach((k, v) -> request.addTags(SandboxTag.newBuilder().setTagName(k).setTagValue(v)));
    return stub.sandboxCreate(request.build()).getSandboxId();
  }

  SandboxWaitResponse await(String sandboxId, float timeoutSeconds) {
    return stub.sandboxWait(
        SandboxWaitRequest.newBuilder().setSandboxId(sandboxId).setTimeout(timeoutSeconds).build());
  }

  /** Every batch of one SandboxGetLogs call, until the server ends it. */
  List<TaskLogsBatch> logs(String sandboxId, FileDescriptor fd, String lastEntryId) {
    List<TaskLogsBatch> batches = new ArrayList<>();
    Iterator<TaskLogsBatch> it =
        stub.sandboxGetLogs(
            SandboxGetLogsRequest.newBuilder()
                .setSandboxId(sandboxId)
                .setFileDescriptor(fd)
                .setTimeout(55)
                .setLastEntryId(lastEntryId)
                .build());
    it.forEachRemaining(batches::add);
    return batches;
  }

  static String text(List<TaskLogsBatch> batches) {
    StringBuilder out = new StringBuilder();
    batches.forEach(b -> b.getItemsList().forEach(i -> out.append(i.getData())));
    return out.toString();
  }

  @Override
  public void close() {
    emulator.close();
  }
}
