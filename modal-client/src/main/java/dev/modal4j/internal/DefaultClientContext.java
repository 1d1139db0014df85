package dev.modal4j.internal;

import dev.modal4j.ClientClosedException;
import dev.modal4j.ServiceException;
import dev.modal4j.internal.auth.AuthCallCredentials;
import dev.modal4j.internal.auth.AuthTokenManager;
import dev.modal4j.internal.config.ClientSettings;
import dev.modal4j.internal.events.Events;
import dev.modal4j.internal.rpc.CallPolicy;
import dev.modal4j.internal.rpc.CallRuntime;
import dev.modal4j.internal.rpc.GrpcRpcInvoker;
import dev.modal4j.internal.rpc.RpcInvoker;
import dev.modal4j.internal.rpc.StaticHeadersInterceptor;
import dev.modal4j.internal.transport.ServerAddress;
import dev.modal4j.proto.AuthTokenGetRequest;
import dev.modal4j.proto.AuthTokenGetResponse;
import dev.modal4j.proto.ModalClientGrpc;
import io.grpc.Channel;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/** The {@link ClientContext} of one {@code ModalClient}; {@link #close()} releases all of it. */
public final class DefaultClientContext implements ClientContext, AutoCloseable {
  private static final Duration AUTH_REFRESH_TIMEOUT = Duration.ofSeconds(15);

  private final ClientSettings settings;
  private final TransportOptions transport;
  private final ClientResources resources;
  private final CallRuntime runtime;
  private final AuthTokenManager tokens;
  private final Events events;
  private final RpcInvoker controlPlane;
  private final Map<String, RpcInvoker> inputPlanes = new ConcurrentHashMap<>();

  private DefaultClientContext(
      ClientSettings settings,
      TransportOptions transport,
      ClientResources resources,
      Clock clock,
      Events events) {
    this.settings = settings;
    this.transport = transport;
    this.resources = resources;
    this.events = events;
    this.tokens =
        new AuthTokenManager(
            this::fetchToken, clock, () -> ThreadLocalRandom.current().nextDouble(), events);
    this.runtime =
        new CallRuntime(
            new AuthCallCredentials(tokens),
            resources.scheduler(),
            resources.executor(),
            settings.maxThrottleWait().orElse(null),
            System::nanoTime,
            events);
    Channel control = transport.channel();
    if (control == null) {
      ServerAddress address = ServerAddress.parse(settings.serverUrl(), transport.allowInsecure());
      control = resources.openChannel(address);
    }
    this.controlPlane = new GrpcRpcInvoker(intercept(control), runtime);
  }

  /**
   * Creates the context: validates the server URL (before any thread or connection), then the
   * executors and channels.
   *
   * @param callerExecutor runs the caller's code (see {@link #callerExecutor()}); empty: a bounded
   *     pool the context owns and shuts down on close
   */
  public static DefaultClientContext create(
      ClientSettings settings,
      TransportOptions transport,
      Optional<ExecutorService> callerExecutor,
      Clock clock) {
    return create(settings, transport, callerExecutor, clock, null);
  }

  /**
   * As {@link #create(ClientSettings, TransportOptions, Optional, Clock)}, with the caller's event
   * listener (null for none).
   */
  public static DefaultClientContext create(
      ClientSettings settings,
      TransportOptions transport,
      Optional<ExecutorService> callerExecutor,
      Clock clock,
      dev.modal4j.events.EventListener listener) {
    if (transport.channel() == null) {
      ServerAddress.parse(settings.serverUrl(), transport.allowInsecure());
    }
    ClientResources resources = new ClientResources(callerExecutor);
    try {
      return new DefaultClientContext(settings, transport, resources, clock, Events.of(listener));
    } catch (RuntimeException e) {
      resources.close();
      throw e;
    }
  }

  private Channel intercept(Channel channel) {
    List<ClientInterceptor> chain = new ArrayList<>(transport.interceptors());
    java.util.Collections.reverse(chain);
    chain.add(
        new StaticHeadersInterceptor(
            settings.tokenId(), settings.tokenSecret(), settings.oauth().orElse(null)));
    return ClientInterceptors.intercept(channel, chain);
  }

  private CompletableFuture<String> fetchToken(CallPolicy policy) {
    CompletableFuture<AuthTokenGetResponse> rpc =
        controlPlane.unary(
            ModalClientGrpc.getAuthTokenGetMethod(),
            AuthTokenGetRequest.getDefaultInstance(),
            policy);
    ScheduledFuture<?> timer =
        resources
            .scheduler()
            .schedule(
                () ->
                    rpc.completeExceptionally(
                        new ServiceException("Timed out after 15 s fetching a Modal auth token")),
                AUTH_REFRESH_TIMEOUT.toMillis(),
                TimeUnit.MILLISECONDS);
    return rpc.whenComplete((r, t) -> timer.cancel(false))
        .thenApply(AuthTokenGetResponse::getToken);
  }

  @Override
  public RpcInvoker controlPlane() {
    checkOpen();
    return controlPlane;
  }

  @Override
  public RpcInvoker inputPlane(String url) {
    checkOpen();
    return inputPlanes.computeIfAbsent(url, this::openInputPlane);
  }

  private RpcInvoker openInputPlane(String url) {
    Channel channel;
    if (transport.inputPlaneChannels() != null) {
      channel = transport.inputPlaneChannels().apply(url);
    } else if (transport.channel() != null) {
      channel = transport.channel();
    } else {
      channel = resources.openChannel(ServerAddress.parse(url, transport.allowInsecure()));
    }
    return new GrpcRpcInvoker(intercept(channel), runtime);
  }

  @Override
  public Events events() {
    return events;
  }

  @Override
  public Optional<String> imageBuilderVersion() {
    return settings.imageBuilderVersion();
  }

  @Override
  public boolean sandboxV2() {
    return settings.sandboxV2();
  }

  @Override
  public String serverUrl() {
    return settings.serverUrl();
  }

  @Override
  public ManagedChannel openChannel(ServerAddress address) {
    checkOpen();
    return resources.openChannel(address);
  }

  @Override
  public void releaseChannel(ManagedChannel channel) {
    resources.releaseChannel(channel);
  }

  @Override
  public String environment() {
    return settings.environment();
  }

  @Override
  public boolean allowInsecure() {
    return transport.allowInsecure();
  }

  @Override
  public ScheduledExecutorService scheduler() {
    return resources.scheduler();
  }

  @Override
  public Executor executor() {
    return resources.executor();
  }

  @Override
  public Executor callerExecutor() {
    return resources.callerExecutor();
  }

  @Override
  public Executor blockingExecutor() {
    return resources.blockingExecutor();
  }

  @Override
  public void checkOpen() {
    if (runtime.isClosed() || resources.isClosed()) {
      throw new ClientClosedException("The ModalClient is closed");
    }
  }

  /** Aborts calls in flight, then shuts channels, event loops and executors down. Never throws. */
  @Override
  public void close() {
    runtime.close();
    resources.close();
  }
}
