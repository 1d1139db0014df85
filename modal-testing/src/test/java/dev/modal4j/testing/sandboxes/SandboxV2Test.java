package dev.modal4j.testing.sandboxes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import dev.modal4j.proto.GPUConfig;
import dev.modal4j.proto.GenericResult.GenericStatus;
import dev.modal4j.proto.PortSpec;
import dev.modal4j.proto.PortSpecs;
import dev.modal4j.proto.Resources;
import dev.modal4j.proto.Sandbox;
import dev.modal4j.proto.SandboxCreateV2Request;
import dev.modal4j.proto.SandboxCreateV2Response;
import dev.modal4j.proto.SandboxGetCommandRouterAccessRequest;
import dev.modal4j.proto.SandboxGetFromNameRequest;
import dev.modal4j.proto.SandboxInfo;
import dev.modal4j.proto.SandboxListRequest;
import dev.modal4j.proto.SandboxTag;
import dev.modal4j.proto.SandboxTagsGetRequest;
import dev.modal4j.proto.SandboxTagsSetRequest;
import dev.modal4j.proto.SandboxTerminateRequest;
import dev.modal4j.proto.SandboxWaitRequest;
import dev.modal4j.proto.SandboxWaitResponse;
import dev.modal4j.proto.StringMap;
import dev.modal4j.proto.router.SandboxStdinWriteV2Request;
import dev.modal4j.proto.router.SandboxStdioFileDescriptor;
import dev.modal4j.proto.router.SandboxStdioReadV2Request;
import dev.modal4j.proto.router.SandboxStdioReadV2Response;
import dev.modal4j.proto.router.TaskCommandRouterGrpc;
import dev.modal4j.proto.router.TaskCommandRouterGrpc.TaskCommandRouterBlockingStub;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** V2 sandboxes through raw stubs: SandboxCreateV2, the V2 twins, and the entrypoint's stdio. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SandboxV2Test {
  private static SandboxFixture fx;
  private static final List<ManagedChannel> channels = new ArrayList<>();

  @BeforeAll
  static void start() {
    fx = new SandboxFixture();
  }

  @AfterAll
  static void stop() throws InterruptedException {
    for (ManagedChannel c : channels) {
      c.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    fx.close();
  }

  private static SandboxCreateV2Response createV2(Sandbox.Builder definition) {
    return fx.stub.sandboxCreateV2(
        SandboxCreateV2Request.newBuilder().setAppId(fx.appId).setDefinition(definition).build());
  }

  private static TaskCommandRouterBlockingStub router(SandboxCreateV2Response created) {
    URI url = URI.create(created.getCommandRouterAccess().getUrl());
    ManagedChannel channel =
        NettyChannelBuilder.forAddress(url.getHost(), url.getPort()).usePlaintext().build();
    synchronized (channels) {
      channels.add(channel);
    }
    Metadata headers = new Metadata();
    headers.put(
        Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
        "Bearer " + created.getCommandRouterAccess().getJwt());
    return TaskCommandRouterGrpc.newBlockingStub(channel)
        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
        .withDeadlineAfter(30, TimeUnit.SECONDS);
  }

  private static List<SandboxStdioReadV2Response> read(
      SandboxCreateV2Response created, boolean stderr, long offset) {
    Iterator<SandboxStdioReadV2Response> it =
        router(created)
            .sandboxStdioReadV2(
                SandboxStdioReadV2Request.newBuilder()
                    .setTaskId(created.getTaskId())
                    .setOffset(offset)
                    .setFileDescriptor(
                        stderr
                            ? SandboxStdioFileDescriptor.SANDBOX_STDIO_FILE_DESCRIPTOR_STDERR
                            : SandboxStdioFileDescriptor.SANDBOX_STDIO_FILE_DESCRIPTOR_STDOUT)
                    .build());
    List<SandboxStdioReadV2Response> out = new ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }

  private static String text(List<SandboxStdioReadV2Response> messages) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    messages.forEach(m -> out.writeBytes(m.getData().toByteArray()));
    return out.toString(java.nio.charset.StandardCharsets.UTF_8);
  }

  private static SandboxWaitResponse waitV2(String sandboxId) {
    return fx.stub.sandboxWaitV2(
        SandboxWaitRequest.newBuilder().setSandboxId(sandboxId).setTimeout(10).build());
  }

  @Test
  void createV2AnswersWithAV2IdTheTaskRouterAccessAndTheTunnels() {
    SandboxCreateV2Response created =
        createV2(
            fx.definition("sleep", "60")
                .setOpenPorts(
                    PortSpecs.newBuilder()
                        .addPorts(PortSpec.newBuilder().setPort(8080))
                        .addPorts(PortSpec.newBuilder().setPort(9090).setUnencrypted(true))));
    assertThat(created.getSandboxId()).matches("sb-[0-9A-HJKMNP-TV-Z]{26}");
    assertThat(SandboxIds.isV2(created.getSandboxId())).isTrue();
    assertThat(created.getTaskId()).startsWith("ta-").endsWith("V");
    assertThat(created.getMetadata().getAppId()).isEqualTo(fx.appId);
    assertThat(created.getCommandRouterAccess().getUrl()).startsWith("https://127.0.0.1:");
    assertThat(created.getCommandRouterAccess().getJwt().split("\\.")).hasSize(3);
    assertThat(created.getTunnelsList())
        .extracting(t -> t.getContainerPort())
        .containsExactlyInAnyOrder(8080, 9090);
    assertThat(created.getTunnelsList())
        .filteredOn(t -> t.getContainerPort() == 9090)
        .allSatisfy(t -> assertThat(t.hasUnencryptedPort()).isTrue());
    fx.stub.sandboxTerminateV2(
        SandboxTerminateRequest.newBuilder().setSandboxId(created.getSandboxId()).build());
    assertThat(waitV2(created.getSandboxId()).getResult().getStatus())
        .isEqualTo(GenericStatus.GENERIC_STATUS_TERMINATED);
  }

  @Test
  void aGpuIsRefusedAsModalRefusesIt() {
    Sandbox.Builder gpu =
        fx.definition("sleep", "1")
            .setResources(
                Resources.newBuilder()
                    .setGpuConfig(GPUConfig.newBuilder().setGpuType("A100-80GB").setCount(1)));
    assertThatThrownBy(() -> createV2(gpu))
        .isInstanceOf(StatusRuntimeException.class)
        .hasMessageContaining("INVALID_ARGUMENT")
        .hasMessageContaining("GPUs are not supported");
  }

  @Test
  void ephemeralSecretsAndSecretSourcesBecomeTheEntrypointsEnvironment() {
    // secret_sources (field 6) as Modal's JS SDK 0.11.1 sends them: one inline env map.
    ByteString source =
        UnknownFieldSet.newBuilder()
            .addField(
                2,
                UnknownFieldSet.Field.newBuilder()
                    .addLengthDelimited(
                        StringMap.newBuilder()
                            .putContents("FROM_SOURCE", "s")
                            .build()
                            .toByteString())
                    .build())
            .build()
            .toByteString();
    SandboxCreateV2Request request =
        SandboxCreateV2Request.newBuilder()
            .setAppId(fx.appId)
            .setDefinition(fx.definition("sh", "-c", "echo \"$FROM_MAP $FROM_SOURCE\"; exit 4"))
            .setEphemeralSecrets(StringMap.newBuilder().putContents("FROM_MAP", "m"))
            .setUnknownFields(
                UnknownFieldSet.newBuilder()
                    .addField(
                        6, UnknownFieldSet.Field.newBuilder().addLengthDelimited(source).build())
                    .build())
            .build();
    SandboxCreateV2Response created = fx.stub.sandboxCreateV2(request);
    List<SandboxStdioReadV2Response> out = read(created, false, 0);
    assertThat(text(out)).isEqualTo("m s\n");
    assertThat(out.get(0).getStartingOffset()).isZero();
    SandboxWaitResponse done = waitV2(created.getSandboxId());
    assertThat(done.getResult().getExitcode()).isEqualTo(4);
    assertThat(done.getResult().getStatus()).isEqualTo(GenericStatus.GENERIC_STATUS_FAILURE);
  }

  @Test
  void stdoutAndStderrAreReadFromAByteOffsetToTheEnd() {
    SandboxCreateV2Response created =
        createV2(fx.definition("sh", "-c", "printf 'hello world'; printf oops >&2"));
    assertThat(text(read(created, false, 0))).isEqualTo("hello world");
    List<SandboxStdioReadV2Response> tail = read(created, false, 6);
    assertThat(text(tail)).isEqualTo("world");
    assertThat(tail.get(0).getStartingOffset()).isEqualTo(6);
    assertThat(text(read(created, true, 0))).isEqualTo("oops");
    assertThat(read(created, false, 11)).isEmpty();
  }

  @Test
  void stdinIsWrittenAtOffsetsARetrySkipsWhatWasTakenAndEofEndsCat() {
    SandboxCreateV2Response created = createV2(fx.definition("cat"));
    TaskCommandRouterBlockingStub router = router(created);
    router.sandboxStdinWriteV2(stdin(created, 0, "hello ", false));
    router.sandboxStdinWriteV2(stdin(created, 0, "hello ", false));
    router.sandboxStdinWriteV2(stdin(created, 3, "lo world", false));
    assertThatThrownBy(() -> router.sandboxStdinWriteV2(stdin(created, 99, "x", false)))
        .isInstanceOf(StatusRuntimeException.class)
        .hasMessageContaining("INVALID_ARGUMENT");
    router.sandboxStdinWriteV2(stdin(created, 11, "", true));
    router.sandboxStdinWriteV2(stdin(created, 11, "", true));
    assertThat(text(read(created, false, 0))).isEqualTo("hello world");
    assertThat(waitV2(created.getSandboxId()).getResult().getStatus())
        .isEqualTo(GenericStatus.GENERIC_STATUS_SUCCESS);
  }

  private static SandboxStdinWriteV2Request stdin(
      SandboxCreateV2Response created, long offset, String data, boolean eof) {
    return SandboxStdinWriteV2Request.newBuilder()
        .setTaskId(created.getTaskId())
        .setOffset(offset)
        .setData(ByteString.copyFromUtf8(data))
        .setEof(eof)
        .build();
  }

  @Test
  void v1RpcsDoNotKnowV2SandboxesWhileTheV2TwinsServeBoth() {
    SandboxCreateV2Response v2 = createV2(fx.definition("sleep", "60"));
    String v1 = fx.create(fx.definition("sleep", "60"));
    assertThatThrownBy(
            () ->
                fx.stub.sandboxWait(
                    SandboxWaitRequest.newBuilder().setSandboxId(v2.getSandboxId()).build()))
        .isInstanceOf(StatusRuntimeException.class)
        .hasMessageContaining("NOT_FOUND");
    assertThatThrownBy(
            () ->
                fx.stub.sandboxTagsGet(
                    SandboxTagsGetRequest.newBuilder().setSandboxId(v2.getSandboxId()).build()))
        .hasMessageContaining("NOT_FOUND");
    assertThat(
            fx.stub
                .sandboxWaitV2(SandboxWaitRequest.newBuilder().setSandboxId(v1).build())
                .hasResult())
        .isFalse();
    fx.stub.sandboxTagsSetV2(
        SandboxTagsSetRequest.newBuilder()
            .setSandboxId(v2.getSandboxId())
            .addTags(SandboxTag.newBuilder().setTagName("k").setTagValue("v2"))
            .build());
    assertThat(
            fx.stub
                .sandboxTagsGetV2(
                    SandboxTagsGetRequest.newBuilder().setSandboxId(v2.getSandboxId()).build())
                .getTagsList())
        .extracting(SandboxTag::getTagValue)
        .containsExactly("v2");
    fx.stub.sandboxTerminateV2(SandboxTerminateRequest.newBuilder().setSandboxId(v1).build());
    fx.stub.sandboxTerminateV2(
        SandboxTerminateRequest.newBuilder().setSandboxId(v2.getSandboxId()).build());
  }

  @Test
  void sandboxListLeavesV2OutAndSandboxListV2ListsBoth() {
    String marker = "list-" + System.nanoTime();
    SandboxTag tag = SandboxTag.newBuilder().setTagName("run").setTagValue(marker).build();
    String v1 = fx.create(fx.definition("sleep", "60"), java.util.Map.of("run", marker));
    String v2 =
        fx.stub
            .sandboxCreateV2(
                SandboxCreateV2Request.newBuilder()
                    .setAppId(fx.appId)
                    .setDefinition(fx.definition("sleep", "60"))
                    .addTags(tag)
                    .build())
            .getSandboxId();
    SandboxListRequest list =
        SandboxListRequest.newBuilder().setAppId(fx.appId).addTags(tag).build();
    assertThat(fx.stub.sandboxList(list).getSandboxesList())
        .extracting(SandboxInfo::getId)
        .containsExactly(v1);
    assertThat(fx.stub.sandboxListV2(list).getSandboxesList())
        .extracting(SandboxInfo::getId)
        .containsExactly(v2, v1);
    fx.stub.sandboxTerminateV2(SandboxTerminateRequest.newBuilder().setSandboxId(v1).build());
    fx.stub.sandboxTerminateV2(SandboxTerminateRequest.newBuilder().setSandboxId(v2).build());
  }

  @Test
  void fromNameV2FindsV1AndV2WhileFromNameFindsOnlyV1() {
    String v2 = createV2(fx.definition("sleep", "60").setName("v2-named")).getSandboxId();
    String v1 = fx.create(fx.definition("sleep", "60").setName("v1-named"));
    assertThat(fromName(true, "v2-named")).isEqualTo(v2);
    assertThat(fromName(true, "v1-named")).isEqualTo(v1);
    assertThat(fromName(false, "v1-named")).isEqualTo(v1);
    assertThatThrownBy(() -> fromName(false, "v2-named"))
        .hasMessageContaining("NOT_FOUND")
        .hasMessageContaining("Sandbox with name 'v2-named' not found in App 'sandbox-tests'");
    assertThatThrownBy(() -> createV2(fx.definition("sleep", "60").setName("v1-named")))
        .hasMessageContaining("ALREADY_EXISTS");
    fx.stub.sandboxTerminateV2(SandboxTerminateRequest.newBuilder().setSandboxId(v1).build());
    fx.stub.sandboxTerminateV2(SandboxTerminateRequest.newBuilder().setSandboxId(v2).build());
  }

  private static String fromName(boolean v2, String name) {
    SandboxGetFromNameRequest request =
        SandboxGetFromNameRequest.newBuilder()
            .setAppName("sandbox-tests")
            .setSandboxName(name)
            .build();
    return (v2 ? fx.stub.sandboxGetFromNameV2(request) : fx.stub.sandboxGetFromName(request))
        .getSandboxId();
  }

  @Test
  void routerAccessBySandboxOrTaskUntilTheSandboxEnds() {
    SandboxCreateV2Response created = createV2(fx.definition("sleep", "60"));
    var bySandbox =
        fx.stub.sandboxGetCommandRouterAccess(
            SandboxGetCommandRouterAccessRequest.newBuilder()
                .setSandboxId(created.getSandboxId())
                .build());
    var byTask =
        fx.stub.sandboxGetCommandRouterAccess(
            SandboxGetCommandRouterAccessRequest.newBuilder()
                .setTaskId(created.getTaskId())
                .build());
    assertThat(bySandbox.getUrl()).isEqualTo(created.getCommandRouterAccess().getUrl());
    assertThat(byTask.getUrl()).isEqualTo(bySandbox.getUrl());
    assertThat(bySandbox.getJwt()).isNotEmpty();
    assertThatThrownBy(
            () ->
                fx.stub.sandboxGetCommandRouterAccess(
                    SandboxGetCommandRouterAccessRequest.newBuilder().setTaskId("ta-nope").build()))
        .hasMessageContaining("NOT_FOUND");
    assertThatThrownBy(
            () ->
                fx.stub.sandboxGetCommandRouterAccess(
                    SandboxGetCommandRouterAccessRequest.getDefaultInstance()))
        .hasMessageContaining("INVALID_ARGUMENT");
    fx.stub.sandboxTerminateV2(
        SandboxTerminateRequest.newBuilder().setSandboxId(created.getSandboxId()).build());
    assertThatThrownBy(
            () ->
                fx.stub.sandboxGetCommandRouterAccess(
                    SandboxGetCommandRouterAccessRequest.newBuilder()
                        .setSandboxId(created.getSandboxId())
                        .build()))
        .hasMessageContaining("FAILED_PRECONDITION");
  }
}
