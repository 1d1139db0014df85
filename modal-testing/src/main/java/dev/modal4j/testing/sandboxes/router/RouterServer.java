package dev.modal4j.testing.sandboxes.router;

import dev.modal4j.proto.router.TaskCommandRouterGrpc;
import dev.modal4j.testing.EmulatorState;
import dev.modal4j.testing.sandboxes.TaskDirectory;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.NettyServerBuilder;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The task command router's gRPC server: plaintext h2c on a free 127.0.0.1 port (and TLS on the
 * same port, see {@link PlaintextOrTls}), with event loops, handler threads and output pumps of its
 * own (named {@code modal-emulator-router-<instance>-...}), all ended by {@link #close()}.
 */
public final class RouterServer implements AutoCloseable {
  private static final String HOST = "127.0.0.1";
  private static final int MAX_MESSAGE_BYTES = 100 * 1024 * 1024;
  private static final int FLOW_CONTROL_WINDOW = 64 * 1024 * 1024;
  private static final AtomicInteger INSTANCES = new AtomicInteger();

  private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
  private final String threadPrefix = "modal-emulator-router-" + INSTANCES.incrementAndGet() + "-";
  private final EventLoopGroup boss;
  private final EventLoopGroup workers;
  private final ExecutorService executor;
  private final RouterAuth auth;
  private final RouterService service;
  private final List<RouterArea> areas;
  private final Server server;

  /**
   * Starts serving {@code tasks} on a free loopback port.
   *
   * @param tasks the tasks callers may use
   * @param state the emulator's state: token issuer and lifetime, faults, clock, timer
   * @param tlsKeys the certificate TLS connections are served with, asked for on the first one (the
   *     tunnels' server certificate, see {@link
   *     dev.modal4j.testing.sandboxes.tunnels.TunnelGateway#keyManagers()})
   * @throws UncheckedIOException if no port can be bound
   */
  public RouterServer(
      TaskDirectory tasks,
      EmulatorState state,
      java.util.function.Supplier<javax.net.ssl.KeyManagerFactory> tlsKeys) {
    boss = new MultiThreadIoEventLoopGroup(1, factory("boss"), NioIoHandler.newFactory());
    workers = new MultiThreadIoEventLoopGroup(2, factory("io"), NioIoHandler.newFactory());
    executor = Executors.newCachedThreadPool(factory("worker"));
    auth = new RouterAuth(state);
    service = new RouterService(tasks, state, executor);
    areas = RouterAreas.create(new RouterContext(tasks, state, executor));
    try {
      server =
          NettyServerBuilder.forAddress(new InetSocketAddress(HOST, 0))
              .bossEventLoopGroup(boss)
              .workerEventLoopGroup(workers)
              .channelType(NioServerSocketChannel.class)
              .executor(executor)
              .permitKeepAliveTime(1, TimeUnit.SECONDS)
              .permitKeepAliveWithoutCalls(true)
              .maxInboundMessageSize(MAX_MESSAGE_BYTES)
              .flowControlWindow(FLOW_CONTROL_WINDOW)
              .protocolNegotiator(new PlaintextOrTls(tlsKeys))
              .addService(ServerInterceptors.intercept(definition(), auth))
              .build()
              .start();
    } catch (IOException e) {
      release();
      throw new UncheckedIOException("cannot serve the command router on " + HOST, e);
    } catch (RuntimeException e) {
      release();
      throw e;
    }
  }

  /** RouterService's methods, each replaced by the same method of a later area if it binds one. */
  private ServerServiceDefinition definition() {
    Map<String, ServerMethodDefinition<?, ?>> methods = new LinkedHashMap<>();
    for (ServerMethodDefinition<?, ?> method : service.bindService().getMethods()) {
      methods.put(method.getMethodDescriptor().getFullMethodName(), method);
    }
    for (RouterArea area : areas) {
      ServerServiceDefinition.Builder part =
          ServerServiceDefinition.builder(TaskCommandRouterGrpc.SERVICE_NAME);
      area.bind(part);
      for (ServerMethodDefinition<?, ?> method : part.build().getMethods()) {
        methods.put(method.getMethodDescriptor().getFullMethodName(), method);
      }
    }
    ServerServiceDefinition.Builder all =
        ServerServiceDefinition.builder(TaskCommandRouterGrpc.SERVICE_NAME);
    methods.values().forEach(all::addMethod);
    return all.build();
  }

  private ThreadFactory factory(String role) {
    AtomicInteger n = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, threadPrefix + role + "-" + n.incrementAndGet());
      thread.setDaemon(true);
      threads.add(thread);
      return thread;
    };
  }

  /** The port bound. */
  public int port() {
    return server.getPort();
  }

  /** {@code https://127.0.0.1:<port>}: what Modal's SDKs expect, served in plaintext. */
  public String url() {
    return "https://" + HOST + ":" + port();
  }

  /** A fresh router JWT for {@code taskId}. */
  public String jwt(String taskId) {
    return auth.issue(taskId);
  }

  /** Stops the server, kills every exec it started and ends its threads; idempotent. */
  @Override
  public void close() {
    server.shutdownNow();
    service.close();
    try {
      server.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    release();
  }

  private void release() {
    if (areas != null) {
      areas.forEach(RouterArea::close);
    }
    executor.shutdownNow();
    var bossDone = boss.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    var workersDone = workers.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    bossDone.awaitUninterruptibly(5, TimeUnit.SECONDS);
    workersDone.awaitUninterruptibly(5, TimeUnit.SECONDS);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    for (Thread thread : threads) {
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (left > 0 && thread != Thread.currentThread()) {
        try {
          thread.join(left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }
}
