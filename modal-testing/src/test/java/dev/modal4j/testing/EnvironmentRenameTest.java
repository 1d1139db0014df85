package dev.modal4j.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.StringValue;
import dev.modal4j.proto.AppGetByDeploymentNameRequest;
import dev.modal4j.proto.AppGetOrCreateRequest;
import dev.modal4j.proto.AuthTokenGetRequest;
import dev.modal4j.proto.DictGetOrCreateRequest;
import dev.modal4j.proto.EnvironmentCreateRequest;
import dev.modal4j.proto.EnvironmentUpdateRequest;
import dev.modal4j.proto.FunctionGetRequest;
import dev.modal4j.proto.ImageGetByTagRequest;
import dev.modal4j.proto.ModalClientGrpc.ModalClientBlockingStub;
import dev.modal4j.proto.ObjectCreationType;
import dev.modal4j.proto.Proxy;
import dev.modal4j.proto.ProxyGetRequest;
import dev.modal4j.proto.QueueGetOrCreateRequest;
import dev.modal4j.proto.SecretGetOrCreateRequest;
import dev.modal4j.proto.SecretListRequest;
import dev.modal4j.proto.SecretListResponse;
import dev.modal4j.proto.VolumeGetOrCreateRequest;
import dev.modal4j.proto.VolumeListRequest;
import dev.modal4j.proto.newer.AppGetInfoRequest;
import dev.modal4j.proto.newer.NewerMethods;
import io.grpc.stub.ClientCalls;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

/**
 * After EnvironmentUpdate renames an environment, every message and listing that names it says its
 * new name: not-found and already-exists errors of apps, functions, secrets, volumes, queues, dicts
 * and image tags, the secret and volume listings, app lookups and app info, and proxies.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class EnvironmentRenameTest {
  private static final String OLD = "rename-before";
  private static final String NEW = "rename-after";
  private static final ObjectCreationType CREATE =
      ObjectCreationType.OBJECT_CREATION_TYPE_CREATE_IF_MISSING;
  private static final ObjectCreationType EXCLUSIVE =
      ObjectCreationType.OBJECT_CREATION_TYPE_CREATE_FAIL_IF_EXISTS;

  private static ModalEmulator emulator;
  private static ModalClientBlockingStub stub;
  private static String appId;

  @BeforeAll
  static void start() {
    emulator = ModalEmulator.builder().start();
    String token =
        Stubs.credentials(emulator.inProcessChannel())
            .authTokenGet(AuthTokenGetRequest.getDefaultInstance())
            .getToken();
    stub = Stubs.authenticated(emulator.inProcessChannel(), token);
    stub.environmentCreate(EnvironmentCreateRequest.newBuilder().setName(OLD).build());
    appId = emulator.state().apps().deploy(OLD, "renamed-app").appId();
    stub.secretGetOrCreate(
        SecretGetOrCreateRequest.newBuilder()
            .setDeploymentName("renamed-secret")
            .setEnvironmentName(OLD)
            .setObjectCreationType(CREATE)
            .putEnvDict("K", "v")
            .build());
    stub.volumeGetOrCreate(
        VolumeGetOrCreateRequest.newBuilder()
            .setDeploymentName("renamed-volume")
            .setEnvironmentName(OLD)
            .setObjectCreationType(CREATE)
            .build());
    stub.queueGetOrCreate(
        QueueGetOrCreateRequest.newBuilder()
            .setDeploymentName("renamed-queue")
            .setEnvironmentName(OLD)
            .setObjectCreationType(CREATE)
            .build());
    stub.dictGetOrCreate(
        DictGetOrCreateRequest.newBuilder()
            .setDeploymentName("renamed-dict")
            .setEnvironmentName(OLD)
            .setObjectCreationType(CREATE)
            .build());
    emulator.classes().proxies().create(OLD, "renamed-proxy");
    stub.environmentUpdate(
        EnvironmentUpdateRequest.newBuilder()
            .setCurrentName(OLD)
            .setName(StringValue.of(NEW))
            .build());
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  private static void saysNewName(Executable call) {
    assertThatThrownBy(call::execute)
        .hasMessageContaining("in environment '" + NEW + "'")
        .hasMessageNotContaining(OLD);
  }

  @Test
  void notFoundAndAlreadyExistsErrorsNameTheNewName() {
    saysNewName(
        () ->
            stub.appGetOrCreate(
                AppGetOrCreateRequest.newBuilder()
                    .setAppName("no-such-app")
                    .setEnvironmentName(NEW)
                    .build()));
    saysNewName(
        () ->
            stub.appGetOrCreate(
                AppGetOrCreateRequest.newBuilder()
                    .setAppName("renamed-app")
                    .setEnvironmentName(NEW)
                    .setObjectCreationType(EXCLUSIVE)
                    .build()));
    saysNewName(
        () ->
            stub.functionGet(
                FunctionGetRequest.newBuilder()
                    .setAppName("no-such-app")
                    .setObjectTag("f")
                    .setEnvironmentName(NEW)
                    .build()));
    saysNewName(
        () ->
            stub.secretGetOrCreate(
                SecretGetOrCreateRequest.newBuilder()
                    .setDeploymentName("no-such-secret")
                    .setEnvironmentName(NEW)
                    .build()));
    saysNewName(
        () ->
            stub.secretGetOrCreate(
                SecretGetOrCreateRequest.newBuilder()
                    .setDeploymentName("renamed-secret")
                    .setEnvironmentName(NEW)
                    .setObjectCreationType(EXCLUSIVE)
                    .putEnvDict("K", "v")
                    .build()));
    saysNewName(
        () ->
            stub.volumeGetOrCreate(
                VolumeGetOrCreateRequest.newBuilder()
                    .setDeploymentName("no-such-volume")
                    .setEnvironmentName(NEW)
                    .build()));
    saysNewName(
        () ->
            stub.volumeGetOrCreate(
                VolumeGetOrCreateRequest.newBuilder()
                    .setDeploymentName("renamed-volume")
                    .setEnvironmentName(NEW)
                    .setObjectCreationType(EXCLUSIVE)
                    .build()));
    saysNewName(
        () ->
            stub.queueGetOrCreate(
                QueueGetOrCreateRequest.newBuilder()
                    .setDeploymentName("no-such-queue")
                    .setEnvironmentName(NEW)
                    .build()));
    saysNewName(
        () ->
            stub.dictGetOrCreate(
                DictGetOrCreateRequest.newBuilder()
                    .setDeploymentName("renamed-dict")
                    .setEnvironmentName(NEW)
                    .setObjectCreationType(EXCLUSIVE)
                    .build()));
    saysNewName(
        () ->
            stub.imageGetByTag(
                ImageGetByTagRequest.newBuilder()
                    .setTag("no-such-image:v1")
                    .setEnvironmentName(NEW)
                    .build()));
  }

  @Test
  void listingsLookupsAndDescriptionsNameTheNewName() {
    SecretListResponse secrets =
        stub.secretList(SecretListRequest.newBuilder().setEnvironmentName(NEW).build());
    assertThat(secrets.getEnvironmentName()).isEqualTo(NEW);
    assertThat(secrets.getItemsList())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.getLabel()).isEqualTo("renamed-secret");
              assertThat(s.getEnvironmentName()).isEqualTo(NEW);
            });
    assertThat(
            stub.volumeList(VolumeListRequest.newBuilder().setEnvironmentName(NEW).build())
                .getEnvironmentName())
        .isEqualTo(NEW);
    assertThat(
            stub.appGetByDeploymentName(
                    AppGetByDeploymentNameRequest.newBuilder()
                        .setName("renamed-app")
                        .setEnvironmentName(NEW)
                        .build())
                .getEnvironmentName())
        .isEqualTo(NEW);
    assertThat(
            ClientCalls.blockingUnaryCall(
                    stub.getChannel(),
                    NewerMethods.APP_GET_INFO,
                    stub.getCallOptions(),
                    AppGetInfoRequest.newBuilder().setAppId(appId).build())
                .getInfo()
                .getEnvironmentName())
        .isEqualTo(NEW);
    Proxy proxy =
        stub.proxyGet(
                ProxyGetRequest.newBuilder()
                    .setName("renamed-proxy")
                    .setEnvironmentName(NEW)
                    .build())
            .getProxy();
    assertThat(proxy.getEnvironmentName()).isEqualTo(NEW);
    assertThat(proxy.getProxyIpsList())
        .allSatisfy(ip -> assertThat(ip.getEnvironmentName()).isEqualTo(NEW));
  }
}
