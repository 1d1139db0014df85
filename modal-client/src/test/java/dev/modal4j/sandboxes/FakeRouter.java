package dev.modal4j.sandboxes;

import com.google.protobuf.ByteString;
import dev.modal4j.proto.AuthTokenGetRequest;
import dev.modal4j.proto.AuthTokenGetResponse;
import dev.modal4j.proto.ModalClientGrpc;
import dev.modal4j.proto.SandboxGetCommandRouterAccessRequest;
import dev.modal4j.proto.SandboxGetCommandRouterAccessResponse;
import dev.modal4j.proto.SandboxGetTaskIdRequest;
import dev.modal4j.proto.SandboxGetTaskIdResponse;
import dev.modal4j.proto.TaskGetCommandRouterAccessRequest;
import dev.modal4j.proto.TaskGetCommandRouterAccessResponse;
import dev.modal4j.proto.router.SandboxStdinWriteV2Request;
import dev.modal4j.proto.router.SandboxStdinWriteV2Response;
import dev.modal4j.proto.router.SandboxStdioReadV2Request;
import dev.modal4j.proto.router.SandboxStdioReadV2Response;
import dev.modal4j.proto.router.TaskCommandRouterGrpc;
import dev.modal4j.proto.router.TaskExecPollRequest;
import dev.modal4j.proto.router.TaskExecPollResponse;
import dev.modal4j.proto.router.TaskExecStartRequest;
import dev.modal4j.proto.router.TaskExecStartResponse;
import dev.modal4j.proto.router.TaskExecStdinWriteRequest;
import dev.modal4j.proto.router.TaskExecStdinWriteResponse;
import dev.modal4j.proto.router.TaskExecStdioReadRequest;
import dev.modal4j.proto.router.TaskExecStdioReadResponse;
import dev.modal4j.proto.router.TaskExecWaitRequest;
import dev.modal4j.proto.router.TaskExecWaitResponse;
import io.grpc.Contexts;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scripted control plane (in-process) and command router (Netty on loopback) for one task, for
 * the router client's own tests: the router checks the bearer JWT, serves {@link #stdout} from the
 * requested offset, drops streams on request, and records every call.
 */
final class FakeRouter implements AutoCloseable {
  static final String TASK_ID = "ta-test";

  /** A V1-shaped sandbox id ({@code sb-} and 22 alphanumerics). */
  static final String SANDBOX_ID = "sb-Abcdefghij0123456789KL";

  /** A V2-shaped sandbox id (a ULID). */
  static final String V2_SANDBOX_ID = "sb-01JDZ8F3Q4W5E6R7T8Y9U0I1O2";

  final List<Metadata> routerHeaders = new CopyOnWriteArrayList<>();
  final List<Long> readOffsets = new CopyOnWriteArrayList<>();
  final List<TaskExecStdinWriteRequest> stdinWrites = new CopyOnWriteArrayList<>();
  final List<SandboxStdinWriteV2Request> entrypointStdinWrites = new CopyOnWriteArrayList<>();
  final List<Long> entrypointReadOffsets = new CopyOnWriteArrayList<>();
  final AtomicInteger v2AccessCalls = new AtomicInteger();
  final AtomicInteger v2TaskIdCalls = new AtomicInteger();
  final List<TaskExecStartRequest> starts = new CopyOnWriteArrayList<>();
  final AtomicInteger accessCalls = new AtomicInteger();
  final AtomicInteger waitCalls = new AtomicInteger();
  final Queue<Status> waitFailures = new ConcurrentLinkedQueue<>();
  final Queue<String> jwts = new ConcurrentLinkedQueue<>();
  volatile String acceptedJwt = jwt(Instant.now().plusSeconds(3600));
  volatile byte[] stdout = new byte[0];
  volatile int chunkSize = 64 * 1024;
  volatile long dropAfterBytes = -1;
  final AtomicInteger dropsLeft = new AtomicInteger();
  volatile TaskExecWaitResponse exit = TaskExecWaitResponse.newBuilder().setCode(0).build();
  volatile boolean waitHangs;

  private final String name = InProcessServerBuilder.generateName();
  private final Server control;
  private final Server router;
  private final ManagedChannel controlChannel;

  FakeRouter() throws Exception {
    control =
        InProcessServerBuilder.forName(name)
            .addService(new Control())
            .directExecutor()
            .build()
            .start();
    controlChannel = InProcessChannelBuilder.forName(name).directExecutor().build();
    ServerInterceptor record =
        new ServerInterceptor() {
          @Override
          public <Q, R> ServerCall.Listener<Q> interceptCall(
              ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
            routerHeaders.add(headers);
            String auth =
                headers.get(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER));
            if (!("Bearer " + acceptedJwt).equals(auth)) {
              call.close(
                  Status.UNAUTHENTICATED.withDescription("bad router token"), new Metadata());
              return new ServerCall.Listener<>() {};
            }
            return Contexts.interceptCall(io.grpc.Context.current(), call, headers, next);
          }
        };
    router =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
            .addService(ServerInterceptors.intercept(new Router(), record))
            .build()
            .start();
  }

  ManagedChannel controlChannel() {
    return controlChannel;
  }

  String routerUrl() {
    return "https://127.0.0.1:" + router.getPort();
  }

  static String jwt(Instant exp) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String payload = "{\"exp\":" + exp.getEpochSecond() + "}";
    return b64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8))
        + "."
        + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8))
        + "."
        + b64.encodeToString(("sig" + System.nanoTime()).getBytes(StandardCharsets.UTF_8));
  }

  static String jwtWithoutExp() {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    return b64.encodeToString("{}".getBytes(StandardCharsets.UTF_8))
        + "."
        + b64.encodeToString("{\"sub\":\"x\"}".getBytes(StandardCharsets.UTF_8))
        + ".sig";
  }

  byte[] stdinBytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (TaskExecStdinWriteRequest w : stdinWrites) {
      out.writeBytes(w.getData().toByteArray());
    }
    return out.toByteArray();
  }

  @Override
  public void close() throws Exception {
    controlChannel.shutdownNow();
    control.shutdownNow();
    router.shutdownNow();
    router.awaitTermination(5, TimeUnit.SECONDS);
    control.awaitTermination(5, TimeUnit.SECONDS);
  }

  private final class Control extends ModalClientGrpc.ModalClientImplBase {
    @Override
    public void authTokenGet(AuthTokenGetRequest req, StreamObserver<AuthTokenGetResponse> obs) {
      obs.onNext(
          AuthTokenGetResponse.newBuilder().setToken(jwt(Instant.now().plusSeconds(3600))).build());
      obs.onCompleted();
    }

    @Override
    public void sandboxGetTaskId(
        SandboxGetTaskIdRequest req, StreamObserver<SandboxGetTaskIdResponse> obs) {
      obs.onNext(SandboxGetTaskIdResponse.newBuilder().setTaskId(TASK_ID).build());
      obs.onCompleted();
    }

    @Override
    public void sandboxGetTaskIdV2(
        SandboxGetTaskIdRequest req, StreamObserver<SandboxGetTaskIdResponse> obs) {
      v2TaskIdCalls.incrementAndGet();
      obs.onNext(SandboxGetTaskIdResponse.newBuilder().setTaskId(TASK_ID).build());
      obs.onCompleted();
    }

    @Override
    public void sandboxGetCommandRouterAccess(
        SandboxGetCommandRouterAccessRequest req,
        StreamObserver<SandboxGetCommandRouterAccessResponse> obs) {
      v2AccessCalls.incrementAndGet();
      String next = jwts.poll();
      obs.onNext(
          SandboxGetCommandRouterAccessResponse.newBuilder()
              .setJwt(next != null ? next : acceptedJwt)
              .setUrl(routerUrl())
              .build());
      obs.onCompleted();
    }

    @Override
    public void taskGetCommandRouterAccess(
        TaskGetCommandRouterAccessRequest req,
        StreamObserver<TaskGetCommandRouterAccessResponse> obs) {
      accessCalls.incrementAndGet();
      String next = jwts.poll();
      String token = next != null ? next : acceptedJwt;
      obs.onNext(
          TaskGetCommandRouterAccessResponse.newBuilder()
              .setJwt(token)
              .setUrl(routerUrl())
              .build());
      obs.onCompleted();
    }
  }

  private final class Router extends TaskCommandRouterGrpc.TaskCommandRouterImplBase {
    @Override
    public void taskExecStart(TaskExecStartRequest req, StreamObserver<TaskExecStartResponse> obs) {
      starts.add(req);
      obs.onNext(TaskExecStartResponse.getDefaultInstance());
      obs.onCompleted();
    }

    @Override
    public void taskExecStdioRead(
        TaskExecStdioReadRequest req, StreamObserver<TaskExecStdioReadResponse> obs) {
      readOffsets.add(req.getOffset());
      byte[] data = stdout;
      long limit = data.length;
      boolean drop = dropAfterBytes >= 0 && dropsLeft.getAndDecrement() > 0;
      if (drop) {
        limit = Math.min(limit, req.getOffset() + dropAfterBytes);
      }
      for (long at = req.getOffset(); at < limit; ) {
        int n = (int) Math.min(chunkSize, limit - at);
        obs.onNext(
            TaskExecStdioReadResponse.newBuilder()
                .setData(ByteString.copyFrom(data, (int) at, n))
                .build());
        at += n;
      }
      if (drop) {
        obs.onError(Status.UNAVAILABLE.withDescription("injected drop").asRuntimeException());
      } else {
        obs.onCompleted();
      }
    }

    @Override
    public void sandboxStdioReadV2(
        SandboxStdioReadV2Request req, StreamObserver<SandboxStdioReadV2Response> obs) {
      entrypointReadOffsets.add(req.getOffset());
      byte[] data = stdout;
      long limit = data.length;
      boolean drop = dropAfterBytes >= 0 && dropsLeft.getAndDecrement() > 0;
      if (drop) {
        limit = Math.min(limit, req.getOffset() + dropAfterBytes);
      }
      for (long at = req.getOffset(); at < limit; ) {
        int n = (int) Math.min(chunkSize, limit - at);
        obs.onNext(
            SandboxStdioReadV2Response.newBuilder()
                .setData(ByteString.copyFrom(data, (int) at, n))
                .setStartingOffset(at)
                .build());
        at += n;
      }
      if (drop) {
        obs.onError(Status.UNAVAILABLE.withDescription("injected drop").asRuntimeException());
      } else {
        obs.onCompleted();
      }
    }

    @Override
    public void sandboxStdinWriteV2(
        SandboxStdinWriteV2Request req, StreamObserver<SandboxStdinWriteV2Response> obs) {
      entrypointStdinWrites.add(req);
      obs.onNext(SandboxStdinWriteV2Response.getDefaultInstance());
      obs.onCompleted();
    }

    @Override
    public void taskExecStdinWrite(
        TaskExecStdinWriteRequest req, StreamObserver<TaskExecStdinWriteResponse> obs) {
      stdinWrites.add(req);
      obs.onNext(TaskExecStdinWriteResponse.getDefaultInstance());
      obs.onCompleted();
    }

    @Override
    public void taskExecWait(TaskExecWaitRequest req, StreamObserver<TaskExecWaitResponse> obs) {
      waitCalls.incrementAndGet();
      Status failure = waitFailures.poll();
      if (failure != null) {
        obs.onError(failure.asRuntimeException());
        return;
      }
      if (waitHangs) {
        return;
      }
      obs.onNext(exit);
      obs.onCompleted();
    }

    @Override
    public void taskExecPoll(TaskExecPollRequest req, StreamObserver<TaskExecPollResponse> obs) {
      TaskExecPollResponse.Builder b = TaskExecPollResponse.newBuilder();
      if (exit.hasCode()) {
        b.setCode(exit.getCode());
      } else if (exit.hasSignal()) {
        b.setSignal(exit.getSignal());
      }
      obs.onNext(b.build());
      obs.onCompleted();
    }
  }
}
