package dev.modal4j.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modal4j.proto.AppGetByDeploymentNameRequest;
import dev.modal4j.proto.AppGetByDeploymentNameResponse;
import dev.modal4j.proto.AppGetOrCreateRequest;
import dev.modal4j.proto.AppState;
import dev.modal4j.proto.FunctionGetRequest;
import dev.modal4j.proto.ModalClientGrpc.ModalClientBlockingStub;
import dev.modal4j.proto.ObjectCreationType;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class EmulatorAppsTest {
  private static ModalEmulator emulator;
  private static ModalClientBlockingStub stub;

  @BeforeAll
  static void start() {
    emulator = ModalEmulator.start();
    emulator.state().environments().create("dev");
    stub = Stubs.authenticated(emulator.inProcessChannel(), EmulatorAuthTest.token(emulator));
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  @Test
  void lookupOnlyFailsWithNotFoundUntilCreated() {
    assertCode(
        () -> getOrCreate("lookup-app", "", ObjectCreationType.OBJECT_CREATION_TYPE_UNSPECIFIED),
        Status.Code.NOT_FOUND);

    String created =
        getOrCreate("lookup-app", "", ObjectCreationType.OBJECT_CREATION_TYPE_CREATE_IF_MISSING);
    assertThat(created).matches("ap-[0-9A-Za-z]{22}");
    assertThat(
            getOrCreate(
                "lookup-app", "", ObjectCreationType.OBJECT_CREATION_TYPE_CREATE_IF_MISSING))
        .isEqualTo(created);
    assertThat(
            getOrCreate("lookup-app", "main", ObjectCreationType.OBJECT_CREATION_TYPE_UNSPECIFIED))
        .isEqualTo(created);
    assertThat(emulator.state().apps().byId(created).orElseThrow().environment()).isEqualTo("main");
  }

  @Test
  void environmentsSeparateAppsAndUnknownOnesAreNotFound() {
    String inMain =
        getOrCreate("env-app", "", ObjectCreationType.OBJECT_CREATION_TYPE_CREATE_IF_MISSING);
    String inDev =
        getOrCreate("env-app", "dev", ObjectCreationType.OBJECT_CREATION_TYPE_CREATE_IF_MISSING);
    assertThat(inDev).isNotEqualTo(inMain);
    assertCode(
        () ->
            getOrCreate(
                "env-app", "nope", ObjectCreationType.OBJECT_CREATION_TYPE_CREATE_IF_MISSING),
        Status.Code.NOT_FOUND);
    assertThat(emulator.state().environments().names()).containsExactly("dev", "main");
  }

  @Test
  void failIfExistsOverwriteAndEphemeral() {
    String first =
        getOrCreate(
            "strict-app", "", ObjectCreationType.OBJECT_CREATION_TYPE_CREATE_FAIL_IF_EXISTS);
    assertCode(
        () ->
            getOrCreate(
                "strict-app", "", ObjectCreationType.OBJECT_CREATION_TYPE_CREATE_FAIL_IF_EXISTS),
        Status.Code.ALREADY_EXISTS);

    String replaced =
        getOrCreate(
            "strict-app", "", ObjectCreationType.OBJECT_CREATION_TYPE_CREATE_OVERWRITE_IF_EXISTS);
    assertThat(replaced).isNotEqualTo(first);
    assertThat(getOrCreate("strict-app", "", ObjectCreationType.OBJECT_CREATION_TYPE_UNSPECIFIED))
        .isEqualTo(replaced);
    assertThat(emulator.state().apps().byId(first)).isEmpty();

    String ephemeral =
        getOrCreate("scratch-app", "", ObjectCreationType.OBJECT_CREATION_TYPE_EPHEMERAL);
    assertThat(emulator.state().apps().byId(ephemeral).orElseThrow().state())
        .isEqualTo(AppState.APP_STATE_EPHEMERAL);
    assertCode(
        () -> getOrCreate("scratch-app", "", ObjectCreationType.OBJECT_CREATION_TYPE_UNSPECIFIED),
        Status.Code.NOT_FOUND);
  }

  @Test
  void badNamesAndCreationTypesAreInvalid() {
    assertCode(
        () -> getOrCreate("", "", ObjectCreationType.OBJECT_CREATION_TYPE_CREATE_IF_MISSING),
        Status.Code.INVALID_ARGUMENT);
    assertCode(
        () ->
            getOrCreate("has space", "", ObjectCreationType.OBJECT_CREATION_TYPE_CREATE_IF_MISSING),
        Status.Code.INVALID_ARGUMENT);
    assertCode(
        () ->
            getOrCreate(
                "x".repeat(64), "", ObjectCreationType.OBJECT_CREATION_TYPE_CREATE_IF_MISSING),
        Status.Code.INVALID_ARGUMENT);
    assertCode(
        () ->
            getOrCreate("anon", "", ObjectCreationType.OBJECT_CREATION_TYPE_ANONYMOUS_OWNED_BY_APP),
        Status.Code.INVALID_ARGUMENT);
  }

  @Test
  void byDeploymentNameFindsDeployedAppsAndOtherwiseAnswersEmpty() {
    AppGetByDeploymentNameResponse missing =
        stub.appGetByDeploymentName(
            AppGetByDeploymentNameRequest.newBuilder().setName("never-deployed").build());
    assertThat(missing.getAppId()).isEmpty();
    assertThat(missing.getEnvironmentName()).isEqualTo("main");

    RegisteredApp first = emulator.state().apps().deploy("", "deployed-app");
    RegisteredApp second = emulator.state().apps().deploy("main", "deployed-app");
    assertThat(second.appId()).isEqualTo(first.appId());
    assertThat(second.version()).isEqualTo(2);

    AppGetByDeploymentNameResponse found =
        stub.appGetByDeploymentName(
            AppGetByDeploymentNameRequest.newBuilder()
                .setName("deployed-app")
                .setEnvironmentName("main")
                .build());
    assertThat(found.getAppId()).isEqualTo(first.appId());
    assertThat(found.getLifecycle().getAppState()).isEqualTo(AppState.APP_STATE_DEPLOYED);
    assertThat(found.getLifecycle().getVersion()).isEqualTo(2);
    assertThat(found.getLifecycle().getDeployedAt()).isPositive();

    assertCode(
        () ->
            stub.appGetByDeploymentName(
                AppGetByDeploymentNameRequest.newBuilder()
                    .setName("deployed-app")
                    .setEnvironmentName("nope")
                    .build()),
        Status.Code.NOT_FOUND);
  }

  @Test
  void functionGetIsNotFoundUntilTheFunctionsAreaExists() {
    emulator.state().apps().deploy("", "fn-app");
    assertThatThrownBy(
            () ->
                stub.functionGet(
                    FunctionGetRequest.newBuilder().setAppName("fn-app").setObjectTag("f").build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
              assertThat(e.getStatus().getDescription()).contains("'f'", "'fn-app'");
            });
  }

  private static String getOrCreate(String name, String env, ObjectCreationType type) {
    return stub.appGetOrCreate(
            AppGetOrCreateRequest.newBuilder()
                .setAppName(name)
                .setEnvironmentName(env)
                .setObjectCreationType(type)
                .build())
        .getAppId();
  }

  private static void assertCode(Runnable call, Status.Code code) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            StatusRuntimeException.class, e -> assertThat(e.getStatus().getCode()).isEqualTo(code));
  }
}
