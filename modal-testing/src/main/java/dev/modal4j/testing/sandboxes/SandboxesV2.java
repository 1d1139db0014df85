package dev.modal4j.testing.sandboxes;

import dev.modal4j.proto.CommandRouterAccess;
import dev.modal4j.proto.GPUConfig;
import dev.modal4j.proto.GenericResult.GenericStatus;
import dev.modal4j.proto.SandboxCreateV2Request;
import dev.modal4j.proto.SandboxCreateV2Response;
import dev.modal4j.proto.SandboxGetCommandRouterAccessRequest;
import dev.modal4j.proto.SandboxGetCommandRouterAccessResponse;
import dev.modal4j.proto.SandboxGetTunnelsResponse;
import dev.modal4j.proto.SandboxHandleMetadata;
import dev.modal4j.testing.internal.AsyncUnary;
import io.grpc.Status;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What only V2 sandboxes have on the control plane: SandboxCreateV2, which answers once the task
 * runs, with its task id, command router access and (when every port's is known) tunnels; and
 * SandboxGetCommandRouterAccess. The V2 twins of the other RPCs are the V1 handlers.
 */
final class SandboxesV2 {
  /** How long SandboxCreateV2 waits for the backend to run the sandbox before answering anyway. */
  static final long START_WAIT_MILLIS = 30_000;

  private final SandboxesArea area;
  private final SandboxRegistry sandboxes;
  private final Supplier<RouterAccess> router;
  private final Clock clock;
  private final Function<List<String>, Map<String, String>> secretEnv;

  SandboxesV2(
      SandboxesArea area,
      SandboxRegistry sandboxes,
      Supplier<RouterAccess> router,
      Clock clock,
      Function<List<String>, Map<String, String>> secretEnv) {
    this.secretEnv = secretEnv;
    this.area = area;
    this.sandboxes = sandboxes;
    this.router = router;
    this.clock = clock;
  }

  void create(SandboxCreateV2Request request, AsyncUnary.Reply<SandboxCreateV2Response> reply) {
    var definition = request.getDefinition();
    GPUConfig gpu = definition.getResources().getGpuConfig();
    if (gpu.getCount() > 0 || !gpu.getGpuType().isEmpty() || gpu.getTypeValue() != 0) {
      throw SandboxDefinitions.invalid("GPUs are not supported for V2 Sandboxes");
    }
    EmulatedSandbox sandbox =
        area.newSandbox(
            request.getAppId(),
            definition,
            request.getTagsList(),
            ephemeral(request),
            SandboxIds.newV2(clock.instant()));
    sandbox
        .started()
        .copy()
        .exceptionally(e -> null)
        .completeOnTimeout(null, START_WAIT_MILLIS, TimeUnit.MILLISECONDS)
        .thenRun(() -> reply.send(created(sandbox)));
  }

  /** The ephemeral secrets, then the secret sources in order (later ones win). */
  private Map<String, String> ephemeral(SandboxCreateV2Request request) {
    Map<String, String> env = new LinkedHashMap<>(request.getEphemeralSecrets().getContentsMap());
    env.putAll(SecretSources.env(request, SecretSources.CREATE_V2_FIELD, secretEnv));
    return env;
  }

  private SandboxCreateV2Response created(EmulatedSandbox sandbox) {
    SandboxCreateV2Response.Builder response =
        SandboxCreateV2Response.newBuilder()
            .setSandboxId(sandbox.sandboxId())
            .setTaskId(sandbox.taskId())
            .setMetadata(SandboxHandleMetadata.newBuilder().setAppId(sandbox.appId()));
    var started = sandbox.started();
    if (started.isDone() && !started.isCompletedExceptionally()) {
      SandboxGetTunnelsResponse tunnels = area.tunnelsOf(sandbox, started.join());
      if (tunnels.getResult().getStatus() == GenericStatus.GENERIC_STATUS_SUCCESS) {
        response.addAllTunnels(tunnels.getTunnelsList());
      }
    }
    if (!sandbox.finished()) {
      RouterAccess access = router.get();
      response.setCommandRouterAccess(
          CommandRouterAccess.newBuilder()
              .setUrl(access.url())
              .setJwt(access.jwt(sandbox.taskId())));
    }
    return response.build();
  }

  SandboxGetCommandRouterAccessResponse routerAccess(SandboxGetCommandRouterAccessRequest request) {
    SandboxTask task =
        switch (request.getTargetCase()) {
          case SANDBOX_ID -> sandboxes.get(request.getSandboxId());
          case TASK_ID ->
              sandboxes
                  .task(request.getTaskId())
                  .orElseThrow(
                      () ->
                          Status.NOT_FOUND
                              .withDescription("Task '" + request.getTaskId() + "' not found")
                              .asRuntimeException());
          case TARGET_NOT_SET ->
              throw SandboxDefinitions.invalid("sandbox_id or task_id is required");
        };
    if (task.finished()) {
      throw Status.FAILED_PRECONDITION
          .withDescription("Sandbox '" + task.sandboxId() + "' has already finished")
          .asRuntimeException();
    }
    RouterAccess access = router.get();
    return SandboxGetCommandRouterAccessResponse.newBuilder()
        .setUrl(access.url())
        .setJwt(access.jwt(task.taskId()))
        .setWorkerIpv4Address("127.0.0.1")
        .build();
  }
}
