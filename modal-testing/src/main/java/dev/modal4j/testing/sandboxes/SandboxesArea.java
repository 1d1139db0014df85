package dev.modal4j.testing.sandboxes;

import dev.modal4j.proto.ModalClientGrpc;
import dev.modal4j.proto.Sandbox;
import dev.modal4j.proto.SandboxCreateConnectTokenRequest;
import dev.modal4j.proto.SandboxCreateRequest;
import dev.modal4j.proto.SandboxCreateResponse;
import dev.modal4j.proto.SandboxGetTaskIdRequest;
import dev.modal4j.proto.SandboxGetTaskIdResponse;
import dev.modal4j.proto.SandboxGetTunnelsRequest;
import dev.modal4j.proto.SandboxGetTunnelsResponse;
import dev.modal4j.proto.SandboxHandleMetadata;
import dev.modal4j.proto.SandboxTag;
import dev.modal4j.proto.SandboxTagsGetRequest;
import dev.modal4j.proto.SandboxTagsSetRequest;
import dev.modal4j.proto.SandboxTerminateRequest;
import dev.modal4j.proto.SandboxTerminateResponse;
import dev.modal4j.proto.SandboxWaitRequest;
import dev.modal4j.proto.SandboxWaitResponse;
import dev.modal4j.proto.TaskGetCommandRouterAccessRequest;
import dev.modal4j.proto.TaskGetCommandRouterAccessResponse;
import dev.modal4j.testing.EmulatorState;
import dev.modal4j.testing.RegisteredApp;
import dev.modal4j.testing.classes.SecretStore;
import dev.modal4j.testing.classes.VolumeStore;
import dev.modal4j.testing.images.ImageRecord;
import dev.modal4j.testing.images.ImageStore;
import dev.modal4j.testing.internal.AsyncUnary;
import dev.modal4j.testing.internal.EmulatorArea;
import dev.modal4j.testing.internal.Unary;
import dev.modal4j.testing.sandboxes.backend.SandboxBackend;
import dev.modal4j.testing.sandboxes.backend.SandboxRuntime;
import dev.modal4j.testing.sandboxes.tunnels.TunnelGateway;
import dev.modal4j.testing.sandboxes.views.VolumeViews;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.stub.ServerCalls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The sandbox control plane: SandboxCreate and the RPCs about one sandbox's life (wait, terminate,
 * task id, command router access), with listing, tags, stdio and tunnels in {@link SandboxListing}
 * and {@link SandboxIo}. Sandboxes run on a backend made on the first create.
 */
public final class SandboxesArea implements EmulatorArea {
  private final EmulatorState state;
  private final ImageStore images;
  private final SandboxRegistry sandboxes = new SandboxRegistry();
  private final SandboxListing listing;
  private final SandboxIo io;
  private final TunnelGateway gateway;
  private final SandboxSpecs specs;
  private final VolumeStorage volumeStorage;
  private final VolumeViews volumeViews;
  private final LazyBackend backend;
  private final Supplier<RouterAccess> router;
  private final SandboxesV2 v2;
  private final Sidecars sidecars;
  private final SandboxControl control;
  private final java.time.Duration retention;
  private Path root;

  /**
   * Creates the area.
   *
   * @param state the emulator's shared state
   * @param images the images SandboxCreate may run
   * @param secrets the secrets a sandbox's environment is made from
   * @param volumes the volumes a sandbox may mount
   * @param backend makes the backend, once, on the first SandboxCreate; it is given the directory
   *     where it may keep its sandboxes' files
   * @param router what TaskGetCommandRouterAccess hands out
   * @param retention how long an ended sandbox stays known (then every RPC naming it is NOT_FOUND)
   */
  public SandboxesArea(
      EmulatorState state,
      ImageStore images,
      SecretStore secrets,
      VolumeStore volumes,
      java.util.function.Function<Path, ? extends SandboxBackend> backend,
      Supplier<RouterAccess> router,
      java.time.Duration retention) {
    this.state = state;
    this.retention = retention;
    this.images = images;
    this.router = router;
    this.volumeStorage = new VolumeStorage(() -> root().resolve("volumes"));
    this.volumeViews = new VolumeViews(() -> root().resolve("views"), volumeStorage::directory);
    volumes.onRemoved(id -> volumeViews.volumeDeleted(id, () -> volumeStorage.delete(id)));
    this.backend = new LazyBackend(() -> backend.apply(root().resolve("sandboxes")));
    this.listing = new SandboxListing(state, sandboxes);
    this.gateway = new TunnelGateway(state.executor());
    this.io = new SandboxIo(state, sandboxes, gateway);
    this.specs = new SandboxSpecs(secrets, volumes, volumeStorage, volumeViews, state.jwts());
    this.v2 = new SandboxesV2(this, sandboxes, router, state.clock(), specs::secretEnv);
    this.sidecars = new Sidecars(sandboxes, images, specs, this.backend, state);
    this.control = new SandboxControl(this, sandboxes, state, router);
  }

  /**
   * Checks sandboxes' proxies and mounts their cloud buckets with {@code attachments} (the emulator
   * sets it once, at construction).
   */
  public void attach(SandboxAttachments attachments) {
    specs.attach(attachments);
  }

  /**
   * Resolves sandbox definitions' {@code mount_ids} to file binds with {@code mounts} (which throws
   * NOT_FOUND for an unknown mount); without it, naming a mount fails.
   */
  public void mountsFrom(
      java.util.function.Function<
              java.util.List<String>,
              java.util.List<dev.modal4j.testing.sandboxes.backend.MountSpec>>
          mounts) {
    specs.mountsFrom(mounts);
  }

  /**
   * The sandbox backend's image builder, for the images area: asking makes the backend (as the
   * first SandboxCreate does).
   */
  public Supplier<java.util.Optional<dev.modal4j.testing.sandboxes.backend.ImageBuilder>>
      imageBuilder() {
    return () -> backend.get().imageBuilder();
  }

  /** Sandbox lookups, creation and lifecycle hooks for other areas (snapshots). */
  public SandboxControl control() {
    return control;
  }

  /** Where the files API finds volume directories: the ones sandboxes mount. */
  public dev.modal4j.testing.volumes.VolumeDirectories volumeDirectories() {
    return new dev.modal4j.testing.volumes.VolumeDirectories() {
      @Override
      public Path volume(String volumeId) {
        return volumeStorage.directory(volumeId, "");
      }

      @Override
      public Path scratch(String name) {
        return volumeStorage.scratch(name);
      }
    };
  }

  /** The emulator's temporary directory, made on first use. */
  private synchronized Path root() {
    if (root == null) {
      try {
        root = Files.createTempDirectory("modal4j-emulator-");
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create the emulator's temporary directory", e);
      }
    }
    return root;
  }

  /** The tasks of every sandbox, with their sidecar containers, for the command router. */
  public TaskDirectory tasks() {
    return sidecars;
  }

  /** The control plane's sidecar create (SandboxContainerCreateV2), for the emulator to serve. */
  public EmulatorArea sidecarArea() {
    return new SidecarCreateV2Area(sandboxes, sidecars, specs::secretEnv);
  }

  /** Every sandbox, newest first, as tests inspect them. */
  public List<SandboxView> views() {
    return sandboxes.list(s -> true).stream().map(EmulatedSandbox::view).toList();
  }

  /** The encrypted tunnels and the connect-token proxy. */
  public TunnelGateway tunnels() {
    return gateway;
  }

  SandboxGetTunnelsResponse tunnelsOf(EmulatedSandbox sandbox, SandboxRuntime runtime) {
    return io.tunnelsOf(sandbox, runtime);
  }

  /** The backend's name, or {@code none started}. */
  String backendName() {
    return backend.describe();
  }

  @Override
  public void bind(ServerServiceDefinition.Builder service) {
    Unary.bind(service, ModalClientGrpc.getSandboxCreateMethod(), this::create);
    AsyncUnary.bind(
        service,
        ModalClientGrpc.getSandboxWaitMethod(),
        V1Only.async(SandboxWaitRequest::getSandboxId, this::await));
    Unary.bind(
        service,
        ModalClientGrpc.getSandboxTerminateMethod(),
        V1Only.unary(SandboxTerminateRequest::getSandboxId, this::terminate));
    AsyncUnary.bind(
        service,
        ModalClientGrpc.getSandboxGetTaskIdMethod(),
        V1Only.async(SandboxGetTaskIdRequest::getSandboxId, this::taskId));
    Unary.bind(service, ModalClientGrpc.getTaskGetCommandRouterAccessMethod(), this::routerAccess);
    Unary.bind(service, ModalClientGrpc.getSandboxGetFromNameMethod(), listing::fromName);
    Unary.bind(service, ModalClientGrpc.getSandboxListMethod(), listing::list);
    Unary.bind(
        service,
        ModalClientGrpc.getSandboxTagsGetMethod(),
        V1Only.unary(SandboxTagsGetRequest::getSandboxId, listing::tags));
    Unary.bind(
        service,
        ModalClientGrpc.getSandboxTagsSetMethod(),
        V1Only.unary(SandboxTagsSetRequest::getSandboxId, listing::setTags));
    service.addMethod(
        ModalClientGrpc.getSandboxGetLogsMethod(), ServerCalls.asyncServerStreamingCall(io::logs));
    AsyncUnary.bind(service, ModalClientGrpc.getSandboxStdinWriteMethod(), io::stdin);
    AsyncUnary.bind(
        service,
        ModalClientGrpc.getSandboxGetTunnelsMethod(),
        V1Only.async(SandboxGetTunnelsRequest::getSandboxId, io::tunnels));
    Unary.bind(
        service,
        ModalClientGrpc.getSandboxCreateConnectTokenMethod(),
        V1Only.unary(SandboxCreateConnectTokenRequest::getSandboxId, io::connectToken));
    bindV2(service);
  }

  /** SandboxCreateV2, router access by sandbox, and the V2 twins (for V1 and V2 sandboxes). */
  private void bindV2(ServerServiceDefinition.Builder service) {
    AsyncUnary.bind(service, ModalClientGrpc.getSandboxCreateV2Method(), v2::create);
    Unary.bind(service, ModalClientGrpc.getSandboxGetCommandRouterAccessMethod(), v2::routerAccess);
    AsyncUnary.bind(service, ModalClientGrpc.getSandboxWaitV2Method(), this::await);
    Unary.bind(service, ModalClientGrpc.getSandboxTerminateV2Method(), this::terminate);
    AsyncUnary.bind(service, ModalClientGrpc.getSandboxGetTaskIdV2Method(), this::taskId);
    AsyncUnary.bind(service, ModalClientGrpc.getSandboxGetTunnelsV2Method(), io::tunnels);
    Unary.bind(service, ModalClientGrpc.getSandboxTagsGetV2Method(), listing::tags);
    Unary.bind(service, ModalClientGrpc.getSandboxTagsSetV2Method(), listing::setTags);
    Unary.bind(service, ModalClientGrpc.getSandboxGetFromNameV2Method(), listing::fromNameV2);
    Unary.bind(service, ModalClientGrpc.getSandboxListV2Method(), listing::listV2);
    Unary.bind(service, ModalClientGrpc.getSandboxCreateConnectTokenV2Method(), io::connectToken);
  }

  private SandboxCreateResponse create(SandboxCreateRequest request) {
    EmulatedSandbox sandbox =
        newSandbox(
            request.getAppId(),
            request.getDefinition(),
            request.getTagsList(),
            Map.of(),
            new EmulatedSandbox.Ids(state.newId("sb"), state.newId("ta")));
    return SandboxCreateResponse.newBuilder()
        .setSandboxId(sandbox.sandboxId())
        .setMetadata(SandboxHandleMetadata.newBuilder().setAppId(sandbox.appId()))
        .build();
  }

  /**
   * Checks a definition, registers a sandbox made of it and starts it on the backend.
   *
   * @param ephemeral environment variables over those of the definition's secrets (V2)
   * @param ids the new sandbox's ids; their shape says whether it is V1 or V2
   */
  EmulatedSandbox newSandbox(
      String appId,
      Sandbox definition,
      List<SandboxTag> tags,
      Map<String, String> ephemeral,
      EmulatedSandbox.Ids ids) {
    SandboxDefinitions.check(definition, tags);
    NetworkAllowlists.check(definition);
    RegisteredApp app =
        state
            .apps()
            .byId(appId)
            .orElseThrow(
                () ->
                    Status.NOT_FOUND
                        .withDescription("App '" + appId + "' not found")
                        .asRuntimeException());
    ImageRecord image =
        images
            .get(definition.getImageId())
            .orElseThrow(
                () ->
                    Status.NOT_FOUND
                        .withDescription("Image '" + definition.getImageId() + "' not found")
                        .asRuntimeException());
    SandboxBackend running;
    try {
      running = backend.get();
    } catch (RuntimeException e) {
      throw Status.FAILED_PRECONDITION
          .withDescription("The emulator cannot run sandboxes: " + e.getMessage())
          .asRuntimeException();
    }
    EmulatedSandbox sandbox =
        new EmulatedSandbox(
            ids,
            app.appId(),
            app.environment(),
            definition,
            specs.build(ids, definition, image, app.appId(), ephemeral),
            tags,
            sandboxes.nextCreatedAt(state.clock().instant()),
            state.clock(),
            state.executor(),
            state.scheduler(),
            specs::secretEnv);
    sandbox.logsTo(state.logs());
    // Modal commits a sandbox's volumes when it ends: before anyone learns that it has
    sandbox.beforeEnd(() -> volumeViews.end(ids.sandboxId()));
    sandboxes.add(sandbox, app.name());
    sandbox.onEnd(
        () ->
            state
                .scheduler()
                .schedule(
                    () -> sandboxes.remove(sandbox), retention.toMillis(), TimeUnit.MILLISECONDS));
    control.created(sandbox);
    sandbox.start(() -> running);
    return sandbox;
  }

  private void await(SandboxWaitRequest request, AsyncUnary.Reply<SandboxWaitResponse> reply) {
    EmulatedSandbox sandbox = sandboxes.get(request.getSandboxId());
    long timeout = SandboxIo.pollMillis(request.getTimeout());
    if (sandbox.finished() || timeout == 0) {
      reply.send(waitResponse(sandbox));
      return;
    }
    java.util.concurrent.atomic.AtomicReference<ScheduledFuture<?>> timer =
        new java.util.concurrent.atomic.AtomicReference<>();
    Runnable forget =
        sandbox.onEnd(
            () -> {
              ScheduledFuture<?> t = timer.get();
              if (t != null) {
                t.cancel(false);
              }
              reply.send(waitResponse(sandbox));
            });
    timer.set(
        state
            .scheduler()
            .schedule(
                () -> {
                  forget.run();
                  reply.send(waitResponse(sandbox));
                },
                timeout,
                TimeUnit.MILLISECONDS));
    reply.onCancel(
        () -> {
          timer.get().cancel(false);
          forget.run();
        });
  }

  private static SandboxWaitResponse waitResponse(EmulatedSandbox sandbox) {
    SandboxWaitResponse.Builder response =
        SandboxWaitResponse.newBuilder().setMetadata(metadata(sandbox));
    sandbox.result().ifPresent(response::setResult);
    return response.build();
  }

  private static SandboxHandleMetadata metadata(EmulatedSandbox sandbox) {
    SandboxHandleMetadata.Builder metadata =
        SandboxHandleMetadata.newBuilder().setAppId(sandbox.appId());
    sandbox.result().ifPresent(metadata::setResult);
    return metadata.build();
  }

  private SandboxTerminateResponse terminate(SandboxTerminateRequest request) {
    EmulatedSandbox sandbox = sandboxes.get(request.getSandboxId());
    SandboxTerminateResponse.Builder response = SandboxTerminateResponse.newBuilder();
    if (sandbox.finish(SandboxResults.terminated())) {
      // its processes end before the answer (a port it listened on is free again), not after
      // the grace given to an exited entrypoint's output
      sandbox.kill();
    } else {
      sandbox.result().ifPresent(response::setExistingResult);
    }
    return response.build();
  }

  private void taskId(
      SandboxGetTaskIdRequest request, AsyncUnary.Reply<SandboxGetTaskIdResponse> reply) {
    EmulatedSandbox sandbox = sandboxes.get(request.getSandboxId());
    long timeout = request.hasTimeout() ? SandboxIo.pollMillis(request.getTimeout()) : 0;
    sandbox
        .started()
        .copy()
        .exceptionally(e -> null)
        .completeOnTimeout(null, timeout, TimeUnit.MILLISECONDS)
        .thenRun(() -> reply.send(taskIdResponse(sandbox)));
  }

  private static SandboxGetTaskIdResponse taskIdResponse(EmulatedSandbox sandbox) {
    SandboxGetTaskIdResponse.Builder response = SandboxGetTaskIdResponse.newBuilder();
    if (sandbox.started().isDone() || sandbox.finished()) {
      response.setTaskId(sandbox.taskId());
    }
    sandbox.result().ifPresent(response::setTaskResult);
    return response.build();
  }

  private TaskGetCommandRouterAccessResponse routerAccess(
      TaskGetCommandRouterAccessRequest request) {
    SandboxTask task =
        sandboxes
            .task(request.getTaskId())
            .orElseThrow(
                () ->
                    Status.NOT_FOUND
                        .withDescription("Task '" + request.getTaskId() + "' not found")
                        .asRuntimeException());
    if (task.finished()) {
      throw Status.FAILED_PRECONDITION
          .withDescription("Task '" + task.taskId() + "' has already finished")
          .asRuntimeException();
    }
    RouterAccess access = router.get();
    return TaskGetCommandRouterAccessResponse.newBuilder()
        .setUrl(access.url())
        .setJwt(access.jwt(task.taskId()))
        .build();
  }

  /** Ends every sandbox, the backend, and deletes the emulator's temporary files. */
  @Override
  public void close() {
    sandboxes.all().forEach(EmulatedSandbox::kill);
    gateway.close();
    backend.close();
    synchronized (this) {
      if (root != null) {
        VolumeStorage.deleteTree(root);
      }
    }
  }
}
