package dev.modal4j.sandboxes;

import dev.modal4j.ClientClosedException;
import dev.modal4j.InvalidException;
import dev.modal4j.ModalException;
import dev.modal4j.SandboxTimeoutException;
import dev.modal4j.internal.Args;
import dev.modal4j.internal.CallerFutures;
import dev.modal4j.internal.ClientContext;
import dev.modal4j.internal.Futures;
import dev.modal4j.internal.options.SecretIds;
import dev.modal4j.internal.rpc.CallPolicy;
import dev.modal4j.internal.sandbox.ByteSource;
import dev.modal4j.internal.sandbox.RouterClient;
import dev.modal4j.internal.sandbox.RouterPolicy;
import dev.modal4j.internal.sandbox.SandboxLogs;
import dev.modal4j.internal.sandbox.SandboxStdin;
import dev.modal4j.internal.sandbox.SandboxStdinV2;
import dev.modal4j.internal.sandbox.SandboxStdioV2;
import dev.modal4j.proto.GenericResult.GenericStatus;
import dev.modal4j.proto.ModalClientGrpc;
import dev.modal4j.proto.SandboxCreateConnectTokenRequest;
import dev.modal4j.proto.SandboxGetTunnelsRequest;
import dev.modal4j.proto.SandboxTag;
import dev.modal4j.proto.SandboxTagsGetRequest;
import dev.modal4j.proto.SandboxTagsSetRequest;
import dev.modal4j.proto.SandboxTerminateRequest;
import dev.modal4j.proto.SandboxWaitRequest;
import dev.modal4j.proto.SandboxWaitResponse;
import dev.modal4j.proto.TunnelData;
import dev.modal4j.proto.router.SandboxWaitUntilReadyTcrRequest;
import dev.modal4j.proto.router.TaskCommandRouterGrpc;
import dev.modal4j.proto.router.TaskExecStartRequest;
import dev.modal4j.proto.router.TaskExecStderrConfig;
import dev.modal4j.proto.router.TaskExecStdoutConfig;
import dev.modal4j.proto.router.TaskReloadVolumesRequest;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A sandbox on Modal: a container you run commands in. Get one from {@link Sandboxes}.
 *
 * <pre>{@code
 * try (Sandbox sb = modal.sandboxes().create(app, image)) {
 *   ContainerProcess p = sb.exec(List.of("python", "-c", "print(6*7)"));
 *   String out = p.stdout().readText();
 * }
 * }</pre>
 *
 * <p>{@link #close()} terminates the sandbox, as closing a Testcontainers container stops it; call
 * {@link #detach()} instead to let it run on (it ends at its timeout). Either releases the
 * connection to the sandbox's command router; later calls on this handle throw {@link
 * ClientClosedException}, except {@link #waitFor()}. Thread-safe.
 *
 * <p>A handle works with V1 and V2 sandboxes alike: its id tells which (V1 ids are {@code sb-} and
 * 22 letters or digits), and a V2 handle uses Modal's V2 RPCs, its entrypoint's stdio included.
 */
public final class Sandbox implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Sandbox.class);
  private static final int ARG_MAX_BYTES = 1 << 16;
  private static final CallPolicy WAIT_POLICY =
      CallPolicy.builder().attemptTimeout(Duration.ofSeconds(30)).build();
  private static final Duration DEFAULT_TUNNEL_TIMEOUT = Duration.ofSeconds(50);
  private static final Duration RELOAD_TIMEOUT = Duration.ofSeconds(55);

  private final ClientContext context;
  private final String sandboxId;
  private final boolean v2;
  private volatile boolean attached = true;
  private String seedTaskId;
  private String seedRouterUrl;
  private String seedRouterJwt;
  private CompletableFuture<String> taskId;
  private CompletableFuture<RouterClient> router;
  private Map<Integer, Tunnel> tunnels;
  private OutputStream stdin;
  private SandboxInputStream stdout;
  private SandboxInputStream stderr;
  private final SandboxSnapshots snapshots;
  private SandboxFilesystem filesystem;

  Sandbox(ClientContext context, String sandboxId) {
    this.context = context;
    this.sandboxId = sandboxId;
    this.v2 = SandboxVersion.isV2(sandboxId);
    this.snapshots = new SandboxSnapshots(context, sandboxId, v2, this::router, this::taskId);
  }

  /**
   * A V2 handle seeded from SandboxCreateV2's answer: its task, router access and tunnels (null or
   * empty when not known) are used instead of asking for them once.
   */
  Sandbox(
      ClientContext context,
      String sandboxId,
      String taskId,
      String routerUrl,
      String routerJwt,
      Map<Integer, Tunnel> tunnels) {
    this(context, sandboxId);
    this.seedTaskId = taskId == null || taskId.isEmpty() ? null : taskId;
    this.seedRouterUrl = routerUrl;
    this.seedRouterJwt = routerJwt;
    this.tunnels = tunnels;
  }

  /**
   * The entrypoint's persisted logs, as Modal keeps them: {@link dev.modal4j.logs.Logs#fetch} a
   * time range and {@link dev.modal4j.logs.Logs#tail} the most recent entries (no live stream; read
   * {@link #stdout()} for that). Reading them fails with a {@link dev.modal4j.ModalException} while
   * the sandbox has not been scheduled.
   */
  public dev.modal4j.logs.Logs logs() {
    return dev.modal4j.internal.logs.ScopedLogs.sandbox(
        context, sandboxId, () -> SandboxLogScope.resolve(context, sandboxId));
  }

  /** The sandbox's id ({@code sb-...}). */
  public String sandboxId() {
    return sandboxId;
  }

  private void ensureAttached() {
    if (!attached) {
      throw new ClientClosedException("Sandbox " + sandboxId + " is detached from this handle");
    }
  }

  private synchronized CompletableFuture<String> taskId() {
    if (taskId == null || taskId.isCompletedExceptionally()) {
      taskId =
          seedTaskId != null
              ? CompletableFuture.completedFuture(seedTaskId)
              : TaskIds.fetch(context, sandboxId);
      seedTaskId = null;
    }
    return taskId;
  }

  private synchronized CompletableFuture<RouterClient> router() {
    ensureAttached();
    if (router == null || router.isCompletedExceptionally()) {
      String url = seedRouterUrl;
      String jwt = seedRouterJwt;
      seedRouterUrl = null;
      seedRouterJwt = null;
      CompletableFuture<RouterClient> f =
          taskId()
              .thenCompose(
                  id ->
                      v2
                          ? RouterClient.connectV2(context, sandboxId, id, url, jwt)
                          : RouterClient.connect(context, id));
      router =
          f.thenApply(
              client -> {
                synchronized (this) {
                  if (!attached) {
                    client.close();
                    throw new ClientClosedException(
                        "Sandbox " + sandboxId + " is detached from this handle");
                  }
                }
                return client;
              });
    }
    return router;
  }

  private <T> CompletableFuture<T> hand(CompletableFuture<T> f) {
    return CallerFutures.hand(context, f);
  }

  // --- exec ---

  /**
   * Runs {@code command} in the sandbox with the default {@link ExecParams}.
   *
   * @throws InvalidException if the command is null, holds null, or is longer than 65536 bytes
   * @throws ClientClosedException if this handle was detached
   */
  public ContainerProcess exec(List<String> command) {
    return Futures.join(execAsync(command, ExecParams.DEFAULT));
  }

  /**
   * Runs {@code command} in the sandbox as {@code params} say. Returns once it has started; read
   * its output and wait for it on the returned process.
   *
   * @throws InvalidException if the command is null, holds null, or is longer than 65536 bytes, or
   *     {@code params} is null
   * @throws ClientClosedException if this handle was detached
   */
  public ContainerProcess exec(List<String> command, ExecParams params) {
    return Futures.join(execAsync(command, params));
  }

  /** The async form of {@link #exec(List)}. */
  public CompletableFuture<ContainerProcess> execAsync(List<String> command) {
    return execAsync(command, ExecParams.DEFAULT);
  }

  /** The async form of {@link #exec(List, ExecParams)}. */
  public CompletableFuture<ContainerProcess> execAsync(List<String> command, ExecParams params) {
    return execAsync(command, params, "");
  }

  /**
   * Runs {@code command} in the container {@code containerId} of the sandbox ("": the main one).
   */
  CompletableFuture<ContainerProcess> execAsync(
      List<String> command, ExecParams params, String containerId) {
    List<String> cmd = List.copyOf(Args.noNullElements(command, "command"));
    Args.notNull(params, "params");
    long total = 0;
    for (String arg : cmd) {
      total += arg.getBytes(StandardCharsets.UTF_8).length;
    }
    if (total > ARG_MAX_BYTES) {
      throw new InvalidException(
          "Total length of CMD arguments must be less than "
              + ARG_MAX_BYTES
              + " bytes (ARG_MAX). Got "
              + total
              + " bytes.");
    }
    ensureAttached();
    return handed(() -> router().thenCompose(r -> start(r, cmd, params, containerId)));
  }

  /**
   * This sandbox's files: read, write, list, stat, remove and watch them (through Modal's
   * filesystem tool in the sandbox, as Modal's other SDKs do). The same object on every call.
   */
  public synchronized SandboxFilesystem filesystem() {
    if (filesystem == null) {
      filesystem = new SandboxFilesystem(this, "");
    }
    return filesystem;
  }

  /**
   * Runs an already checked {@code command} in container {@code containerId} of the task (empty:
   * the main one), not handed to the caller's executor (for the SDK's own use).
   */
  CompletableFuture<ContainerProcess> execIn(
      String containerId, List<String> command, ExecParams params) {
    ensureAttached();
    try {
      return router().thenCompose(r -> start(r, command, params, containerId));
    } catch (ModalException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** The client this handle belongs to. */
  ClientContext context() {
    return context;
  }

  private CompletableFuture<ContainerProcess> start(
      RouterClient router, List<String> command, ExecParams params, String containerId) {
    String execId = UUID.randomUUID().toString();
    TaskExecStartRequest.Builder request =
        TaskExecStartRequest.newBuilder()
            .setTaskId(router.taskId())
            .setExecId(execId)
            .addAllCommandArgs(command)
            .setStdoutConfig(
                params.stdout() == StdioMode.PIPE
                    ? TaskExecStdoutConfig.TASK_EXEC_STDOUT_CONFIG_PIPE
                    : TaskExecStdoutConfig.TASK_EXEC_STDOUT_CONFIG_DEVNULL)
            .setStderrConfig(
                params.stderr() == StdioMode.PIPE
                    ? TaskExecStderrConfig.TASK_EXEC_STDERR_CONFIG_PIPE
                    : TaskExecStderrConfig.TASK_EXEC_STDERR_CONFIG_DEVNULL)
            .putAllEnv(SecretIds.inlineEnv(params.secrets(), params.env()))
            .addAllSecretIds(SecretIds.serverIds(params.secrets()));
    if (!containerId.isEmpty()) {
      request.setContainerId(containerId);
    }
    params.timeout().ifPresent(t -> request.setTimeoutSecs((int) t.getSeconds()));
    params.workdir().ifPresent(request::setWorkdir);
    if (params.pty()) {
      request.setPtyInfo(SandboxDefinition.defaultPty());
    }
    long deadline =
        params.timeout().map(t -> System.nanoTime() + t.toNanos()).orElse(Long.MAX_VALUE);
    return router
        .unary(
            TaskCommandRouterGrpc.getTaskExecStartMethod(), request.build(), RouterPolicy.DEFAULT)
        .thenApply(
            r -> {
              log.debug("Started exec {} in sandbox {}: {}", execId, sandboxId, command);
              return new ContainerProcess(
                  context, router, sandboxId, execId, command, params, deadline);
            });
  }

  // --- sidecars ---

  /**
   * The sandbox's sidecar containers: more containers beside its main one, each from an image of
   * its own, sharing the sandbox's network. Experimental, as in Modal's SDKs: the API may change.
   */
  public SidecarService experimentalSidecars() {
    return new SidecarService(context, this);
  }

  /** The sandbox's command router, for its sidecars. */
  CompletableFuture<RouterClient> sidecarRouter() {
    ensureAttached();
    return router();
  }

  // --- the entrypoint's stdio ---

  /**
   * The entrypoint's stdin: every write is sent at once; {@code close()} sends end-of-file. A V2
   * sandbox's goes through its command router.
   */
  public synchronized OutputStream stdin() {
    if (stdin == null) {
      stdin =
          v2 ? new SandboxStdinV2(this::router, sandboxId) : new SandboxStdin(context, sandboxId);
    }
    return stdin;
  }

  /** The entrypoint's stdout, as it is produced. The same stream on every call. */
  public synchronized SandboxInputStream stdout() {
    if (stdout == null) {
      stdout = new SandboxInputStream(entrypointOutput(false), true);
    }
    return stdout;
  }

  /** The entrypoint's stderr, as it is produced. The same stream on every call. */
  public synchronized SandboxInputStream stderr() {
    if (stderr == null) {
      stderr = new SandboxInputStream(entrypointOutput(true), true);
    }
    return stderr;
  }

  private ByteSource entrypointOutput(boolean err) {
    return v2
        ? new SandboxStdioV2(this::router, sandboxId, err)
        : new SandboxLogs(context, sandboxId, err);
  }

  // --- lifecycle ---

  /**
   * Waits for the sandbox to finish.
   *
   * @return the entrypoint's exit code; 124 if the sandbox timed out, 137 if it was terminated
   */
  public int waitFor() {
    return Futures.join(waitForAsync());
  }

  /** The async form of {@link #waitFor()}. */
  public CompletableFuture<Integer> waitForAsync() {
    return handed(() -> waitLoop());
  }

  private CompletableFuture<Integer> waitLoop() {
    return sandboxWait(10, WAIT_POLICY)
        .thenCompose(
            r -> {
              OptionalInt code = ExitCodes.of(r.getResult(), r.hasResult());
              return code.isPresent()
                  ? CompletableFuture.completedFuture(code.getAsInt())
                  : waitLoop();
            });
  }

  private CompletableFuture<SandboxWaitResponse> sandboxWait(float seconds, CallPolicy policy) {
    return context
        .controlPlane()
        .unary(
            v2 ? ModalClientGrpc.getSandboxWaitV2Method() : ModalClientGrpc.getSandboxWaitMethod(),
            SandboxWaitRequest.newBuilder().setSandboxId(sandboxId).setTimeout(seconds).build(),
            policy);
  }

  /**
   * The exit code if the sandbox has finished, without waiting.
   *
   * @return the exit code (124 timed out, 137 terminated), or empty while it runs
   * @throws ClientClosedException if this handle was detached
   */
  public OptionalInt poll() {
    return Futures.join(pollAsync());
  }

  /** The async form of {@link #poll()}. */
  public CompletableFuture<OptionalInt> pollAsync() {
    ensureAttached();
    return handed(
        () ->
            sandboxWait(0, CallPolicy.DEFAULT)
                .thenApply(r -> ExitCodes.of(r.getResult(), r.hasResult())));
  }

  /**
   * Terminates the sandbox (nothing happens if it has finished already) and detaches this handle;
   * if Modal cannot be asked, the handle stays attached so that it can be tried again.
   *
   * @throws ClientClosedException if this handle was detached
   */
  public void terminate() {
    Futures.join(terminateAsync(false));
  }

  /**
   * Terminates the sandbox and detaches this handle; with {@code wait}, waits for it to end first.
   *
   * @return the exit code when waited (137 for a terminated sandbox, or the code it finished with
   *     before), else empty
   * @throws ClientClosedException if this handle was detached
   */
  public OptionalInt terminate(boolean wait) {
    return Futures.join(terminateAsync(wait));
  }

  /** The async form of {@link #terminate(boolean)}. */
  public CompletableFuture<OptionalInt> terminateAsync(boolean wait) {
    ensureAttached();
    try {
      CompletableFuture<OptionalInt> f =
          context
              .controlPlane()
              .unary(
                  v2
                      ? ModalClientGrpc.getSandboxTerminateV2Method()
                      : ModalClientGrpc.getSandboxTerminateMethod(),
                  SandboxTerminateRequest.newBuilder().setSandboxId(sandboxId).build())
              .thenCompose(
                  r -> {
                    synchronized (this) {
                      taskId = null;
                    }
                    return wait
                        ? waitLoop().thenApply(OptionalInt::of)
                        : CompletableFuture.completedFuture(OptionalInt.empty());
                  })
              .thenApply(
                  code -> {
                    detach();
                    return code;
                  });
      return hand(f);
    } catch (ModalException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * Releases this handle's connection to the sandbox; the sandbox runs on. Later calls on this
   * handle (but {@link #waitFor()}) throw {@link ClientClosedException}. Idempotent; never throws.
   */
  public void detach() {
    CompletableFuture<RouterClient> r;
    synchronized (this) {
      attached = false;
      r = router;
      router = null;
    }
    if (r != null) {
      r.thenAccept(RouterClient::close);
    }
    SandboxInputStream out;
    SandboxInputStream err;
    synchronized (this) {
      out = stdout;
      err = stderr;
    }
    if (out != null) {
      out.close();
    }
    if (err != null) {
      err.close();
    }
  }

  /**
   * Terminates the sandbox and detaches this handle; does nothing on a detached handle. Never
   * throws: a failed termination is logged (the sandbox still ends at its timeout).
   */
  @Override
  public void close() {
    if (!attached) {
      return;
    }
    try {
      terminate();
    } catch (ModalException e) {
      log.warn("Terminating sandbox {} failed: {}", sandboxId, e.toString());
    } finally {
      detach();
    }
  }

  // --- tags ---

  /**
   * Replaces the sandbox's tags with {@code tags} (an empty map clears them).
   *
   * @throws InvalidException if {@code tags} is null or holds a null key or value
   * @throws ClientClosedException if this handle was detached
   */
  public void setTags(Map<String, String> tags) {
    Futures.join(setTagsAsync(tags));
  }

  /** The async form of {@link #setTags(Map)}. */
  public CompletableFuture<Void> setTagsAsync(Map<String, String> tags) {
    Map<String, String> checked = Checks.tags(tags, "tags");
    ensureAttached();
    SandboxTagsSetRequest.Builder request =
        SandboxTagsSetRequest.newBuilder()
            .setSandboxId(sandboxId)
            .addAllTags(SandboxDefinition.tags(checked));
    if (!v2) {
      request.setEnvironmentName(context.environment());
    }
    return handed(
        () ->
            context
                .controlPlane()
                .unary(
                    v2
                        ? ModalClientGrpc.getSandboxTagsSetV2Method()
                        : ModalClientGrpc.getSandboxTagsSetMethod(),
                    request.build())
                .thenApply(r -> (Void) null));
  }

  /**
   * The sandbox's tags, as Modal has them now.
   *
   * @throws ClientClosedException if this handle was detached
   */
  public Map<String, String> tags() {
    return Futures.join(tagsAsync());
  }

  /** The async form of {@link #tags()}. */
  public CompletableFuture<Map<String, String>> tagsAsync() {
    ensureAttached();
    return handed(
        () ->
            context
                .controlPlane()
                .unary(
                    v2
                        ? ModalClientGrpc.getSandboxTagsGetV2Method()
                        : ModalClientGrpc.getSandboxTagsGetMethod(),
                    SandboxTagsGetRequest.newBuilder().setSandboxId(sandboxId).build())
                .thenApply(
                    r -> {
                      Map<String, String> tags = new TreeMap<>();
                      for (SandboxTag t : r.getTagsList()) {
                        tags.put(t.getTagName(), t.getTagValue());
                      }
                      return Map.copyOf(tags);
                    }));
  }

  // --- readiness, tunnels, tokens, volumes ---

  /**
   * Waits until the sandbox's readiness probe reports it ready.
   *
   * @throws InvalidException if {@code timeout} is null, zero or negative
   * @throws SandboxTimeoutException if it is not ready within {@code timeout}
   * @throws ClientClosedException if this handle was detached
   */
  public void waitUntilReady(Duration timeout) {
    Futures.join(waitUntilReadyAsync(timeout));
  }

  /** The async form of {@link #waitUntilReady(Duration)}. */
  public CompletableFuture<Void> waitUntilReadyAsync(Duration timeout) {
    Args.notNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new InvalidException("timeout must be positive, got " + timeout);
    }
    ensureAttached();
    long deadline = System.nanoTime() + timeout.toNanos();
    RouterPolicy policy =
        RouterPolicy.DEFAULT.withDeadline(
            deadline,
            () ->
                new SandboxTimeoutException(
                    "Sandbox " + sandboxId + " was not ready within " + timeout));
    return handed(
        () ->
            router()
                .thenCompose(
                    r ->
                        r.unary(
                            TaskCommandRouterGrpc.getSandboxWaitUntilReadyMethod(),
                            SandboxWaitUntilReadyTcrRequest.newBuilder()
                                .setTaskId(r.taskId())
                                .setTimeout(Math.max(0.001f, (deadline - System.nanoTime()) / 1e9f))
                                .build(),
                            policy))
                .thenApply(r -> (Void) null));
  }

  /**
   * The sandbox's tunnels by container port, waiting up to 50 s for them.
   *
   * @throws SandboxTimeoutException if the sandbox timed out before its tunnels were ready
   * @throws ClientClosedException if this handle was detached
   */
  public Map<Integer, Tunnel> tunnels() {
    return tunnels(DEFAULT_TUNNEL_TIMEOUT);
  }

  /**
   * The sandbox's tunnels by container port, waiting up to {@code timeout} for them; cached on this
   * handle once known.
   *
   * @throws InvalidException if {@code timeout} is null or negative
   * @throws SandboxTimeoutException if the sandbox timed out before its tunnels were ready
   * @throws ClientClosedException if this handle was detached
   */
  public Map<Integer, Tunnel> tunnels(Duration timeout) {
    return Futures.join(tunnelsAsync(timeout));
  }

  /** The async form of {@link #tunnels(Duration)}. */
  public CompletableFuture<Map<Integer, Tunnel>> tunnelsAsync(Duration timeout) {
    Args.notNegative(timeout, "timeout");
    ensureAttached();
    synchronized (this) {
      if (tunnels != null) {
        return CompletableFuture.completedFuture(tunnels);
      }
    }
    return handed(
        () ->
            context
                .controlPlane()
                .unary(
                    v2
                        ? ModalClientGrpc.getSandboxGetTunnelsV2Method()
                        : ModalClientGrpc.getSandboxGetTunnelsMethod(),
                    SandboxGetTunnelsRequest.newBuilder()
                        .setSandboxId(sandboxId)
                        .setTimeout(timeout.toMillis() / 1000f)
                        .build())
                .thenApply(
                    r -> {
                      if (r.hasResult()
                          && r.getResult().getStatus() == GenericStatus.GENERIC_STATUS_TIMEOUT) {
                        throw new SandboxTimeoutException(
                            "Sandbox " + sandboxId + " timed out before its tunnels were ready");
                      }
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
                      Map<Integer, Tunnel> result = Map.copyOf(map);
                      synchronized (this) {
                        tunnels = result;
                      }
                      return result;
                    }));
  }

  /**
   * A token for HTTP connections to port 8080 of the sandbox.
   *
   * @throws ClientClosedException if this handle was detached
   */
  public ConnectCredentials createConnectToken() {
    return createConnectToken(ConnectTokenParams.DEFAULT);
  }

  /**
   * A token for HTTP connections to the sandbox, as {@code params} say.
   *
   * @throws InvalidException if {@code params} is null
   * @throws ClientClosedException if this handle was detached
   */
  public ConnectCredentials createConnectToken(ConnectTokenParams params) {
    return Futures.join(createConnectTokenAsync(params));
  }

  /** The async form of {@link #createConnectToken(ConnectTokenParams)}. */
  public CompletableFuture<ConnectCredentials> createConnectTokenAsync(ConnectTokenParams params) {
    Args.notNull(params, "params");
    ensureAttached();
    SandboxCreateConnectTokenRequest.Builder request =
        SandboxCreateConnectTokenRequest.newBuilder()
            .setSandboxId(sandboxId)
            .setPort(params.port());
    params.userMetadata().ifPresent(request::setUserMetadata);
    return handed(
        () ->
            context
                .controlPlane()
                .unary(
                    v2
                        ? ModalClientGrpc.getSandboxCreateConnectTokenV2Method()
                        : ModalClientGrpc.getSandboxCreateConnectTokenMethod(),
                    request.build())
                .thenApply(r -> new ConnectCredentials(r.getUrl(), r.getToken())));
  }

  /**
   * Commits what the sandbox wrote to its mounted volumes, then makes it see their latest committed
   * state; until then a running sandbox does not see other containers' writes, nor they its own.
   * Both are done when this returns.
   *
   * @throws SandboxTimeoutException if the reload does not finish within 55 s
   * @throws ClientClosedException if this handle was detached
   */
  public void reloadVolumes() {
    Futures.join(reloadVolumesAsync());
  }

  /** The async form of {@link #reloadVolumes()}. */
  public CompletableFuture<Void> reloadVolumesAsync() {
    ensureAttached();
    long deadline = System.nanoTime() + RELOAD_TIMEOUT.toNanos();
    RouterPolicy policy =
        RouterPolicy.DEFAULT.withDeadline(
            deadline,
            () ->
                new SandboxTimeoutException(
                    "Reloading the volumes of sandbox " + sandboxId + " timed out"));
    return handed(
        () ->
            router()
                .thenCompose(
                    r ->
                        r.unary(
                            TaskCommandRouterGrpc.getTaskReloadVolumesMethod(),
                            TaskReloadVolumesRequest.newBuilder().setTaskId(r.taskId()).build(),
                            policy))
                .thenApply(r -> (Void) null));
  }

  // --- snapshots and image mounts (the calls are in SandboxSnapshots) ---

  /**
   * Saves the sandbox's filesystem as an image a new sandbox can start from, with a 55 s budget and
   * a 30-day lifetime.
   *
   * @throws dev.modal4j.TimeoutException if the snapshot does not finish within 55 s
   * @throws ClientClosedException if this handle was detached
   */
  public dev.modal4j.images.Image snapshotFilesystem() {
    return snapshotFilesystem(SnapshotFilesystemParams.DEFAULT);
  }

  /**
   * Saves the sandbox's filesystem as an image a new sandbox can start from, as {@code params} say
   * (budget, lifetime).
   *
   * @throws InvalidException if {@code params} is null
   * @throws dev.modal4j.TimeoutException if the snapshot does not finish within the budget
   * @throws dev.modal4j.ExecutionException if Modal answers without an image
   * @throws ClientClosedException if this handle was detached
   */
  public dev.modal4j.images.Image snapshotFilesystem(SnapshotFilesystemParams params) {
    return Futures.join(snapshotFilesystemAsync(params));
  }

  /** The async form of {@link #snapshotFilesystem(SnapshotFilesystemParams)}. */
  public CompletableFuture<dev.modal4j.images.Image> snapshotFilesystemAsync(
      SnapshotFilesystemParams params) {
    Args.notNull(params, "params");
    ensureAttached();
    return handed(() -> snapshots.filesystem(params));
  }

  /**
   * Saves the directory {@code path} as an image (its root holds the directory's contents), to
   * mount elsewhere with {@link #mountImage(String, dev.modal4j.images.Image)}.
   *
   * @throws InvalidException if {@code path} is null or not absolute
   * @throws dev.modal4j.NotFoundException if there is no such directory
   * @throws dev.modal4j.TimeoutException if the snapshot does not finish within 55 s
   */
  public dev.modal4j.images.Image snapshotDirectory(String path) {
    return snapshotDirectory(path, SnapshotDirectoryParams.DEFAULT);
  }

  /**
   * Saves the directory {@code path} as an image, as {@code params} say (budget, lifetime, key).
   *
   * @throws InvalidException if an argument is null, or {@code path} is not absolute
   * @throws dev.modal4j.NotFoundException if there is no such directory
   * @throws dev.modal4j.TimeoutException if the snapshot does not finish within the budget
   */
  public dev.modal4j.images.Image snapshotDirectory(String path, SnapshotDirectoryParams params) {
    return Futures.join(snapshotDirectoryAsync(path, params));
  }

  /** The async form of {@link #snapshotDirectory(String, SnapshotDirectoryParams)}. */
  public CompletableFuture<dev.modal4j.images.Image> snapshotDirectoryAsync(
      String path, SnapshotDirectoryParams params) {
    Args.notNull(path, "path");
    Args.notNull(params, "params");
    Checks.absolutePath(path, "path");
    ensureAttached();
    return handed(() -> snapshots.directory(path, params));
  }

  /**
   * Mounts an empty directory at {@code path}; what was there comes back on {@link
   * #unmountImage(String)}.
   *
   * @throws InvalidException if {@code path} is null or not absolute
   */
  public void mountImage(String path) {
    Futures.join(mountImageAsync(path));
  }

  /** The async form of {@link #mountImage(String)}. */
  public CompletableFuture<Void> mountImageAsync(String path) {
    Checks.absolutePath(path, "path");
    ensureAttached();
    return handed(
        () -> snapshots.mount(path, java.util.Optional.empty(), MountImageParams.DEFAULT));
  }

  /**
   * Mounts the files of a built {@code image} (a snapshot, say) at {@code path}.
   *
   * @throws InvalidException if an argument is null, {@code path} is not absolute, or the image is
   *     not built
   * @throws dev.modal4j.NotFoundException if Modal has no such image
   */
  public void mountImage(String path, dev.modal4j.images.Image image) {
    Args.notNull(path, "path");
    Args.notNull(image, "image");
    mountImage(path, image, MountImageParams.DEFAULT);
  }

  /**
   * Mounts the files of a built {@code image} at {@code path}, as {@code params} say (key).
   *
   * @throws InvalidException if an argument is null, {@code path} is not absolute, or the image is
   *     not built
   * @throws dev.modal4j.NotFoundException if Modal has no such image
   */
  public void mountImage(String path, dev.modal4j.images.Image image, MountImageParams params) {
    Futures.join(mountImageAsync(path, image, params));
  }

  /** The async form of {@link #mountImage(String, dev.modal4j.images.Image, MountImageParams)}. */
  public CompletableFuture<Void> mountImageAsync(
      String path, dev.modal4j.images.Image image, MountImageParams params) {
    Args.notNull(path, "path");
    Args.notNull(image, "image");
    Args.notNull(params, "params");
    Checks.absolutePath(path, "path");
    ensureAttached();
    if (image.imageId().isEmpty()) {
      throw new InvalidException(
          "image: Image must be built before mounting. Call image.build(app) first.");
    }
    return handed(() -> snapshots.mount(path, java.util.Optional.of(image), params));
  }

  /**
   * Removes the image mounted at {@code path} and brings back what the mount hid.
   *
   * @throws InvalidException if {@code path} is null or not absolute
   */
  public void unmountImage(String path) {
    Futures.join(unmountImageAsync(path));
  }

  /** The async form of {@link #unmountImage(String)}. */
  public CompletableFuture<Void> unmountImageAsync(String path) {
    Checks.absolutePath(path, "path");
    ensureAttached();
    return handed(() -> snapshots.unmount(path));
  }

  /**
   * Snapshots the sandbox's filesystem and memory (experimental); the sandbox must have been
   * created with {@code experimentalEnableSnapshot}. A V2 sandbox ends once its snapshot is taken.
   * Restore it with {@link Sandboxes#experimentalFromSnapshot(SandboxSnapshot)}.
   *
   * @throws dev.modal4j.ExecutionException if the snapshot fails
   * @throws dev.modal4j.TimeoutException if a V2 snapshot does not finish within 55 s
   */
  public SandboxSnapshot experimentalSnapshot() {
    return Futures.join(experimentalSnapshotAsync());
  }

  /** The async form of {@link #experimentalSnapshot()}. */
  public CompletableFuture<SandboxSnapshot> experimentalSnapshotAsync() {
    ensureAttached();
    return handed(snapshots::memory);
  }

  /**
   * The image of the sandbox's filesystem as it was when it ended, for a sandbox created with the
   * {@code enable_exit_snapshot} experimental option (as Modal's Python SDK has it), waiting up to
   * {@code timeout} while it is pending (zero: ask once).
   *
   * @throws InvalidException if {@code timeout} is null or negative, or Modal says exit snapshots
   *     are not enabled for the sandbox
   * @throws dev.modal4j.TimeoutException if it is still pending after {@code timeout}
   * @throws dev.modal4j.ExecutionException if the snapshot failed
   */
  public dev.modal4j.images.Image exitSnapshot(Duration timeout) {
    return Futures.join(exitSnapshotAsync(timeout));
  }

  /** The async form of {@link #exitSnapshot(Duration)}. */
  public CompletableFuture<dev.modal4j.images.Image> exitSnapshotAsync(Duration timeout) {
    Args.notNegative(timeout, "timeout");
    return handed(() -> snapshots.exit(timeout));
  }

  /**
   * Starts {@code call} and hands its future to the caller's executor; a {@link ModalException}
   * thrown while starting (a detached handle, a closed client) becomes the failed future.
   */
  private <T> CompletableFuture<T> handed(java.util.function.Supplier<CompletableFuture<T>> call) {
    try {
      return hand(call.get());
    } catch (ModalException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * Replaces the sandbox's outbound network policy while it runs; connections the new policy does
   * not allow are cut.
   *
   * @throws InvalidException if {@code params} is null
   * @throws ClientClosedException if this handle was detached
   */
  public void updateNetworkPolicy(NetworkPolicyParams params) {
    Futures.join(updateNetworkPolicyAsync(params));
  }

  /** The async form of {@link #updateNetworkPolicy(NetworkPolicyParams)}. */
  public CompletableFuture<Void> updateNetworkPolicyAsync(NetworkPolicyParams params) {
    Args.notNull(params, "params");
    ensureAttached();
    return handed(() -> SandboxNetworkCalls.updateNetworkPolicy(sandboxId, router(), params));
  }

  /**
   * The CPU, memory and GPU the sandbox has used so far (Modal's SandboxGetResourceUsage, which no
   * Modal SDK exposes).
   *
   * @throws dev.modal4j.NotFoundException if the sandbox is not known
   * @throws ClientClosedException if this handle was detached
   */
  public ResourceUsage resourceUsage() {
    return Futures.join(resourceUsageAsync());
  }

  /** The async form of {@link #resourceUsage()}. */
  public CompletableFuture<ResourceUsage> resourceUsageAsync() {
    ensureAttached();
    return handed(() -> SandboxNetworkCalls.resourceUsage(context, sandboxId));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Sandbox && ((Sandbox) o).sandboxId.equals(sandboxId);
  }

  @Override
  public int hashCode() {
    return sandboxId.hashCode();
  }

  @Override
  public String toString() {
    return "Sandbox{" + sandboxId + (attached ? "" : ", detached") + "}";
  }
}
