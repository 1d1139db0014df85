package dev.modal4j.sandboxes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modal4j.InvalidException;
import dev.modal4j.ModalClient;
import dev.modal4j.NotFoundException;
import dev.modal4j.apps.App;
import dev.modal4j.apps.AppFromNameParams;
import dev.modal4j.images.Image;
import dev.modal4j.proto.AuthTokenGetRequest;
import dev.modal4j.proto.ModalClientGrpc;
import dev.modal4j.proto.ModalClientGrpc.ModalClientBlockingStub;
import dev.modal4j.proto.SandboxCreateV2Request;
import dev.modal4j.testing.ModalEmulator;
import dev.modal4j.testing.sandboxes.SandboxBackendType;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * V2 sandboxes beyond the contract: handles for V2 sandboxes made by raw stubs, the seeds of
 * SandboxCreateV2's answer, the MODAL_SANDBOX_V2 switch, and what V2 refuses.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SandboxesV2Test {
  private static ModalEmulator emulator;
  private ModalClient modal;
  private App app;
  private Image image;

  @BeforeAll
  static void start() {
    emulator = ModalEmulator.builder().sandboxBackend(SandboxBackendType.PROCESS).start();
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  @BeforeEach
  void connect() {
    modal = emulator.newClient();
    app =
        modal
            .apps()
            .fromName(
                "sandbox-v2-tests", AppFromNameParams.builder().createIfMissing(true).build());
    image = modal.images().fromRegistry("alpine:3.21");
  }

  @AfterEach
  void disconnect() {
    closeCreated();
    modal.close();
  }

  private static ModalClientBlockingStub rawStub() {
    Metadata credentials = new Metadata();
    credentials.put(key("x-modal-token-id"), ModalEmulator.TOKEN_ID);
    credentials.put(key("x-modal-token-secret"), ModalEmulator.TOKEN_SECRET);
    String token =
        ModalClientGrpc.newBlockingStub(emulator.inProcessChannel())
            .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(credentials))
            .authTokenGet(AuthTokenGetRequest.getDefaultInstance())
            .getToken();
    Metadata headers = new Metadata();
    headers.merge(credentials);
    headers.put(key("x-modal-auth-token"), token);
    return ModalClientGrpc.newBlockingStub(emulator.inProcessChannel())
        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
        .withDeadlineAfter(30, TimeUnit.SECONDS);
  }

  private static Metadata.Key<String> key(String name) {
    return Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER);
  }

  @Test
  void aV2SandboxMadeByRawStubsIsUsedThroughFromIdFromNameAndList() throws Exception {
    image.build(app);
    String name = "raw-v2-" + UUID.randomUUID().toString().substring(0, 8);
    String id =
        rawStub()
            .sandboxCreateV2(
                SandboxCreateV2Request.newBuilder()
                    .setAppId(app.appId())
                    .setDefinition(
                        dev.modal4j.proto.Sandbox.newBuilder()
                            .setImageId(image.imageId().orElseThrow())
                            .setName(name)
                            .setTimeoutSecs(300)
                            .addAllEntrypointArgs(List.of("sh", "-c", "echo raw-out; cat")))
                    .build())
            .getSandboxId();
    assertThat(SandboxVersion.isV2(id)).as(id).isTrue();

    Sandbox byId = modal.sandboxes().fromId(id);
    assertThat(byId.exec(List.of("echo", "by-id")).stdout().readText()).isEqualTo("by-id\n");
    byId.setTags(Map.of("raw", name));
    assertThat(byId.tags()).isEqualTo(Map.of("raw", name));
    assertThat(byId.poll()).isEmpty();

    Sandbox byName =
        modal.sandboxes().experimentalFromName(app.name(), name, SandboxFromNameParams.DEFAULT);
    assertThat(byName.sandboxId()).isEqualTo(id);
    assertThatThrownBy(() -> modal.sandboxes().fromName(app.name(), name))
        .as("the V1 lookup does not know V2 sandboxes")
        .isInstanceOf(NotFoundException.class);

    try (Sandbox v1 = modal.sandboxes().create(app, image)) {
      assertThat(SandboxVersion.isV2(v1.sandboxId())).isFalse();
      SandboxListParams mine = SandboxListParams.builder().appId(app.appId()).build();
      assertThat(modal.sandboxes().experimentalList(mine).map(Sandbox::sandboxId))
          .contains(id, v1.sandboxId());
      assertThat(modal.sandboxes().list(mine).map(Sandbox::sandboxId))
          .contains(v1.sandboxId())
          .doesNotContain(id);
    }

    Sandbox listed =
        modal
            .sandboxes()
            .experimentalList(
                SandboxListParams.builder().appId(app.appId()).tags(Map.of("raw", name)).build())
            .findFirst()
            .orElseThrow();
    try (var in = listed.stdin()) {
      in.write("raw-in\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    assertThat(listed.stdout().readText()).isEqualTo("raw-out\nraw-in\n");
    assertThat(listed.waitFor()).isZero();
    listed.detach();
    byName.detach();
    byId.detach();
  }

  @Test
  void experimentalCreateSeedsTheTaskRouterAccessAndTunnels() {
    long taskIds = emulator.stats().count("SandboxGetTaskIdV2");
    long access = emulator.stats().count("SandboxGetCommandRouterAccess");
    long tunnels = emulator.stats().count("SandboxGetTunnelsV2");
    try (Sandbox sb =
        modal
            .sandboxes()
            .experimentalCreate(
                app, image, SandboxCreateParams.builder().encryptedPorts(List.of(8443)).build())) {
      assertThat(sb.exec(List.of("echo", "seeded")).stdout().readText()).isEqualTo("seeded\n");
      assertThat(sb.tunnels(Duration.ofSeconds(10))).containsOnlyKeys(8443);
      assertThat(emulator.stats().count("SandboxGetTaskIdV2")).isEqualTo(taskIds);
      assertThat(emulator.stats().count("SandboxGetCommandRouterAccess")).isEqualTo(access);
      assertThat(emulator.stats().count("SandboxGetTunnelsV2")).isEqualTo(tunnels);

      Sandbox again = modal.sandboxes().fromId(sb.sandboxId());
      assertThat(again.exec(List.of("echo", "unseeded")).stdout().readText())
          .isEqualTo("unseeded\n");
      assertThat(again.tunnels(Duration.ofSeconds(10))).containsOnlyKeys(8443);
      assertThat(emulator.stats().count("SandboxGetTaskIdV2")).isGreaterThan(taskIds);
      assertThat(emulator.stats().count("SandboxGetCommandRouterAccess")).isEqualTo(access + 1);
      assertThat(emulator.stats().count("SandboxGetTunnelsV2")).isEqualTo(tunnels + 1);
      again.detach();
    }
  }

  @Test
  void theSandboxV2SwitchMakesCreateFromNameAndListUseV2UnlessAGpuIsAsked() {
    assertThat(SandboxVersion.isV2(create(modal, SandboxCreateParams.DEFAULT)))
        .as("off by default")
        .isFalse();
    try (ModalClient on =
        emulator.clientBuilder().environmentVariables(Map.of("MODAL_SANDBOX_V2", "true")).build()) {
      String name = "switch-" + UUID.randomUUID().toString().substring(0, 8);
      String v2 = create(on, SandboxCreateParams.builder().name(name).build());
      assertThat(SandboxVersion.isV2(v2)).as(v2).isTrue();
      assertThat(on.sandboxes().fromName(app.name(), name).sandboxId()).isEqualTo(v2);
      String v1Name = name + "-v1";
      String v1 = create(modal, SandboxCreateParams.builder().name(v1Name).build());
      assertThat(on.sandboxes().fromName(app.name(), v1Name).sandboxId())
          .as("falls back to the V1 lookup")
          .isEqualTo(v1);
      assertThat(
              on.sandboxes()
                  .list(SandboxListParams.builder().appId(app.appId()).build())
                  .map(Sandbox::sandboxId)
                  .collect(Collectors.toList()))
          .contains(v1, v2);
      String gpu = create(on, SandboxCreateParams.builder().gpu("T4").build());
      assertThat(SandboxVersion.isV2(gpu)).as("a GPU keeps V1").isFalse();
      closeCreated();
    }
    try (ModalClient off =
        emulator.clientBuilder().environmentVariables(Map.of("MODAL_SANDBOX_V2", "0")).build()) {
      assertThat(SandboxVersion.isV2(create(off, SandboxCreateParams.DEFAULT))).isFalse();
      closeCreated();
    }
  }

  private final List<Sandbox> created = new java.util.ArrayList<>();

  private void closeCreated() {
    created.forEach(Sandbox::close);
    created.clear();
  }

  /** Creates a sandbox, terminated by closeCreated, and answers its id. */
  private String create(ModalClient client, SandboxCreateParams params) {
    Sandbox sb = client.sandboxes().create(app, image, params);
    created.add(sb);
    return sb.sandboxId();
  }

  @Test
  void aGpuOnExperimentalCreateIsRefusedBeforeAnyRpc() {
    SandboxCreateParams gpu = SandboxCreateParams.builder().gpu("A100-80G").build();
    long before = emulator.stats().total();
    assertThatThrownBy(() -> modal.sandboxes().experimentalCreate(app, image, gpu))
        .isInstanceOf(InvalidException.class)
        .hasMessageContaining("gpu")
        .hasMessageContaining("experimentalCreate");
    assertThatThrownBy(() -> modal.sandboxes().experimentalCreateAsync(app, image, gpu))
        .isInstanceOf(InvalidException.class);
    assertThatThrownBy(() -> modal.sandboxes().experimentalCreate(app, null, gpu))
        .isInstanceOf(InvalidException.class);
    assertThatThrownBy(() -> modal.sandboxes().experimentalFromName(app.name(), " ", null))
        .isInstanceOf(InvalidException.class);
    assertThatThrownBy(() -> modal.sandboxes().experimentalList(null))
        .isInstanceOf(InvalidException.class);
    assertThat(emulator.stats().total()).isEqualTo(before);
  }

  @Test
  void theVersionIsReadOffTheIdShape() {
    assertThat(SandboxVersion.isV2("sb-" + "a1B2c3D4e5F6g7H8i9J0kL")).isFalse();
    assertThat(SandboxVersion.isV2("sb-" + "a1B2c3D4e5F6g7H8i9J0k")).isTrue();
    assertThat(SandboxVersion.isV2("sb-" + "a1B2c3D4e5F6g7H8i9J0kLm")).isTrue();
    assertThat(SandboxVersion.isV2("sb-" + "a1B2c3D4e5F6g7H8i9J0-L")).isTrue();
    assertThat(SandboxVersion.isV2("sb-01JDZ8F3Q4W5E6R7T8Y9U0I1O2")).isTrue();
    assertThat(SandboxVersion.isV2("ta-" + "a1B2c3D4e5F6g7H8i9J0kL")).isTrue();
  }
}
