package dev.modal4j.testing.sandboxes.router;

import dev.modal4j.proto.GenericResult;
import dev.modal4j.proto.router.TaskCommandRouterGrpc;
import dev.modal4j.proto.router.TaskContainerCreateRequest;
import dev.modal4j.proto.router.TaskContainerCreateResponse;
import dev.modal4j.proto.router.TaskContainerGetRequest;
import dev.modal4j.proto.router.TaskContainerGetResponse;
import dev.modal4j.proto.router.TaskContainerInfo;
import dev.modal4j.proto.router.TaskContainerListRequest;
import dev.modal4j.proto.router.TaskContainerListResponse;
import dev.modal4j.proto.router.TaskContainerTerminateRequest;
import dev.modal4j.proto.router.TaskContainerTerminateResponse;
import dev.modal4j.proto.router.TaskContainerWaitRequest;
import dev.modal4j.proto.router.TaskContainerWaitResponse;
import dev.modal4j.testing.internal.AsyncUnary;
import dev.modal4j.testing.internal.Unary;
import dev.modal4j.testing.sandboxes.SandboxTask;
import dev.modal4j.testing.sandboxes.SecretSources;
import dev.modal4j.testing.sandboxes.SidecarRequest;
import dev.modal4j.testing.sandboxes.TaskContainers;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Sidecar containers: TaskContainerCreate, Get, List, Wait and Terminate. A wait parks for up to
 * its {@code timeout} seconds (0: answers at once) and answers an unset result while the container
 * runs.
 */
final class ContainersArea implements RouterArea {
  /** TaskContainerCreateRequest.secret_sources, sent by Modal's JS SDK 0.11.1. */
  static final int CREATE_SECRET_SOURCES_FIELD = 13;

  private final RouterContext context;

  ContainersArea(RouterContext context) {
    this.context = context;
  }

  @Override
  public void bind(ServerServiceDefinition.Builder service) {
    Unary.bind(service, TaskCommandRouterGrpc.getTaskContainerCreateMethod(), this::create);
    Unary.bind(service, TaskCommandRouterGrpc.getTaskContainerGetMethod(), this::get);
    Unary.bind(service, TaskCommandRouterGrpc.getTaskContainerListMethod(), this::list);
    AsyncUnary.bind(service, TaskCommandRouterGrpc.getTaskContainerWaitMethod(), this::await);
    Unary.bind(service, TaskCommandRouterGrpc.getTaskContainerTerminateMethod(), this::terminate);
  }

  private TaskContainers containers(String taskId) {
    context.task(taskId);
    return context
        .tasks()
        .containers(taskId)
        .orElseThrow(
            () ->
                Status.UNIMPLEMENTED
                    .withDescription("this emulator runs no sidecar containers")
                    .asRuntimeException());
  }

  private TaskContainerCreateResponse create(TaskContainerCreateRequest request) {
    TaskContainers containers = containers(request.getTaskId());
    SandboxTask task = context.task(request.getTaskId());
    Map<String, String> env = new LinkedHashMap<>(task.secretEnv(request.getSecretIdsList()));
    env.putAll(SecretSources.env(request, CREATE_SECRET_SOURCES_FIELD, task::secretEnv));
    env.putAll(request.getEnvMap());
    TaskContainerInfo info =
        containers.create(
            new SidecarRequest(
                request.getContainerName(),
                request.getImageId(),
                request.getArgsList(),
                env,
                request.getWorkdir().isEmpty()
                    ? Optional.empty()
                    : Optional.of(request.getWorkdir()),
                request.getVolumeMountsList(),
                request.hasNetworkAccess()
                    ? Optional.of(request.getNetworkAccess())
                    : Optional.empty(),
                request.hasPtyInfo() && request.getPtyInfo().getEnabled()));
    task.touch();
    return TaskContainerCreateResponse.newBuilder()
        .setContainerId(info.getContainerId())
        .setContainerName(info.getContainerName())
        .build();
  }

  private TaskContainerGetResponse get(TaskContainerGetRequest request) {
    TaskContainers containers = containers(request.getTaskId());
    return TaskContainerGetResponse.newBuilder()
        .setContainer(containers.get(request.getContainerName(), request.getIncludeTerminated()))
        .build();
  }

  private TaskContainerListResponse list(TaskContainerListRequest request) {
    TaskContainers containers = containers(request.getTaskId());
    return TaskContainerListResponse.newBuilder()
        .addAllContainers(containers.list(request.getIncludeTerminated()))
        .build();
  }

  private void await(
      TaskContainerWaitRequest request, AsyncUnary.Reply<TaskContainerWaitResponse> reply) {
    TaskContainers containers = containers(request.getTaskId());
    CompletableFuture<GenericResult> result = containers.result(request.getContainerId());
    long millis = Math.max(0, (long) (request.getTimeout() * 1000));
    if (result.isDone() || millis == 0) {
      reply.send(response(result.getNow(GenericResult.getDefaultInstance())));
      return;
    }
    ScheduledFuture<?> timeout =
        context
            .state()
            .scheduler()
            .schedule(
                () -> reply.send(response(GenericResult.getDefaultInstance())),
                millis,
                TimeUnit.MILLISECONDS);
    CompletableFuture<Void> done = result.thenAccept(r -> reply.send(response(r)));
    done.whenComplete((v, e) -> timeout.cancel(false));
    reply.onCancel(() -> timeout.cancel(false));
  }

  private static TaskContainerWaitResponse response(GenericResult result) {
    return TaskContainerWaitResponse.newBuilder().setResult(result).build();
  }

  private TaskContainerTerminateResponse terminate(TaskContainerTerminateRequest request) {
    containers(request.getTaskId()).terminate(request.getContainerId());
    return TaskContainerTerminateResponse.getDefaultInstance();
  }
}
