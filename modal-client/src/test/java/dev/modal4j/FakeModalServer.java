package dev.modal4j;

import dev.modal4j.proto.AppGetOrCreateRequest;
import dev.modal4j.proto.AppGetOrCreateResponse;
import dev.modal4j.proto.AuthTokenGetRequest;
import dev.modal4j.proto.AuthTokenGetResponse;
import dev.modal4j.proto.DataChunk;
import dev.modal4j.proto.FunctionCallGetDataRequest;
import dev.modal4j.proto.ModalClientGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/** A small in-process Modal server for the client's own tests: scripted, recording headers. */
final class FakeModalServer implements AutoCloseable {
  static final String TOKEN_ID = "ak-test-id";
  static final String TOKEN_SECRET = "as-very-secret-value-123";

  /** One received call: method, headers, arrival time. */
  record Received(String method, Metadata headers, long nanos) {
    String header(String name) {
      return headers.get(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER));
    }
  }

  final List<Received> received = new CopyOnWriteArrayList<>();
  final AtomicInteger authTokenGets = new AtomicInteger();
  volatile String jwt = jwt(Instant.now().plusSeconds(3600));
  volatile BiConsumer<AuthTokenGetRequest, StreamObserver<AuthTokenGetResponse>> authHandler =
      (req, obs) -> {
        obs.onNext(AuthTokenGetResponse.newBuilder().setToken(jwt).build());
        obs.onCompleted();
      };
  volatile BiConsumer<AppGetOrCreateRequest, StreamObserver<AppGetOrCreateResponse>> appHandler =
      (req, obs) -> {
        obs.onNext(AppGetOrCreateResponse.newBuilder().setAppId("ap-" + req.getAppName()).build());
        obs.onCompleted();
      };
  volatile BiConsumer<FunctionCallGetDataRequest, StreamObserver<DataChunk>> dataOutHandler =
      (req, obs) -> obs.onCompleted();

  private final String name = InProcessServerBuilder.generateName();
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final Server server;

  FakeModalServer() throws IOException {
    ModalClientGrpc.ModalClientImplBase impl =
        new ModalClientGrpc.ModalClientImplBase() {
          @Override
          public void authTokenGet(
              AuthTokenGetRequest req, StreamObserver<AuthTokenGetResponse> obs) {
            authTokenGets.incrementAndGet();
            authHandler.accept(req, obs);
          }

          @Override
          public void appGetOrCreate(
              AppGetOrCreateRequest req, StreamObserver<AppGetOrCreateResponse> obs) {
            appHandler.accept(req, obs);
          }

          @Override
          public void functionCallGetDataOut(
              FunctionCallGetDataRequest req, StreamObserver<DataChunk> obs) {
            dataOutHandler.accept(req, obs);
          }
        };
    ServerInterceptor recorder =
        new ServerInterceptor() {
          @Override
          public <Q, R> ServerCall.Listener<Q> interceptCall(
              ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
            received.add(
                new Received(
                    call.getMethodDescriptor().getBareMethodName(), headers, System.nanoTime()));
            return next.startCall(call, headers);
          }
        };
    server =
        InProcessServerBuilder.forName(name)
            .executor(executor)
            .addService(ServerInterceptors.intercept(impl, recorder))
            .build()
            .start();
  }

  ManagedChannel newChannel() {
    return InProcessChannelBuilder.forName(name).build();
  }

  /** A client on a fresh in-process channel, with no environment and an empty home. */
  ModalClient.Builder clientBuilder(ManagedChannel channel) {
    return ModalClient.builder()
        .tokenId(TOKEN_ID)
        .tokenSecret(TOKEN_SECRET)
        .environmentVariables(java.util.Map.of())
        .homeDirectory(java.nio.file.Path.of("target", "no-such-home"))
        .channel(channel);
  }

  List<Received> calls(String method) {
    return received.stream().filter(r -> r.method().equals(method)).toList();
  }

  /** A JWT-shaped token with the given expiry (unsigned). */
  static String jwt(Instant exp) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String header = b64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));
    String body =
        b64.encodeToString(
            ("{\"exp\":" + exp.getEpochSecond() + ",\"sub\":\"fake\"}")
                .getBytes(StandardCharsets.UTF_8));
    return header + "." + body + ".c2lnbmF0dXJl";
  }

  @Override
  public void close() throws InterruptedException {
    server.shutdownNow();
    server.awaitTermination(5, TimeUnit.SECONDS);
    executor.shutdownNow();
    executor.awaitTermination(5, TimeUnit.SECONDS);
  }
}
