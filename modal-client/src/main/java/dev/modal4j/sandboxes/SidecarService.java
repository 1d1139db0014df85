package dev.modal4j.sandboxes;

import dev.modal4j.ClientClosedException;
import dev.modal4j.InternalFailureException;
import dev.modal4j.InvalidException;
import dev.modal4j.ModalException;
import dev.modal4j.NotFoundException;
import dev.modal4j.images.Image;
import dev.modal4j.internal.Args;
import dev.modal4j.internal.CallerFutures;
import dev.modal4j.internal.ClientContext;
import dev.modal4j.internal.Futures;
import dev.modal4j.internal.options.SecretIds;
import dev.modal4j.internal.sandbox.RouterPolicy;
import dev.modal4j.proto.NetworkAccess;
import dev.modal4j.proto.VolumeMount;
import dev.modal4j.proto.router.TaskCommandRouterGrpc;
import dev.modal4j.proto.router.TaskContainerCreateRequest;
import dev.modal4j.proto.router.TaskContainerGetRequest;
import dev.modal4j.proto.router.TaskContainerListRequest;
import dev.modal4j.volumes.Volume;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Creates and finds the sidecar containers of one sandbox ({@link Sandbox#experimentalSidecars()}):
 * more containers beside the main one, each from an image of its own, that share the sandbox's
 * network (the main container is reached on {@code localhost}). Names are unique among a sandbox's
 * running containers; {@code main} is reserved. Experimental, as in Modal's SDKs: the API may
 * change.
 */
public final class SidecarService {
  private final ClientContext context;
  private final Sandbox sandbox;

  SidecarService(ClientContext context, Sandbox sandbox) {
    this.context = context;
    this.sandbox = sandbox;
  }

  /**
   * Starts a sidecar named {@code name} from a built {@code image}, running the image's own
   * command.
   *
   * @throws InvalidException if the name is null, empty or {@code main}, or the image is not built
   * @throws dev.modal4j.AlreadyExistsException if a running container of the sandbox has the name
   * @throws ClientClosedException if the sandbox's handle was detached
   */
  public SidecarContainer create(String name, Image image) {
    return Futures.join(createAsync(name, image, SidecarCreateParams.DEFAULT));
  }

  /**
   * Starts a sidecar named {@code name} from a built {@code image}, as {@code params} say.
   *
   * @throws InvalidException if the name is null, empty or {@code main}, the image is not built,
   *     {@code params} is null, or Modal refuses the request
   * @throws dev.modal4j.AlreadyExistsException if a running container of the sandbox has the name
   * @throws ClientClosedException if the sandbox's handle was detached
   */
  public SidecarContainer create(String name, Image image, SidecarCreateParams params) {
    return Futures.join(createAsync(name, image, params));
  }

  /** The async form of {@link #create(String, Image)}. */
  public CompletableFuture<SidecarContainer> createAsync(String name, Image image) {
    return createAsync(name, image, SidecarCreateParams.DEFAULT);
  }

  /** The async form of {@link #create(String, Image, SidecarCreateParams)}. */
  public CompletableFuture<SidecarContainer> createAsync(
      String name, Image image, SidecarCreateParams params) {
    Args.notNull(name, "name");
    Args.notNull(image, "image");
    Args.notNull(params, "params");
    SidecarChecks.name(name);
    String imageId = SidecarChecks.imageId(image);
    TaskContainerCreateRequest.Builder request =
        TaskContainerCreateRequest.newBuilder()
            .setContainerName(name)
            .setImageId(imageId)
            .addAllArgs(params.command())
            .putAllEnv(SecretIds.inlineEnv(params.secrets(), params.env()))
            .addAllSecretIds(SecretIds.serverIds(params.secrets()))
            .setWorkdir(params.workdir().orElse(""))
            .setNetworkAccess(networkAccess(params));
    for (Map.Entry<String, Volume> e : params.volumes().entrySet()) {
      request.addVolumeMounts(
          VolumeMount.newBuilder()
              .setVolumeId(e.getValue().volumeId())
              .setMountPath(e.getKey())
              .setAllowBackgroundCommits(true)
              .setReadOnly(e.getValue().isReadOnly()));
    }
    if (params.pty()) {
      request.setPtyInfo(SandboxDefinition.defaultPty());
    }
    return call(
        r ->
            r.unary(
                    TaskCommandRouterGrpc.getTaskContainerCreateMethod(),
                    request.setTaskId(r.taskId()).build(),
                    RouterPolicy.DEFAULT)
                .thenApply(
                    resp ->
                        container(
                            resp.getContainerId(),
                            resp.getContainerName().isEmpty() ? name : resp.getContainerName())));
  }

  /** A handle to a sidecar of this sandbox whose result is not known yet. */
  SidecarContainer container(String containerId, String containerName) {
    return new SidecarContainer(context, sandbox, containerId, containerName, null);
  }

  /** OPEN, or ALLOWLIST when either list is given (a sidecar cannot be BLOCKED). */
  private static NetworkAccess networkAccess(SidecarCreateParams p) {
    if (p.outboundCidrAllowlist().isEmpty() && p.outboundDomainAllowlist().isEmpty()) {
      return NetworkAccess.newBuilder()
          .setNetworkAccessType(NetworkAccess.NetworkAccessType.OPEN)
          .build();
    }
    return NetworkAccess.newBuilder()
        .setNetworkAccessType(NetworkAccess.NetworkAccessType.ALLOWLIST)
        .addAllAllowedCidrs(p.outboundCidrAllowlist().orElse(List.of()))
        .addAllAllowedDomains(p.outboundDomainAllowlist().orElse(List.of()))
        .build();
  }

  /**
   * The running sidecar named {@code name}.
   *
   * @throws InvalidException if the name is null, empty or {@code main}
   * @throws NotFoundException if no running sidecar has the name
   * @throws ClientClosedException if the sandbox's handle was detached
   */
  public SidecarContainer get(String name) {
    return Futures.join(getAsync(name, SidecarGetParams.DEFAULT));
  }

  /**
   * The sidecar named {@code name}; with {@code includeTerminated}, the latest one even if it has
   * ended.
   *
   * @throws InvalidException if the name is null, empty or {@code main}, or {@code params} is null
   * @throws NotFoundException if there is no such sidecar
   * @throws ClientClosedException if the sandbox's handle was detached
   */
  public SidecarContainer get(String name, SidecarGetParams params) {
    return Futures.join(getAsync(name, params));
  }

  /** The async form of {@link #get(String)}. */
  public CompletableFuture<SidecarContainer> getAsync(String name) {
    return getAsync(name, SidecarGetParams.DEFAULT);
  }

  /** The async form of {@link #get(String, SidecarGetParams)}. */
  public CompletableFuture<SidecarContainer> getAsync(String name, SidecarGetParams params) {
    Args.notNull(name, "name");
    Args.notNull(params, "params");
    SidecarChecks.name(name);
    CompletableFuture<SidecarContainer> found =
        call(
            r ->
                r.unary(
                        TaskCommandRouterGrpc.getTaskContainerGetMethod(),
                        TaskContainerGetRequest.newBuilder()
                            .setTaskId(r.taskId())
                            .setContainerName(name)
                            .setIncludeTerminated(params.includeTerminated())
                            .build(),
                        RouterPolicy.DEFAULT)
                    .thenApply(
                        resp -> {
                          if (!resp.hasContainer()) {
                            throw new InternalFailureException(
                                "Modal returned no container for sidecar '" + name + "'");
                          }
                          return SidecarContainer.of(context, sandbox, resp.getContainer());
                        }));
    return found.exceptionallyCompose(
        e ->
            Futures.unwrap(e) instanceof NotFoundException
                ? CompletableFuture.failedFuture(
                    new NotFoundException(
                        "Sidecar container '" + name + "' not found", Futures.unwrap(e)))
                : CompletableFuture.failedFuture(Futures.unwrap(e)));
  }

  /**
   * The sandbox's running sidecars (never its main container), oldest first.
   *
   * @throws ClientClosedException if the sandbox's handle was detached
   */
  public List<SidecarContainer> list() {
    return Futures.join(listAsync(SidecarListParams.DEFAULT));
  }

  /**
   * The sandbox's sidecars (never its main container); with {@code includeTerminated}, the ended
   * ones too.
   *
   * @throws InvalidException if {@code params} is null
   * @throws ClientClosedException if the sandbox's handle was detached
   */
  public List<SidecarContainer> list(SidecarListParams params) {
    return Futures.join(listAsync(params));
  }

  /** The async form of {@link #list()}. */
  public CompletableFuture<List<SidecarContainer>> listAsync() {
    return listAsync(SidecarListParams.DEFAULT);
  }

  /** The async form of {@link #list(SidecarListParams)}. */
  public CompletableFuture<List<SidecarContainer>> listAsync(SidecarListParams params) {
    Args.notNull(params, "params");
    return call(
        r ->
            r.unary(
                    TaskCommandRouterGrpc.getTaskContainerListMethod(),
                    TaskContainerListRequest.newBuilder()
                        .setTaskId(r.taskId())
                        .setIncludeTerminated(params.includeTerminated())
                        .build(),
                    RouterPolicy.DEFAULT)
                .thenApply(
                    resp ->
                        resp.getContainersList().stream()
                            .filter(c -> !c.getContainerName().equals(SidecarChecks.MAIN))
                            .map(c -> SidecarContainer.of(context, sandbox, c))
                            .toList()));
  }

  /** Runs {@code rpc} on the sandbox's router, handing the result to the caller's executor. */
  private <T> CompletableFuture<T> call(
      java.util.function.Function<dev.modal4j.internal.sandbox.RouterClient, CompletableFuture<T>>
          rpc) {
    try {
      return CallerFutures.hand(context, sandbox.sidecarRouter().thenCompose(rpc));
    } catch (ModalException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public String toString() {
    return "SidecarService{sandboxId=" + sandbox.sandboxId() + "}";
  }
}
