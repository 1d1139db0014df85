package dev.modal4j.testing.images;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.modal4j.ModalClient;
import dev.modal4j.apps.App;
import dev.modal4j.apps.AppFromNameParams;
import dev.modal4j.proto.AuthTokenGetRequest;
import dev.modal4j.proto.GenericResult.GenericStatus;
import dev.modal4j.proto.Image;
import dev.modal4j.proto.ImageContextFile;
import dev.modal4j.proto.ImageGetOrCreateRequest;
import dev.modal4j.proto.ImageGetOrCreateResponse;
import dev.modal4j.proto.ImageJoinStreamingRequest;
import dev.modal4j.proto.ImageJoinStreamingResponse;
import dev.modal4j.proto.ModalClientGrpc;
import dev.modal4j.proto.ModalClientGrpc.ModalClientBlockingStub;
import dev.modal4j.sandboxes.ContainerProcess;
import dev.modal4j.sandboxes.Sandbox;
import dev.modal4j.testing.ModalEmulator;
import dev.modal4j.testing.sandboxes.SandboxBackendType;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A layer's {@code context_files} are the build context of its docker build, as Modal's Python SDK
 * sends them: its {@code COPY} commands copy them for real and a sandbox of the image reads them
 * (raw requests; the Java SDK refuses COPY from a local context, as Modal's Go and JS SDKs do).
 * Skipped, saying why, where no Docker engine answers.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DockerBuildContextTest {
  private static ModalEmulator emulator;
  private static ModalClientBlockingStub stub;
  private static ModalClient modal;
  private static App app;

  @BeforeAll
  static void start() throws Exception {
    dev.modal4j.BackendContract.assumeDocker();
    emulator = ModalEmulator.builder().sandboxBackend(SandboxBackendType.DOCKER).start();
    modal = emulator.newClient();
    app =
        modal
            .apps()
            .fromName("build-context", AppFromNameParams.builder().createIfMissing(true).build());
    Metadata credentials = new Metadata();
    credentials.put(key("x-modal-token-id"), "ak-t");
    credentials.put(key("x-modal-token-secret"), "as-t");
    String token =
        ModalClientGrpc.newBlockingStub(emulator.inProcessChannel())
            .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(credentials))
            .authTokenGet(AuthTokenGetRequest.getDefaultInstance())
            .getToken();
    credentials.put(key("x-modal-auth-token"), token);
    stub =
        ModalClientGrpc.newBlockingStub(emulator.inProcessChannel())
            .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(credentials));
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

  private static Metadata.Key<String> key(String name) {
    return Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER);
  }

  private static ImageContextFile file(String name, String data) {
    return ImageContextFile.newBuilder()
        .setFilename(name)
        .setData(ByteString.copyFromUtf8(data))
        .build();
  }

  /** Defines the image and waits for its build's result. */
  private static ImageGetOrCreateResponse build(Image.Builder image) {
    ImageGetOrCreateResponse r =
        stub.imageGetOrCreate(
            ImageGetOrCreateRequest.newBuilder()
                .setAppId(app.appId())
                .setImage(image)
                .setBuilderVersion("2025.06")
                .build());
    if (r.hasResult()) {
      return r;
    }
    var items =
        stub.withDeadlineAfter(150, TimeUnit.SECONDS)
            .imageJoinStreaming(
                ImageJoinStreamingRequest.newBuilder()
                    .setImageId(r.getImageId())
                    .setTimeout(140)
                    .build());
    StringBuilder log = new StringBuilder();
    while (items.hasNext()) {
      ImageJoinStreamingResponse item = items.next();
      item.getTaskLogsList().forEach(l -> log.append(l.getData()));
      if (item.hasResult()) {
        return r.toBuilder().setResult(item.getResult()).build();
      }
    }
    throw new AssertionError("the build of " + r.getImageId() + " gave no result; log: " + log);
  }

  private static String cat(String imageId, String script) {
    try (Sandbox sb = modal.sandboxes().create(app, modal.images().fromId(imageId))) {
      ContainerProcess p = sb.exec(List.of("sh", "-c", script));
      String out = p.stdout().readText();
      assertThat(p.waitFor()).as("exit code of %s", script).isZero();
      return out;
    }
  }

  @Test
  void copyTakesTheLayersContextFilesAndASandboxReadsThem() {
    String marker = UUID.randomUUID().toString();
    String deep = "/deep/" + "d".repeat(90) + "/" + "e".repeat(90) + "/file.txt";
    ImageGetOrCreateResponse r =
        build(
            Image.newBuilder()
                .addDockerfileCommands("FROM alpine:3.21")
                .addDockerfileCommands("COPY /greeting.txt /root/greeting.txt")
                .addDockerfileCommands("COPY conf/ /etc/myconf/")
                .addDockerfileCommands("COPY " + deep + " /root/deep.txt")
                .addContextFiles(file("/greeting.txt", "hello " + marker + "\n"))
                .addContextFiles(file("/conf/a.conf", "a=1\n"))
                .addContextFiles(file("conf/sub/b.conf", "b=2\n"))
                .addContextFiles(file(deep, "deep\n")));
    assertThat(r.getResult().getStatus())
        .as("%s", r.getResult().getException())
        .isEqualTo(GenericStatus.GENERIC_STATUS_SUCCESS);
    assertThat(
            cat(
                r.getImageId(),
                "cat /root/greeting.txt /etc/myconf/a.conf /etc/myconf/sub/b.conf /root/deep.txt"))
        .isEqualTo("hello " + marker + "\na=1\nb=2\ndeep\n");
  }

  @Test
  void copyOfTheWholeContextHoldsOnlyTheContextFiles() {
    ImageGetOrCreateResponse r =
        build(
            Image.newBuilder()
                .addDockerfileCommands("FROM alpine:3.21")
                .addDockerfileCommands("COPY . /app/")
                .addContextFiles(file("/one.txt", "1"))
                .addContextFiles(file("/two/three.txt", "3")));
    assertThat(r.getResult().getStatus())
        .as("%s", r.getResult().getException())
        .isEqualTo(GenericStatus.GENERIC_STATUS_SUCCESS);
    assertThat(cat(r.getImageId(), "cd /app && find . -type f | sort"))
        .isEqualTo("./one.txt\n./two/three.txt\n");
  }

  @Test
  void theSameCommandsWithOtherContentAreAnotherImage() {
    ImageGetOrCreateResponse first =
        build(
            Image.newBuilder()
                .addDockerfileCommands("FROM alpine:3.21")
                .addDockerfileCommands("COPY /v.txt /v.txt")
                .addContextFiles(file("/v.txt", "first")));
    ImageGetOrCreateResponse second =
        build(
            Image.newBuilder()
                .addDockerfileCommands("FROM alpine:3.21")
                .addDockerfileCommands("COPY /v.txt /v.txt")
                .addContextFiles(file("/v.txt", "second")));
    assertThat(second.getImageId()).isNotEqualTo(first.getImageId());
    assertThat(cat(first.getImageId(), "cat /v.txt")).isEqualTo("first");
    assertThat(cat(second.getImageId(), "cat /v.txt")).isEqualTo("second");
  }

  @Test
  void copyOfAFileTheContextLacksFailsTheBuildNamingIt() {
    ImageGetOrCreateResponse r =
        build(
            Image.newBuilder()
                .addDockerfileCommands("FROM alpine:3.21")
                .addDockerfileCommands("COPY /absent.txt /absent.txt")
                .addContextFiles(file("/present.txt", "x")));
    assertThat(r.getResult().getStatus()).isEqualTo(GenericStatus.GENERIC_STATUS_FAILURE);
    assertThat(r.getResult().getException()).contains("absent.txt");
    assertThat(emulator.images().get(r.getImageId())).isEmpty();
  }
}
