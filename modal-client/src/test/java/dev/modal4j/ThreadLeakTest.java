package dev.modal4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modal4j.proto.AppGetOrCreateRequest;
import dev.modal4j.proto.AppGetOrCreateResponse;
import dev.modal4j.proto.AuthTokenGetRequest;
import dev.modal4j.proto.AuthTokenGetResponse;
import dev.modal4j.proto.ModalClientGrpc;
import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A client talking over real Netty sockets, after 10,000 calls, gives back every thread it made on
 * close().
 */
@Timeout(120)
class ThreadLeakTest {
  private static final int CALLS = 10_000;
  private static final int IN_FLIGHT = 128;

  private EventLoopGroup boss;
  private EventLoopGroup workers;
  private Server server;

  @BeforeEach
  void startServer() throws Exception {
    boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    workers = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    String jwt = FakeModalServer.jwt(Instant.now().plusSeconds(3600));
    server =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
            .bossEventLoopGroup(boss)
            .workerEventLoopGroup(workers)
            .channelType(NioServerSocketChannel.class)
            .directExecutor()
            .addService(
                new ModalClientGrpc.ModalClientImplBase() {
                  @Override
                  public void authTokenGet(
                      AuthTokenGetRequest r, StreamObserver<AuthTokenGetResponse> o) {
                    o.onNext(AuthTokenGetResponse.newBuilder().setToken(jwt).build());
                    o.onCompleted();
                  }

                  @Override
                  public void appGetOrCreate(
                      AppGetOrCreateRequest r, StreamObserver<AppGetOrCreateResponse> o) {
                    o.onNext(AppGetOrCreateResponse.newBuilder().setAppId("ap-1").build());
                    o.onCompleted();
                  }
                })
            .build()
            .start();
    // Start the server's event loop threads now, so they are part of the baseline.
    boss.submit(() -> {}).sync();
    workers.submit(() -> {}).sync();
  }

  @AfterEach
  void stopServer() throws Exception {
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
  }

  private ModalClient newClient() {
    return ModalClient.builder()
        .tokenId("ak-t")
        .tokenSecret("as-t")
        .serverUrl("http://127.0.0.1:" + server.getPort())
        .environmentVariables(Map.of())
        .homeDirectory(java.nio.file.Path.of("target", "no-such-home"))
        .build();
  }

  @Test
  void closeReturnsTheThreadSetToTheBaselineAfterTenThousandCalls() throws Exception {
    // Counted as a set, not a number: threads of earlier tests that end meanwhile must not hide
    // a thread this client left behind.
    Set<Thread> before = liveThreads();
    ModalClient client = newClient();
    for (int i = 0; i < 10; i++) {
      assertThat(client.apps().fromName("app" + i).appId()).isEqualTo("ap-1");
    }
    // 10,000 calls, up to IN_FLIGHT at a time: every pool, timer and stream the client grows
    // under load must be given back by close() too.
    Semaphore inFlight = new Semaphore(IN_FLIGHT);
    AtomicInteger ok = new AtomicInteger();
    AtomicReference<Throwable> firstFailure = new AtomicReference<>();
    CountDownLatch done = new CountDownLatch(CALLS);
    for (int i = 0; i < CALLS; i++) {
      inFlight.acquire();
      client
          .apps()
          .fromNameAsync("app" + i)
          .whenComplete(
              (app, error) -> {
                if (error != null) {
                  firstFailure.compareAndSet(null, error);
                } else if ("ap-1".equals(app.appId())) {
                  ok.incrementAndGet();
                }
                inFlight.release();
                done.countDown();
              });
    }
    assertThat(done.await(60, TimeUnit.SECONDS)).as("all calls finished").isTrue();
    assertThat(firstFailure.get()).as("first failure").isNull();
    assertThat(ok.get()).isEqualTo(CALLS);
    AppGetOrCreateResponse viaInputPlane =
        dev.modal4j.internal.Futures.join(
            client
                .context()
                .inputPlane("http://localhost:" + server.getPort())
                .unary(
                    ModalClientGrpc.getAppGetOrCreateMethod(),
                    AppGetOrCreateRequest.getDefaultInstance()));
    assertThat(viaInputPlane.getAppId()).isEqualTo("ap-1");
    List<Thread> clientThreads = started(before);
    assertThat(clientThreads).as("the client's own threads while it is open").isNotEmpty();
    client.close();
    // Wait on the threads' own termination (join), with one deadline for all of them.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    for (Thread t : clientThreads) {
      long left = deadline - System.nanoTime();
      if (left > 0) {
        t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
      }
    }
    // Netty's JVM-wide GlobalEventExecutor may have started its one thread during close (channel
    // shutdown listeners); it is not the client's and ends itself after a second without work.
    // Wait for that, so the check below still sees every thread the client left running.
    io.netty.util.concurrent.GlobalEventExecutor.INSTANCE.awaitInactivity(10, TimeUnit.SECONDS);
    assertThat(names(started(before)))
        .as("threads started since the baseline, after close()")
        .isEmpty();
  }

  private static Set<Thread> liveThreads() {
    Set<Thread> live = new HashSet<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.isAlive()) {
        live.add(t);
      }
    }
    return live;
  }

  private static List<Thread> started(Set<Thread> before) {
    List<Thread> threads = new ArrayList<>();
    for (Thread t : liveThreads()) {
      if (!before.contains(t)) {
        threads.add(t);
      }
    }
    return threads;
  }

  private static List<String> names(List<Thread> threads) {
    List<String> names = new ArrayList<>();
    for (Thread t : threads) {
      names.add(t.getName());
    }
    return names;
  }
}
