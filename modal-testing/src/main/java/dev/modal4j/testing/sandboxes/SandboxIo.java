package dev.modal4j.testing.sandboxes;

import dev.modal4j.proto.FileDescriptor;
import dev.modal4j.proto.GenericResult;
import dev.modal4j.proto.PortSpec;
import dev.modal4j.proto.SandboxCreateConnectTokenRequest;
import dev.modal4j.proto.SandboxCreateConnectTokenResponse;
import dev.modal4j.proto.SandboxGetLogsRequest;
import dev.modal4j.proto.SandboxGetTunnelsRequest;
import dev.modal4j.proto.SandboxGetTunnelsResponse;
import dev.modal4j.proto.SandboxStdinWriteRequest;
import dev.modal4j.proto.SandboxStdinWriteResponse;
import dev.modal4j.proto.TaskLogsBatch;
import dev.modal4j.proto.TunnelData;
import dev.modal4j.proto.TunnelType;
import dev.modal4j.testing.EmulatorState;
import dev.modal4j.testing.internal.AsyncUnary;
import dev.modal4j.testing.sandboxes.backend.SandboxRuntime;
import dev.modal4j.testing.sandboxes.tunnels.TunnelGateway;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The entrypoint's stdio (SandboxGetLogs, SandboxStdinWrite) and the ways in from outside
 * (SandboxGetTunnels, SandboxCreateConnectToken).
 */
final class SandboxIo {
  /** The longest a long poll or a log stream is held open. */
  static final long MAX_POLL_MILLIS = 55_000;

  private static final String LOOPBACK = "127.0.0.1";

  private final EmulatorState state;
  private final SandboxRegistry sandboxes;
  private final TunnelGateway gateway;

  SandboxIo(EmulatorState state, SandboxRegistry sandboxes, TunnelGateway gateway) {
    this.state = state;
    this.sandboxes = sandboxes;
    this.gateway = gateway;
  }

  static long pollMillis(float timeoutSeconds) {
    if (!(timeoutSeconds > 0)) {
      return 0;
    }
    return Math.min(MAX_POLL_MILLIS, (long) (timeoutSeconds * 1000));
  }

  void logs(SandboxGetLogsRequest request, StreamObserver<TaskLogsBatch> observer) {
    EmulatedSandbox sandbox;
    long after;
    try {
      sandbox = sandboxes.get(request.getSandboxId());
      after = SandboxLog.parse(request.getLastEntryId());
    } catch (RuntimeException e) {
      observer.onError(e);
      return;
    }
    SandboxLog log;
    if (request.getFileDescriptor() == FileDescriptor.FILE_DESCRIPTOR_STDOUT) {
      log = sandbox.stdout();
    } else if (request.getFileDescriptor() == FileDescriptor.FILE_DESCRIPTOR_STDERR) {
      log = sandbox.stderr();
    } else {
      observer.onError(
          Status.INVALID_ARGUMENT
              .withDescription("file_descriptor must be STDOUT or STDERR")
              .asRuntimeException());
      return;
    }
    long timeout = request.getTimeout() > 0 ? pollMillis(request.getTimeout()) : MAX_POLL_MILLIS;
    new LogStream(
            log,
            (ServerCallStreamObserver<TaskLogsBatch>) observer,
            sandbox.taskId(),
            request.getFileDescriptor(),
            after,
            state.clock())
        .start(state.scheduler(), timeout);
  }

  void stdin(SandboxStdinWriteRequest request, AsyncUnary.Reply<SandboxStdinWriteResponse> reply) {
    EmulatedSandbox sandbox = sandboxes.get(request.getSandboxId());
    sandbox.touch();
    sandbox
        .stdin()
        .write(request.getIndex(), request.getInput().toByteArray(), request.getEof())
        .whenComplete(
            (v, e) -> {
              if (e == null) {
                reply.send(SandboxStdinWriteResponse.getDefaultInstance());
              } else {
                reply.fail(
                    Status.INTERNAL
                        .withDescription("stdin write failed")
                        .withCause(e)
                        .asRuntimeException());
              }
            });
  }

  void tunnels(
      SandboxGetTunnelsRequest request, AsyncUnary.Reply<SandboxGetTunnelsResponse> reply) {
    EmulatedSandbox sandbox = sandboxes.get(request.getSandboxId());
    long timeout = request.getTimeout() > 0 ? pollMillis(request.getTimeout()) : MAX_POLL_MILLIS;
    sandbox
        .started()
        .copy()
        .orTimeout(timeout, TimeUnit.MILLISECONDS)
        .whenComplete(
            (runtime, e) -> {
              if (e != null) {
                reply.send(timedOut());
                return;
              }
              try {
                reply.send(tunnelsOf(sandbox, runtime));
              } catch (io.grpc.StatusRuntimeException failure) {
                reply.fail(failure);
              }
            });
  }

  private static SandboxGetTunnelsResponse timedOut() {
    return SandboxGetTunnelsResponse.newBuilder()
        .setResult(
            GenericResult.newBuilder()
                .setStatus(GenericResult.GenericStatus.GENERIC_STATUS_TIMEOUT))
        .build();
  }

  /**
   * Every open port's tunnel: the TLS endpoint is the emulator's own listener (see {@link
   * TunnelGateway}) in front of the port's loopback address, and an unencrypted port also gets that
   * address itself as its raw TCP endpoint.
   */
  SandboxGetTunnelsResponse tunnelsOf(EmulatedSandbox sandbox, SandboxRuntime runtime) {
    SandboxGetTunnelsResponse.Builder response = SandboxGetTunnelsResponse.newBuilder();
    for (PortSpec port : sandbox.definition().getOpenPorts().getPortsList()) {
      Optional<Integer> host = runtime.hostPort(port.getPort());
      if (host.isEmpty()) {
        return timedOut();
      }
      int tlsPort;
      try {
        tlsPort =
            gateway.tlsPort(
                sandbox.sandboxId(),
                port.getPort(),
                host.get(),
                port.hasTunnelType() && port.getTunnelType() == TunnelType.TUNNEL_TYPE_H2,
                sandbox.ended());
      } catch (IOException e) {
        throw Status.UNAVAILABLE
            .withDescription("cannot open the tunnel of port " + port.getPort())
            .withCause(e)
            .asRuntimeException();
      }
      TunnelData.Builder tunnel =
          TunnelData.newBuilder()
              .setHost(LOOPBACK)
              .setPort(tlsPort)
              .setContainerPort(port.getPort());
      if (port.getUnencrypted()) {
        tunnel.setUnencryptedHost(LOOPBACK).setUnencryptedPort(host.get());
      }
      response.addTunnels(tunnel);
    }
    return response
        .setResult(
            GenericResult.newBuilder()
                .setStatus(GenericResult.GenericStatus.GENERIC_STATUS_SUCCESS))
        .build();
  }

  /**
   * The emulator's connect-token proxy URL and a new token for the sandbox's port: the proxy passes
   * a request on only with that token, while the sandbox runs.
   */
  SandboxCreateConnectTokenResponse connectToken(SandboxCreateConnectTokenRequest request) {
    EmulatedSandbox sandbox = sandboxes.get(request.getSandboxId());
    int port = request.hasPort() ? request.getPort() : 8080;
    if (port < 1 || port > 65535) {
      throw SandboxDefinitions.invalid("port must be within [1, 65535], got " + port);
    }
    Supplier<Optional<InetSocketAddress>> target =
        () -> {
          var started = sandbox.started();
          if (sandbox.finished() || !started.isDone() || started.isCompletedExceptionally()) {
            return Optional.empty();
          }
          SandboxRuntime runtime = started.join();
          Optional<Integer> hostPort = runtime.hostPort(port);
          if (hostPort.isPresent()) {
            return Optional.of(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), hostPort.get()));
          }
          if (runtime.sharesHostNetwork()) {
            return Optional.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
          }
          // a port not opened as a tunnel: the sandbox's own address, where it has one
          return runtime.networkAddress().map(a -> new InetSocketAddress(a, port));
        };
    try {
      List<String> urlAndToken = gateway.issueToken(request.getUserMetadata(), target);
      return SandboxCreateConnectTokenResponse.newBuilder()
          .setUrl(urlAndToken.get(0))
          .setToken(urlAndToken.get(1))
          .build();
    } catch (IOException e) {
      throw Status.UNAVAILABLE
          .withDescription("cannot start the connect-token proxy")
          .withCause(e)
          .asRuntimeException();
    }
  }
}
