package dev.modal4j.testing;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.netty.NettyServerBuilder;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two servers of one emulator, serving the same service definition: in-process (unique name,
 * direct executor) and plaintext h2c on 127.0.0.1 with Netty, on event loops this class owns.
 */
final class EmulatorServers implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmulatorServers.class);

  static final String HOST = "127.0.0.1";
  private static final int MAX_MESSAGE_BYTES = 100 * 1024 * 1024;
  private static final int FLOW_CONTROL_WINDOW = 64 * 1024 * 1024;

  private final EventLoopGroup boss;
  private final EventLoopGroup workers;
  private final Server inProcess;
  private final Server loopback;
  private final ManagedChannel channel;

  EmulatorServers(
      ServerServiceDefinition service,
      int port,
      ExecutorService executor,
      EmulatorThreads threads) {
    String name = "modal-emulator-" + java.util.UUID.randomUUID();
    boss = new MultiThreadIoEventLoopGroup(1, threads.factory("boss"), NioIoHandler.newFactory());
    workers = new MultiThreadIoEventLoopGroup(2, threads.factory("io"), NioIoHandler.newFactory());
    Server inProcessServer = null;
    Server loopbackServer = null;
    try {
      inProcessServer =
          InProcessServerBuilder.forName(name)
              .directExecutor()
              .maxInboundMessageSize(MAX_MESSAGE_BYTES)
              .addService(service)
              .build()
              .start();
      loopbackServer =
          NettyServerBuilder.forAddress(new InetSocketAddress(HOST, port))
              .bossEventLoopGroup(boss)
              .workerEventLoopGroup(workers)
              .channelType(NioServerSocketChannel.class)
              .executor(executor)
              .permitKeepAliveTime(1, TimeUnit.SECONDS)
              .permitKeepAliveWithoutCalls(true)
              .maxInboundMessageSize(MAX_MESSAGE_BYTES)
              .flowControlWindow(FLOW_CONTROL_WINDOW)
              .addService(service)
              .build()
              .start();
    } catch (IOException | RuntimeException e) {
      shutdown(inProcessServer);
      shutdown(loopbackServer);
      shutdownGroups();
      String what = "cannot serve on " + HOST + ":" + port;
      throw e instanceof IOException io
          ? new UncheckedIOException(what, io)
          : new IllegalStateException(what, e);
    }
    inProcess = inProcessServer;
    loopback = loopbackServer;
    channel =
        InProcessChannelBuilder.forName(name)
            .executor(executor)
            .maxInboundMessageSize(MAX_MESSAGE_BYTES)
            .build();
  }

  int port() {
    return loopback.getPort();
  }

  ManagedChannel channel() {
    return channel;
  }

  @Override
  public void close() {
    channel.shutdownNow();
    shutdown(inProcess);
    shutdown(loopback);
    try {
      channel.awaitTermination(5, TimeUnit.SECONDS);
      inProcess.awaitTermination(5, TimeUnit.SECONDS);
      loopback.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    shutdownGroups();
  }

  private void shutdownGroups() {
    var bossDone = boss.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    var workersDone = workers.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    bossDone.awaitUninterruptibly(5, TimeUnit.SECONDS);
    workersDone.awaitUninterruptibly(5, TimeUnit.SECONDS);
  }

  /**
   * Stops {@code server} now. Cancelling the in-process calls of a client that has already closed
   * its own executor makes that client's transport throw (its callback is rejected); that is the
   * client's end and must not stop the rest of the emulator from closing, so it is caught here.
   */
  private static void shutdown(Server server) {
    if (server == null) {
      return;
    }
    try {
      server.shutdownNow();
    } catch (RuntimeException e) {
      log.debug("a client's call failed while the emulator cancelled it", e);
    }
  }
}
