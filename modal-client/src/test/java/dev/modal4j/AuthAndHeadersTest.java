package dev.modal4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modal4j.apps.App;
import dev.modal4j.internal.ClientVersion;
import dev.modal4j.proto.AuthTokenGetResponse;
import dev.modal4j.proto.DataChunk;
import dev.modal4j.proto.FunctionCallGetDataRequest;
import dev.modal4j.proto.ModalClientGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class AuthAndHeadersTest {
  private FakeModalServer server;
  private ManagedChannel channel;
  private ModalClient client;

  @BeforeEach
  void setUp() throws Exception {
    server = new FakeModalServer();
    channel = server.newChannel();
    client = server.clientBuilder(channel).build();
  }

  @AfterEach
  void tearDown() throws Exception {
    client.close();
    channel.shutdownNow();
    server.close();
  }

  @Test
  void everyCallCarriesIdentityCredentialsAndAuthTokenExceptAuthTokenGet() {
    client.apps().fromName("x");
    FakeModalServer.Received auth = server.calls("AuthTokenGet").get(0);
    FakeModalServer.Received app = server.calls("AppGetOrCreate").get(0);
    for (FakeModalServer.Received r : List.of(auth, app)) {
      assertThat(r.header("x-modal-client-type")).isEqualTo("9");
      assertThat(r.header("x-modal-client-version")).isEqualTo("1.0.0");
      assertThat(r.header("x-modal-libmodal-version"))
          .isEqualTo("modal4j/" + ClientVersion.VERSION);
      assertThat(r.header("x-modal-token-id")).isEqualTo(FakeModalServer.TOKEN_ID);
      assertThat(r.header("x-modal-token-secret")).isEqualTo(FakeModalServer.TOKEN_SECRET);
    }
    assertThat(auth.header("x-modal-auth-token")).isNull();
    assertThat(app.header("x-modal-auth-token")).isEqualTo(server.jwt);
  }

  @Test
  void thirtyTwoConcurrentCallsShareOneAuthTokenGet() throws Exception {
    AtomicReference<StreamObserver<AuthTokenGetResponse>> pending = new AtomicReference<>();
    CountDownLatch authArrived = new CountDownLatch(1);
    server.authHandler =
        (req, obs) -> {
          pending.set(obs);
          authArrived.countDown();
        };
    ExecutorService pool = Executors.newFixedThreadPool(32);
    try {
      CyclicBarrier barrier = new CyclicBarrier(32);
      List<java.util.concurrent.Future<CompletableFuture<App>>> started = new ArrayList<>();
      for (int i = 0; i < 32; i++) {
        String name = "app" + i;
        started.add(
            pool.submit(
                () -> {
                  barrier.await();
                  return client.apps().fromNameAsync(name);
                }));
      }
      List<CompletableFuture<App>> apps = new ArrayList<>();
      for (var f : started) {
        apps.add(f.get(5, TimeUnit.SECONDS));
      }
      assertThat(authArrived.await(5, TimeUnit.SECONDS)).isTrue();
      assertThat(server.calls("AppGetOrCreate")).isEmpty(); // all are waiting for the token
      pending.get().onNext(AuthTokenGetResponse.newBuilder().setToken(server.jwt).build());
      pending.get().onCompleted();
      for (CompletableFuture<App> f : apps) {
        assertThat(f.get(5, TimeUnit.SECONDS).appId()).startsWith("ap-app");
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(server.authTokenGets).hasValue(1);
    assertThat(server.calls("AppGetOrCreate"))
        .hasSize(32)
        .allSatisfy(r -> assertThat(r.header("x-modal-auth-token")).isEqualTo(server.jwt));
  }

  @Test
  void unauthenticatedAuthTokenGetFailsAtOnce() {
    server.authHandler =
        (req, obs) ->
            obs.onError(Status.UNAUTHENTICATED.withDescription("bad token").asException());
    assertThatThrownBy(() -> client.apps().fromName("x"))
        .isInstanceOf(AuthException.class)
        .hasMessageContaining("bad token")
        .satisfies(
            e ->
                assertThat(((ModalException) e).statusCode())
                    .contains(Status.Code.UNAUTHENTICATED));
    assertThat(server.authTokenGets).hasValue(1);
    assertThat(server.calls("AppGetOrCreate")).isEmpty();
  }

  @Test
  void permissionDeniedAuthTokenGetFailsAtOnce() {
    server.authHandler = (req, obs) -> obs.onError(Status.PERMISSION_DENIED.asException());
    assertThatThrownBy(() -> client.apps().fromName("x")).isInstanceOf(AuthException.class);
    assertThat(server.authTokenGets).hasValue(1);
  }

  @Test
  void unavailableAuthTokenGetIsRetriedWithinTheFetch() {
    java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
    server.authHandler =
        (req, obs) -> {
          if (n.incrementAndGet() < 3) {
            obs.onError(Status.UNAVAILABLE.asException());
          } else {
            obs.onNext(AuthTokenGetResponse.newBuilder().setToken(server.jwt).build());
            obs.onCompleted();
          }
        };
    assertThat(client.apps().fromName("x").appId()).isEqualTo("ap-x");
    assertThat(server.authTokenGets).hasValue(3);
    assertThat(server.calls("AppGetOrCreate")).hasSize(1);
  }

  @Test
  void serverStreamsCarryHeadersAndAuthAndMapErrors() throws Exception {
    server.dataOutHandler =
        (req, obs) -> {
          obs.onNext(DataChunk.newBuilder().setIndex(1).build());
          obs.onNext(DataChunk.newBuilder().setIndex(2).build());
          obs.onError(Status.NOT_FOUND.withDescription("gone").asException());
        };
    List<Long> got = new CopyOnWriteArrayList<>();
    CompletableFuture<Throwable> error = new CompletableFuture<>();
    client
        .context()
        .controlPlane()
        .serverStream(
            ModalClientGrpc.getFunctionCallGetDataOutMethod(),
            FunctionCallGetDataRequest.newBuilder().setFunctionCallId("fc-1").build(),
            new StreamObserver<DataChunk>() {
              @Override
              public void onNext(DataChunk value) {
                got.add(value.getIndex());
              }

              @Override
              public void onError(Throwable t) {
                error.complete(t);
              }

              @Override
              public void onCompleted() {
                error.complete(null);
              }
            });
    assertThat(error.get(5, TimeUnit.SECONDS)).isInstanceOf(NotFoundException.class);
    assertThat(got).containsExactly(1L, 2L);
    FakeModalServer.Received r = server.calls("FunctionCallGetDataOut").get(0);
    assertThat(r.header("x-modal-auth-token")).isEqualTo(server.jwt);
    assertThat(r.header("x-modal-token-id")).isEqualTo(FakeModalServer.TOKEN_ID);
    assertThat(r.header("x-modal-client-type")).isEqualTo("9");
  }

  @Test
  void userInterceptorsSeeModalHeaders() throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    io.grpc.ClientInterceptor spy =
        new io.grpc.ClientInterceptor() {
          @Override
          public <Q, R> io.grpc.ClientCall<Q, R> interceptCall(
              io.grpc.MethodDescriptor<Q, R> method,
              io.grpc.CallOptions options,
              io.grpc.Channel next) {
            return new io.grpc.ForwardingClientCall.SimpleForwardingClientCall<>(
                next.newCall(method, options)) {
              @Override
              public void start(Listener<R> listener, io.grpc.Metadata headers) {
                seen.add(
                    method.getBareMethodName()
                        + ":"
                        + headers.get(
                            io.grpc.Metadata.Key.of(
                                "x-modal-client-type", io.grpc.Metadata.ASCII_STRING_MARSHALLER)));
                headers.put(
                    io.grpc.Metadata.Key.of("x-user", io.grpc.Metadata.ASCII_STRING_MARSHALLER),
                    "yes");
                super.start(listener, headers);
              }
            };
          }
        };
    try (ModalClient c = server.clientBuilder(channel).interceptors(spy).build()) {
      c.apps().fromName("y");
    }
    assertThat(seen).contains("AuthTokenGet:9", "AppGetOrCreate:9");
    assertThat(server.calls("AppGetOrCreate").get(0).header("x-user")).isEqualTo("yes");
  }
}
