package dev.modal4j.sandboxes;

import dev.modal4j.AlreadyExistsException;
import dev.modal4j.InvalidException;
import dev.modal4j.ModalClient;
import dev.modal4j.ModalException;
import dev.modal4j.NotFoundException;
import dev.modal4j.apps.App;
import dev.modal4j.images.Image;
import dev.modal4j.internal.Args;
import dev.modal4j.internal.CallerFutures;
import dev.modal4j.internal.ClientContext;
import dev.modal4j.internal.Futures;
import dev.modal4j.internal.options.Lookups;
import dev.modal4j.internal.options.SecretIds;
import dev.modal4j.proto.ModalClientGrpc;
import dev.modal4j.proto.SandboxCreateRequest;
import dev.modal4j.proto.SandboxCreateV2Request;
import dev.modal4j.proto.SandboxCreateV2Response;
import dev.modal4j.proto.SandboxGetFromNameRequest;
import dev.modal4j.proto.StringMap;
import dev.modal4j.proto.TunnelData;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates and finds sandboxes. Get it from {@link ModalClient#sandboxes()}.
 *
 * <pre>{@code
 * Sandbox sb = modal.sandboxes().create(app, modal.images().fromRegistry("alpine:3.21"),
 *     SandboxCreateParams.builder().timeout(Duration.ofMinutes(10)).build());
 * }</pre>
 *
 * <p>The blocking methods throw the exceptions listed; the {@code Async} methods complete their
 * future exceptionally with the same exceptions, except that bad arguments are refused by both
 * forms with an {@link InvalidException} thrown from the call (see {@link dev.modal4j}).
 */
public final class Sandboxes {
  private static final Logger log = LoggerFactory.getLogger(Sandboxes.class);

  private final ClientContext context;

  /**
   * Used by {@link dev.modal4j.ModalClient}; applications obtain this service from the client.
   *
   * @param context the client's internals
   */
  public Sandboxes(ClientContext context) {
    this.context = Args.notNull(context, "context");
  }

  /**
   * Creates a sandbox running {@code image} in {@code app}, with Modal's defaults. Like {@link
   * #create(App, Image, SandboxCreateParams)}, a V2 sandbox when the V2 switch is on.
   *
   * @throws InvalidException if an argument is null
   */
  public Sandbox create(App app, Image image) {
    return Futures.join(createAsync(app, image, SandboxCreateParams.DEFAULT));
  }

  /**
   * Creates a sandbox running {@code image} (built first if needed) in {@code app}, as {@code
   * params} say. It is a V1 sandbox unless {@code MODAL_SANDBOX_V2} (or the profile's {@code
   * sandbox_v2}) is set to true and {@code params} ask for no GPU: then it is created as {@link
   * #experimentalCreate(App, Image, SandboxCreateParams)} does. (Modal's JS SDK switches V2 on when
   * that setting is absent; this SDK keeps Modal's Go SDK's default, V1.)
   *
   * @throws InvalidException if an argument is null
   * @throws AlreadyExistsException if a running sandbox of the app already has the params' name
   * @throws dev.modal4j.RemoteException if the image fails to build
   */
  public Sandbox create(App app, Image image, SandboxCreateParams params) {
    return Futures.join(createAsync(app, image, params));
  }

  /** The async form of {@link #create(App, Image)}. */
  public CompletableFuture<Sandbox> createAsync(App app, Image image) {
    return createAsync(app, image, SandboxCreateParams.DEFAULT);
  }

  /** The async form of {@link #create(App, Image, SandboxCreateParams)}. */
  public CompletableFuture<Sandbox> createAsync(App app, Image image, SandboxCreateParams params) {
    Args.notNull(app, "app");
    Args.notNull(image, "image");
    Args.notNull(params, "params");
    if (context.sandboxV2() && params.gpu == null) {
      return experimentalCreateAsync(app, image, params);
    }
    try {
      context.checkOpen();
      CompletableFuture<Sandbox> f =
          image
              .buildAsync(app)
              .thenCompose(built -> secretIds(app, params).thenApply(ids -> ids))
              .thenCompose(
                  ids ->
                      context
                          .controlPlane()
                          .unary(
                              ModalClientGrpc.getSandboxCreateMethod(),
                              SandboxDefinition.request(
                                  app.appId(), image.imageId().orElseThrow(), params, ids)))
              .thenApply(
                  r -> {
                    log.debug("Created sandbox {}", r.getSandboxId());
                    return new Sandbox(context, r.getSandboxId());
                  });
      return CallerFutures.hand(context, f);
    } catch (ModalException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * Creates a V2 sandbox (SandboxCreateV2, Modal's experimental backend) running {@code image}
   * (built first if needed) in {@code app}, as {@code params} say. The env map travels with the
   * request rather than as a secret of its own. V2 sandboxes have no GPUs.
   *
   * @throws InvalidException if an argument is null, or {@code params} ask for a GPU
   * @throws AlreadyExistsException if a running sandbox of the app already has the params' name
   * @throws dev.modal4j.RemoteException if the image fails to build
   */
  public Sandbox experimentalCreate(App app, Image image, SandboxCreateParams params) {
    return Futures.join(experimentalCreateAsync(app, image, params));
  }

  /** The async form of {@link #experimentalCreate(App, Image, SandboxCreateParams)}. */
  public CompletableFuture<Sandbox> experimentalCreateAsync(
      App app, Image image, SandboxCreateParams params) {
    Args.notNull(app, "app");
    Args.notNull(image, "image");
    Args.notNull(params, "params");
    if (params.gpu != null) {
      throw new InvalidException("gpu: GPUs are not supported by experimentalCreate");
    }
    try {
      context.checkOpen();
      List<String> ids = SecretIds.serverIds(params.secrets);
      Map<String, String> inline = SecretIds.inlineEnv(params.secrets, params.env);
      CompletableFuture<Sandbox> f =
          image
              .buildAsync(app)
              .thenCompose(built -> SandboxSecrets.bucketSecrets(context, params))
              .thenCompose(
                  built -> {
                    SandboxCreateRequest v1 =
                        SandboxDefinition.request(
                            app.appId(), image.imageId().orElseThrow(), params, ids);
                    SandboxCreateV2Request.Builder request =
                        SandboxCreateV2Request.newBuilder()
                            .setAppId(v1.getAppId())
                            .setDefinition(v1.getDefinition())
                            .addAllTags(v1.getTagsList());
                    if (!inline.isEmpty()) {
                      request.setEphemeralSecrets(StringMap.newBuilder().putAllContents(inline));
                    }
                    int ports = v1.getDefinition().getOpenPorts().getPortsCount();
                    return context
                        .controlPlane()
                        .unary(ModalClientGrpc.getSandboxCreateV2Method(), request.build())
                        .thenApply(r -> seeded(r, ports));
                  });
      return CallerFutures.hand(context, f);
    } catch (ModalException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private Sandbox seeded(SandboxCreateV2Response r, int requestedPorts) {
    log.debug("Created V2 sandbox {}", r.getSandboxId());
    Map<Integer, Tunnel> tunnels = null;
    if (r.getTunnelsCount() > 0 && r.getTunnelsCount() == requestedPorts) {
      Map<Integer, Tunnel> map = new LinkedHashMap<>();
      for (TunnelData t : r.getTunnelsList()) {
        map.put(
            t.getContainerPort(),
            new Tunnel(
                t.getHost(),
                t.getPort(),
                t.hasUnencryptedHost() ? t.getUnencryptedHost() : null,
                t.hasUnencryptedPort() ? t.getUnencryptedPort() : null));
      }
      tunnels = Map.copyOf(map);
    }
    return new Sandbox(
        context,
        r.getSandboxId(),
        r.getTaskId(),
        r.getCommandRouterAccess().getUrl(),
        r.getCommandRouterAccess().getJwt(),
        tunnels);
  }

  private CompletableFuture<List<String>> secretIds(App app, SandboxCreateParams params) {
    return SandboxSecrets.bucketSecrets(context, params)
        .thenCompose(v -> SecretIds.of(context, params.secrets, params.env, app.environment()));
  }

  /**
   * A handle to the sandbox with id {@code sandboxId}; nothing is sent until it is used.
   *
   * @throws InvalidException if the id is null or blank
   */
  public Sandbox fromId(String sandboxId) {
    Args.notBlank(sandboxId, "sandboxId");
    context.checkOpen();
    return new Sandbox(context, sandboxId);
  }

  /**
   * The running sandbox named {@code name} in the deployed app {@code appName}.
   *
   * @throws NotFoundException if no running sandbox has that name
   * @throws InvalidException if a name is null or blank
   */
  public Sandbox fromName(String appName, String name) {
    return Futures.join(fromNameAsync(appName, name, SandboxFromNameParams.DEFAULT));
  }

  /**
   * The running sandbox named {@code name} in the deployed app {@code appName}, looked up as {@code
   * params} say.
   *
   * @throws NotFoundException if no running sandbox has that name
   * @throws InvalidException if a name is null or blank, or {@code params} is null
   */
  public Sandbox fromName(String appName, String name, SandboxFromNameParams params) {
    return Futures.join(fromNameAsync(appName, name, params));
  }

  /** The async form of {@link #fromName(String, String)}. */
  public CompletableFuture<Sandbox> fromNameAsync(String appName, String name) {
    return fromNameAsync(appName, name, SandboxFromNameParams.DEFAULT);
  }

  /**
   * The async form of {@link #fromName(String, String, SandboxFromNameParams)}. With the V2 switch
   * on (see {@link #create(App, Image, SandboxCreateParams)}) the V2 lookup is tried first.
   */
  public CompletableFuture<Sandbox> fromNameAsync(
      String appName, String name, SandboxFromNameParams params) {
    Args.notBlank(appName, "appName");
    Args.notBlank(name, "name");
    Args.notNull(params, "params");
    if (context.sandboxV2()) {
      CompletableFuture<Sandbox> v2 = lookUp(appName, name, params, true);
      return v2.exceptionallyCompose(
          t ->
              Futures.unwrap(t) instanceof NotFoundException
                  ? lookUp(appName, name, params, false)
                  : CompletableFuture.failedFuture(t));
    }
    return lookUp(appName, name, params, false);
  }

  /**
   * The running V2 sandbox named {@code name} in the deployed app {@code appName}
   * (SandboxGetFromNameV2).
   *
   * @throws NotFoundException if no running V2 sandbox has that name
   * @throws InvalidException if a name is null or blank, or {@code params} is null
   */
  public Sandbox experimentalFromName(String appName, String name, SandboxFromNameParams params) {
    return Futures.join(experimentalFromNameAsync(appName, name, params));
  }

  /** The async form of {@link #experimentalFromName(String, String, SandboxFromNameParams)}. */
  public CompletableFuture<Sandbox> experimentalFromNameAsync(
      String appName, String name, SandboxFromNameParams params) {
    Args.notBlank(appName, "appName");
    Args.notBlank(name, "name");
    Args.notNull(params, "params");
    return lookUp(appName, name, params, true);
  }

  private CompletableFuture<Sandbox> lookUp(
      String appName, String name, SandboxFromNameParams params, boolean v2) {
    SandboxGetFromNameRequest request =
        SandboxGetFromNameRequest.newBuilder()
            .setSandboxName(name)
            .setAppName(appName)
            .setEnvironmentName(params.environment().orElse(context.environment()))
            .build();
    try {
      return CallerFutures.hand(
          context,
          Lookups.renameNotFound(
                  context
                      .controlPlane()
                      .unary(
                          v2
                              ? ModalClientGrpc.getSandboxGetFromNameV2Method()
                              : ModalClientGrpc.getSandboxGetFromNameMethod(),
                          request),
                  "Sandbox with name '" + name + "' not found in App '" + appName + "'")
              .thenApply(r -> new Sandbox(context, r.getSandboxId())));
    } catch (ModalException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * Every running sandbox of the client's environment, newest first, fetched page by page as the
   * stream is consumed.
   */
  public Stream<Sandbox> list() {
    return list(SandboxListParams.DEFAULT);
  }

  /**
   * The running sandboxes {@code params} select, newest first, fetched page by page as the stream
   * is consumed. A failed page throws from the stream's terminal operation. With the V2 switch on
   * (see {@link #create(App, Image, SandboxCreateParams)}) this is {@link
   * #experimentalList(SandboxListParams)}.
   *
   * @throws InvalidException if {@code params} is null
   */
  public Stream<Sandbox> list(SandboxListParams params) {
    Args.notNull(params, "params");
    context.checkOpen();
    return new SandboxPages(context, params, context.sandboxV2()).stream();
  }

  /**
   * The running sandboxes, V1 and V2, that {@code params} select (SandboxListV2), newest first,
   * fetched page by page as the stream is consumed. Without an app id it lists across the
   * environment. A failed page throws from the stream's terminal operation.
   *
   * @throws InvalidException if {@code params} is null
   */
  public Stream<Sandbox> experimentalList(SandboxListParams params) {
    Args.notNull(params, "params");
    context.checkOpen();
    return new SandboxPages(context, params, true).stream();
  }

  /**
   * Restores a sandbox from a memory snapshot (experimental), keeping the original's name. A
   * snapshot of a V1 sandbox restores as V1, one of a V2 sandbox as V2.
   *
   * @throws InvalidException if {@code snapshot} is null
   * @throws NotFoundException if Modal has no such snapshot
   * @throws dev.modal4j.ExecutionException if the restored sandbox fails to start
   */
  public Sandbox experimentalFromSnapshot(SandboxSnapshot snapshot) {
    return experimentalFromSnapshot(snapshot, SandboxFromSnapshotParams.DEFAULT);
  }

  /**
   * Restores a sandbox from a memory snapshot (experimental), named as {@code params} say.
   *
   * @throws InvalidException if an argument is null
   * @throws NotFoundException if Modal has no such snapshot
   * @throws AlreadyExistsException if a running sandbox of the app already has that name
   * @throws dev.modal4j.ExecutionException if the restored sandbox fails to start
   */
  public Sandbox experimentalFromSnapshot(
      SandboxSnapshot snapshot, SandboxFromSnapshotParams params) {
    return Futures.join(experimentalFromSnapshotAsync(snapshot, params));
  }

  /**
   * The async form of {@link #experimentalFromSnapshot(SandboxSnapshot,
   * SandboxFromSnapshotParams)}.
   */
  public CompletableFuture<Sandbox> experimentalFromSnapshotAsync(
      SandboxSnapshot snapshot, SandboxFromSnapshotParams params) {
    Args.notNull(snapshot, "snapshot");
    Args.notNull(params, "params");
    try {
      context.checkOpen();
      return CallerFutures.hand(context, SnapshotRestore.restore(context, snapshot, params));
    } catch (ModalException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * A handle to the memory snapshot with id {@code snapshotId}; nothing is sent until it is used.
   *
   * @throws InvalidException if the id is null or blank
   */
  public SandboxSnapshot snapshotFromId(String snapshotId) {
    Args.notBlank(snapshotId, "snapshotId");
    context.checkOpen();
    return new SandboxSnapshot(context, snapshotId, null);
  }
}
