package dev.modal4j.internal.sandbox;

import dev.modal4j.ClientClosedException;
import dev.modal4j.ConflictException;
import dev.modal4j.InvalidException;
import dev.modal4j.ModalException;
import dev.modal4j.internal.ClientContext;
import dev.modal4j.internal.Futures;
import dev.modal4j.internal.transport.ChannelRule;
import dev.modal4j.internal.transport.NettyChannels;
import dev.modal4j.internal.transport.ServerAddress;
import dev.modal4j.proto.ModalClientGrpc;
import dev.modal4j.proto.SandboxGetCommandRouterAccessRequest;
import dev.modal4j.proto.TaskGetCommandRouterAccessRequest;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection of one sandbox handle to its task's command router (protocol/resources.md §5.9): a
 * channel of its own to the router URL, the router JWT, and unary calls with the router's retry
 * rules. {@link #close()} shuts the channel down; calls then fail with {@link
 * ClientClosedException}.
 */
public final class RouterClient implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RouterClient.class);

  private final ClientContext context;
  private final String taskId;
  private final ManagedChannel channel;
  private final RouterAuth auth;
  private volatile boolean closed;

  private RouterClient(
      ClientContext context, String taskId, ManagedChannel channel, RouterAuth auth) {
    this.context = context;
    this.taskId = taskId;
    this.channel = channel;
    this.auth = auth;
  }

  /**
   * Asks the control plane for the router of {@code taskId} and opens a channel to it (which
   * connects on the first call).
   */
  public static CompletableFuture<RouterClient> connect(ClientContext context, String taskId) {
    return open(context, taskId, () -> access(context, taskId), null);
  }

  /**
   * Opens a channel to the router of V2 sandbox {@code sandboxId} (task {@code taskId}), with the
   * seed {@code seedUrl}/{@code seedJwt} from SandboxCreateV2 when both are non-empty, else asking
   * SandboxGetCommandRouterAccess; refreshed tokens always come from that RPC.
   */
  public static CompletableFuture<RouterClient> connectV2(
      ClientContext context, String sandboxId, String taskId, String seedUrl, String seedJwt) {
    RouterAccess seed =
        seedUrl != null && !seedUrl.isEmpty() && seedJwt != null && !seedJwt.isEmpty()
            ? new RouterAccess(seedUrl, seedJwt)
            : null;
    return open(context, taskId, () -> accessV2(context, sandboxId, taskId), seed);
  }

  private static CompletableFuture<RouterClient> open(
      ClientContext context,
      String taskId,
      Supplier<CompletableFuture<RouterAccess>> fetch,
      RouterAccess seed) {
    CompletableFuture<RouterAccess> first =
        seed != null ? CompletableFuture.completedFuture(seed) : fetch.get();
    return first.thenApply(
        access -> {
          ServerAddress address = address(access.url(), context);
          log.debug("Connecting to the command router of task {} at {}", taskId, address);
          ManagedChannel channel = context.openChannel(address);
          return new RouterClient(
              context,
              taskId,
              channel,
              new RouterAuth(access, fetch, () -> System.currentTimeMillis() / 1000));
        });
  }

  private static CompletableFuture<RouterAccess> accessV2(
      ClientContext context, String sandboxId, String taskId) {
    return context
        .controlPlane()
        .unary(
            ModalClientGrpc.getSandboxGetCommandRouterAccessMethod(),
            SandboxGetCommandRouterAccessRequest.newBuilder().setSandboxId(sandboxId).build())
        .handle(
            (resp, err) -> {
              if (err == null) {
                return new RouterAccess(resp.getUrl(), resp.getJwt());
              }
              throw preconditionToConflict(Futures.unwrap(err), taskId);
            });
  }

  private static RuntimeException preconditionToConflict(Throwable cause, String taskId) {
    if (cause instanceof ModalException
        && ((ModalException) cause).statusCode().orElse(null) == Status.Code.FAILED_PRECONDITION) {
      return new ConflictException(
          "Command router access is not available for this sandbox (task " + taskId + ")",
          cause,
          Status.Code.FAILED_PRECONDITION);
    }
    return Futures.propagate(cause);
  }

  private static CompletableFuture<RouterAccess> access(ClientContext context, String taskId) {
    return context
        .controlPlane()
        .unary(
            ModalClientGrpc.getTaskGetCommandRouterAccessMethod(),
            TaskGetCommandRouterAccessRequest.newBuilder().setTaskId(taskId).build())
        .handle(
            (resp, err) -> {
              if (err == null) {
                return new RouterAccess(resp.getUrl(), resp.getJwt());
              }
              throw preconditionToConflict(Futures.unwrap(err), taskId);
            });
  }

  /**
   * Where the router at {@code url} is dialed: its host and port (443 by default); TLS unless the
   * control plane itself is on a loopback host, as Modal's Go and JS SDKs do. {@code http://} is
   * accepted only where {@link ChannelRule} allows it.
   */
  static ServerAddress address(String url, ClientContext context) {
    URI uri = ChannelRule.checkServedUrl(url, "command router", context.allowInsecure());
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    String host = uri.getHost();
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    boolean https = scheme.equals("https");
    int port = uri.getPort() != -1 ? uri.getPort() : https ? 443 : 80;
    boolean plaintext = !https || controlPlaneIsLoopback(context);
    return ServerAddress.of(scheme + "://" + host + ":" + port, host, port, plaintext);
  }

  private static boolean controlPlaneIsLoopback(ClientContext context) {
    try {
      return ChannelRule.isLoopback(ServerAddress.parse(context.serverUrl(), true).host());
    } catch (InvalidException e) {
      return false;
    }
  }

  /** The task this router serves. */
  public String taskId() {
    return taskId;
  }

  /** A unary router call with {@code policy}'s retries, the JWT, and one refresh on refusal. */
  public <Q, R> CompletableFuture<R> unary(
      MethodDescriptor<Q, R> method, Q request, RouterPolicy policy) {
    if (closed) {
      return CompletableFuture.failedFuture(closedException());
    }
    return new RouterCall<>(this, method, request, policy).start();
  }

  Channel channel() {
    return channel;
  }

  RouterAuth auth() {
    return auth;
  }

  ClientContext context() {
    return context;
  }

  CallOptions callOptions(Duration timeout) {
    CallOptions o =
        CallOptions.DEFAULT
            .withExecutor(context.executor())
            .withMaxInboundMessageSize(NettyChannels.MAX_MESSAGE_BYTES)
            .withMaxOutboundMessageSize(NettyChannels.MAX_MESSAGE_BYTES);
    if (timeout != null) {
      o = o.withDeadlineAfter(Math.max(1, timeout.toNanos()), TimeUnit.NANOSECONDS);
    }
    return o;
  }

  /** Whether {@link #close()} was called, or the client closed. */
  public boolean isClosed() {
    if (closed) {
      return true;
    }
    try {
      context.checkOpen();
      return false;
    } catch (ClientClosedException e) {
      return true;
    }
  }

  ClientClosedException closedException() {
    return new ClientClosedException(
        "The sandbox handle was detached or its ModalClient closed (task " + taskId + ")");
  }

  /** Shuts the channel down; calls in flight fail with {@link ClientClosedException}. */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      context.releaseChannel(channel);
      log.debug("Closed the command router channel of task {}", taskId);
    }
  }

  /**
   * Runs {@code task} on the client's executor after {@code delayNanos}, for a retry; {@code
   * onClosed} instead when the client's pools no longer take work (the client is closed).
   */
  void later(Runnable task, long delayNanos, Runnable onClosed) {
    try {
      context()
          .scheduler()
          .schedule(
              () -> {
                try {
                  context().executor().execute(task);
                } catch (java.util.concurrent.RejectedExecutionException e) {
                  onClosed.run();
                }
              },
              delayNanos,
              java.util.concurrent.TimeUnit.NANOSECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      onClosed.run();
    }
  }
}
