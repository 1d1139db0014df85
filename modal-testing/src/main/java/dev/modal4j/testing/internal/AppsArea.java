package dev.modal4j.testing.internal;

import dev.modal4j.proto.AppGetByDeploymentNameRequest;
import dev.modal4j.proto.AppGetByDeploymentNameResponse;
import dev.modal4j.proto.AppGetOrCreateRequest;
import dev.modal4j.proto.AppGetOrCreateResponse;
import dev.modal4j.proto.AppLifecycle;
import dev.modal4j.proto.ModalClientGrpc;
import dev.modal4j.testing.AppRegistry;
import dev.modal4j.testing.EmulatorState;
import dev.modal4j.testing.RegisteredApp;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import java.time.Instant;

/** {@code AppGetOrCreate} and {@code AppGetByDeploymentName} over the shared app registry. */
public final class AppsArea implements EmulatorArea {
  private final EmulatorState state;

  /** Creates the area over the emulator's shared state. */
  public AppsArea(EmulatorState state) {
    this.state = state;
  }

  @Override
  public void bind(ServerServiceDefinition.Builder service) {
    Unary.bind(service, ModalClientGrpc.getAppGetOrCreateMethod(), this::getOrCreate);
    Unary.bind(service, ModalClientGrpc.getAppGetByDeploymentNameMethod(), this::byDeploymentName);
  }

  private AppGetOrCreateResponse getOrCreate(AppGetOrCreateRequest request) {
    AppRegistry apps = state.apps();
    String env = request.getEnvironmentName();
    String name = request.getAppName();
    if (name.isEmpty()) {
      throw Status.INVALID_ARGUMENT.withDescription("App name is required").asRuntimeException();
    }
    RegisteredApp app =
        switch (request.getObjectCreationType()) {
          case OBJECT_CREATION_TYPE_UNSPECIFIED ->
              apps.find(env, name)
                  .orElseThrow(
                      () ->
                          SharedObjects.notFound(
                              "App",
                              name,
                              state.environments().name(state.environments().resolve(env))));
          case OBJECT_CREATION_TYPE_CREATE_IF_MISSING -> apps.getOrCreate(env, name);
          case OBJECT_CREATION_TYPE_CREATE_FAIL_IF_EXISTS -> apps.create(env, name);
          case OBJECT_CREATION_TYPE_CREATE_OVERWRITE_IF_EXISTS -> apps.replace(env, name);
          case OBJECT_CREATION_TYPE_EPHEMERAL -> apps.createEphemeral(env, name);
          default ->
              throw Status.INVALID_ARGUMENT
                  .withDescription(
                      "object_creation_type "
                          + request.getObjectCreationTypeValue()
                          + " is not supported for apps")
                  .asRuntimeException();
        };
    return AppGetOrCreateResponse.newBuilder().setAppId(app.appId()).build();
  }

  private AppGetByDeploymentNameResponse byDeploymentName(AppGetByDeploymentNameRequest request) {
    String env = state.environments().resolve(request.getEnvironmentName());
    AppGetByDeploymentNameResponse.Builder response =
        AppGetByDeploymentNameResponse.newBuilder()
            .setEnvironmentName(state.environments().name(env));
    state
        .apps()
        .findInEnvironment(env, request.getName())
        .filter(RegisteredApp::deployed)
        .ifPresent(app -> response.setAppId(app.appId()).setLifecycle(lifecycle(app)));
    return response.build();
  }

  private static AppLifecycle lifecycle(RegisteredApp app) {
    AppLifecycle.Builder lifecycle =
        AppLifecycle.newBuilder()
            .setAppState(app.state())
            .setCreatedAt(seconds(app.createdAt()))
            .setVersion(app.version());
    app.lastDeployedAt().ifPresent(at -> lifecycle.setDeployedAt(seconds(at)));
    return lifecycle.build();
  }

  private static double seconds(Instant instant) {
    return instant.getEpochSecond() + instant.getNano() / 1e9;
  }
}
