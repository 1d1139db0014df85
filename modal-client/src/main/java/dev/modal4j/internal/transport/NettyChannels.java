package dev.modal4j.internal.transport;

import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * Creates the client's Netty channels on one event loop group the client owns (protocol §1.2:
 * keepalive 30 s / 10 s, 64 MiB windows, 100 MiB messages).
 *
 * <p>Loading this class installs {@link RedactingLoggerFactory} (see there for its scope and the
 * opt-out), and the event loop threads are marked as modal4j's, so the HTTP/2 frame logging of
 * these channels never prints modal4j's credentials.
 */
public final class NettyChannels implements AutoCloseable {
  /** The largest message sent or received: 100 MiB. */
  public static final int MAX_MESSAGE_BYTES = 100 * 1024 * 1024;

  private static final int WINDOW_BYTES = 64 * 1024 * 1024;

  private final EventLoopGroup group;
  private final Executor executor;

  static {
    RedactingLoggerFactory.install();
  }

  /** Creates the event loop group ({@code threads} daemon threads from {@code factory}). */
  public NettyChannels(int threads, ThreadFactory factory, Executor executor) {
    this.group =
        new MultiThreadIoEventLoopGroup(
            threads, RedactionScope.marking(factory), NioIoHandler.newFactory());
    this.executor = executor;
  }

  /** A channel to {@code address}; it connects lazily, on the first call. */
  public ManagedChannel open(ServerAddress address, String userAgent) {
    NettyChannelBuilder b =
        NettyChannelBuilder.forAddress(address.host(), address.port())
            .eventLoopGroup(group)
            .channelType(NioSocketChannel.class)
            .executor(executor)
            .offloadExecutor(executor)
            .keepAliveTime(30, TimeUnit.SECONDS)
            .keepAliveTimeout(10, TimeUnit.SECONDS)
            .keepAliveWithoutCalls(true)
            .flowControlWindow(WINDOW_BYTES)
            .maxInboundMessageSize(MAX_MESSAGE_BYTES)
            .userAgent(userAgent);
    if (address.plaintext()) {
      b.usePlaintext();
    } else {
      b.useTransportSecurity();
    }
    return b.build();
  }

  /** Shuts the event loop group down and waits briefly for its threads to end. */
  @Override
  public void close() {
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
  }
}
