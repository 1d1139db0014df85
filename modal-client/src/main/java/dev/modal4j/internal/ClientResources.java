package dev.modal4j.internal;

import dev.modal4j.ClientClosedException;
import dev.modal4j.internal.transport.NettyChannels;
import dev.modal4j.internal.transport.ServerAddress;
import io.grpc.ManagedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The threads and channels one client owns; {@link #close()} releases all of them. */
final class ClientResources implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ClientResources.class);

  private final ClientExecutors executors;
  private final List<ManagedChannel> channels = new ArrayList<>();
  private NettyChannels netty;
  private boolean closed;

  /** Creates the client's executors; {@code callerExecutor} is the builder's, if any. */
  ClientResources(Optional<ExecutorService> callerExecutor) {
    executors = new ClientExecutors(callerExecutor);
  }

  ScheduledExecutorService scheduler() {
    return executors.scheduler();
  }

  /** gRPC callbacks and the SDK's own non-blocking continuations. */
  ExecutorService executor() {
    return executors.rpc();
  }

  /** The SDK's blocking roles. */
  ExecutorService blockingExecutor() {
    return executors.blocking();
  }

  /** The caller's code. */
  ExecutorService callerExecutor() {
    return executors.caller();
  }

  synchronized boolean isClosed() {
    return closed;
  }

  /** Opens a channel the client owns, creating the event loop group on first use. */
  synchronized ManagedChannel openChannel(ServerAddress address) {
    if (closed) {
      throw new ClientClosedException("The ModalClient is closed");
    }
    if (netty == null) {
      netty = new NettyChannels(1, new DaemonThreads("modal4j-netty"), executors.rpc());
    }
    ManagedChannel channel = netty.open(address, ClientVersion.LIBMODAL_VERSION);
    channels.add(channel);
    log.debug("Opened channel to {} ({})", address, address.plaintext() ? "plaintext" : "TLS");
    return channel;
  }

  /** Shuts {@code channel} down now and forgets it; idempotent. */
  void releaseChannel(ManagedChannel channel) {
    synchronized (this) {
      channels.remove(channel);
    }
    channel.shutdownNow();
  }

  @Override
  public void close() {
    List<ManagedChannel> toClose;
    NettyChannels group;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      toClose = new ArrayList<>(channels);
      group = netty;
    }
    boolean interrupted = false;
    for (ManagedChannel c : toClose) {
      c.shutdownNow();
    }
    for (ManagedChannel c : toClose) {
      try {
        c.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (group != null) {
      try {
        group.close();
      } catch (RuntimeException e) {
        log.warn("Closing the event loop group failed: {}", e.toString());
      }
    }
    if (executors.shutdown()) {
      interrupted = true;
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    log.debug("Closed {} channel(s) and the client's executors", toClose.size());
  }
}
