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
import dev.modal4j.testing.EmulatorState;
import dev.modal4j.testing.internal.AsyncUnary;
import dev.modal4j.testing.sandboxes.backend.SandboxRuntime;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

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
  private final SecureRandom random = new SecureRandom();

  SandboxIo(EmulatorState state, SandboxRegistry sandboxes) {
    this.state = state;
    this.sandboxes = sandboxes;
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
              } else {
                reply.send(tunnelsOf(sandbox, runtime));
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

  static SandboxGetTunnelsResponse tunnelsOf(EmulatedSandbox sandbox, SandboxRuntime runtime) {
    SandboxGetTunnelsResponse.Builder response = SandboxGetTunnelsResponse.newBuilder();
    for (PortSpec port : sandbox.definition().getOpenPorts().getPortsList()) {
      Optional<Integer> host = runtime.hostPort(port.getPort());
      if (host.isEmpty()) {
        return timedOut();
      }
      TunnelData.Builder tunnel =
          TunnelData.newBuilder()
              .setHost(LOOPBACK)
              .setPort(host.get())
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
   * A URL and a token; no proxy checks the token yet (issue 10): the URL is the sandbox port's
   * loopback address, reached directly.
   */
  SandboxCreateConnectTokenResponse connectToken(SandboxCreateConnectTokenRequest request) {
    EmulatedSandbox sandbox = sandboxes.get(request.getSandboxId());
    int port = request.hasPort() ? request.getPort() : 8080;
    if (port < 1 || port > 65535) {
      throw SandboxDefinitions.invalid("port must be within [1, 65535], got " + port);
    }
    int hostPort =
        sandbox.started().isDone() && !sandbox.started().isCompletedExceptionally()
            ? sandbox.started().join().hostPort(port).orElse(port)
            : port;
    byte[] token = new byte[24];
    random.nextBytes(token);
    return SandboxCreateConnectTokenResponse.newBuilder()
        .setUrl("http://" + LOOPBACK + ":" + hostPort)
        .setToken(Base64.getUrlEncoder().withoutPadding().encodeToString(token))
        .build();
  }
}
