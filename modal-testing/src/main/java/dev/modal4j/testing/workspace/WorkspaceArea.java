package dev.modal4j.testing.workspace;

import com.google.protobuf.Empty;
import dev.modal4j.proto.AppListRequest;
import dev.modal4j.proto.AppListResponse;
import dev.modal4j.proto.AppStopRequest;
import dev.modal4j.proto.EnvironmentCreateRequest;
import dev.modal4j.proto.EnvironmentDeleteRequest;
import dev.modal4j.proto.EnvironmentListItem;
import dev.modal4j.proto.EnvironmentListResponse;
import dev.modal4j.proto.EnvironmentType;
import dev.modal4j.proto.EnvironmentUpdateRequest;
import dev.modal4j.proto.ModalClientGrpc;
import dev.modal4j.testing.EmulatorState;
import dev.modal4j.testing.Environments;
import dev.modal4j.testing.RegisteredApp;
import dev.modal4j.testing.internal.EmulatorArea;
import dev.modal4j.testing.internal.Unary;
import dev.modal4j.testing.sandboxes.SandboxState;
import dev.modal4j.testing.sandboxes.SandboxView;
import dev.modal4j.testing.sandboxes.SandboxesArea;
import io.grpc.ServerServiceDefinition;
import java.time.Instant;
import java.util.List;

/**
 * EnvironmentList, EnvironmentCreate, EnvironmentUpdate and EnvironmentDelete over the workspace's
 * {@link Environments} (deleting one drops everything in it), and AppList and AppStop over its apps
 * (an app's running tasks are its running sandboxes; stopping it terminates them).
 */
public final class WorkspaceArea implements EmulatorArea {
  private final EmulatorState state;
  private final SandboxesArea sandboxes;

  /** Serves the workspace of {@code state}; {@code sandboxes} are the apps' running tasks. */
  public WorkspaceArea(EmulatorState state, SandboxesArea sandboxes) {
    this.state = state;
    this.sandboxes = sandboxes;
  }

  @Override
  public void bind(ServerServiceDefinition.Builder service) {
    Unary.bind(service, ModalClientGrpc.getEnvironmentListMethod(), this::list);
    Unary.bind(service, ModalClientGrpc.getEnvironmentCreateMethod(), this::create);
    Unary.bind(service, ModalClientGrpc.getEnvironmentUpdateMethod(), this::update);
    Unary.bind(service, ModalClientGrpc.getEnvironmentDeleteMethod(), this::delete);
    Unary.bind(service, ModalClientGrpc.getAppListMethod(), this::apps);
    Unary.bind(service, ModalClientGrpc.getAppStopMethod(), this::stop);
  }

  private EnvironmentListResponse list(Empty request) {
    EnvironmentListResponse.Builder response = EnvironmentListResponse.newBuilder();
    state.environments().list().forEach(e -> response.addItems(item(e)));
    return response.build();
  }

  private Empty create(EnvironmentCreateRequest request) {
    state.environments().createNew(request.getName());
    return Empty.getDefaultInstance();
  }

  private EnvironmentListItem update(EnvironmentUpdateRequest request) {
    return item(
        state
            .environments()
            .update(
                request.getCurrentName(),
                request.hasName() ? request.getName().getValue() : null,
                request.hasWebSuffix() ? request.getWebSuffix().getValue() : null,
                request.hasMaxConcurrentTasks() ? request.getMaxConcurrentTasks() : null,
                request.hasMaxConcurrentGpus() ? request.getMaxConcurrentGpus() : null));
  }

  private Empty delete(EnvironmentDeleteRequest request) {
    Environments.Environment env = state.environments().find(request.getName());
    List<RegisteredApp> apps = state.apps().inEnvironment(env.key());
    state.environments().delete(request.getName());
    apps.forEach(app -> terminateTasks(app.appId()));
    return Empty.getDefaultInstance();
  }

  private AppListResponse apps(AppListRequest request) {
    String key = state.environments().resolve(request.getEnvironmentName());
    List<SandboxView> views = sandboxes.views();
    AppListResponse.Builder response = AppListResponse.newBuilder();
    for (RegisteredApp app : state.apps().inEnvironment(key)) {
      int running =
          (int)
              views.stream()
                  .filter(v -> v.appId().equals(app.appId()) && v.state() != SandboxState.FINISHED)
                  .count();
      AppListResponse.AppListItem.Builder item =
          AppListResponse.AppListItem.newBuilder()
              .setAppId(app.appId())
              .setName(app.name())
              .setDescription(app.name())
              .setState(app.state())
              .setCreatedAt(seconds(app.createdAt()))
              .setNRunningTasks(running);
      state.apps().stoppedAt(app.appId()).ifPresent(at -> item.setStoppedAt(seconds(at)));
      response.addApps(item);
    }
    return response.build();
  }

  private Empty stop(AppStopRequest request) {
    state.apps().stop(request.getAppId());
    terminateTasks(request.getAppId());
    return Empty.getDefaultInstance();
  }

  private void terminateTasks(String appId) {
    for (SandboxView v : sandboxes.views()) {
      if (v.appId().equals(appId) && v.state() != SandboxState.FINISHED) {
        sandboxes.control().sandbox(v.sandboxId()).terminate();
      }
    }
  }

  private EnvironmentListItem item(Environments.Environment e) {
    EnvironmentListItem.Builder item =
        EnvironmentListItem.newBuilder()
            .setName(e.name())
            .setEnvironmentId(state.environments().id(e.key()))
            .setWebhookSuffix(e.webSuffix())
            .setCreatedAt(seconds(e.createdAt()))
            .setDefault(e.name().equals(Environments.DEFAULT))
            .setEnvironmentType(EnvironmentType.ENVIRONMENT_TYPE_PUBLIC);
    e.maxConcurrentTasks().ifPresent(item::setMaxConcurrentTasks);
    e.maxConcurrentGpus().ifPresent(item::setMaxConcurrentGpus);
    return item.build();
  }

  private static double seconds(Instant instant) {
    return instant.getEpochSecond() + instant.getNano() / 1e9;
  }
}
