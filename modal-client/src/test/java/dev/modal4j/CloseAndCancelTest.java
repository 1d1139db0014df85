package dev.modal4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modal4j.apps.App;
import dev.modal4j.internal.Futures;
import dev.modal4j.proto.AppGetOrCreateRequest;
import dev.modal4j.proto.AppGetOrCreateResponse;
import dev.modal4j.proto.ModalClientGrpc;
import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class CloseAndCancelTest {
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
  void callsAfterCloseFailWithClientClosed() throws Exception {
    client.apps().fromName("a");
    client.close();
    client.close(); // idempotent
    assertThatThrownBy(() -> client.apps().fromName("a")).isInstanceOf(ClientClosedException.class);
    assertThat(client.apps().fromNameAsync("a"))
        .failsWithin(1, TimeUnit.SECONDS)
        .withThrowableOfType(ExecutionException.class)
        .withCauseInstanceOf(ClientClosedException.class);
    assertThatThrownBy(() -> client.context().controlPlane())
        .isInstanceOf(ClientClosedException.class);
    assertThat(channel.isShutdown()).as("a supplied channel is not closed").isFalse();
  }

  @Test
  void closeAbortsCallsInFlight() throws Exception {
    CountDownLatch arrived = new CountDownLatch(1);
    server.appHandler = (req, obs) -> arrived.countDown(); // never answers
    CompletableFuture<App> pending = client.apps().fromNameAsync("slow");
    assertThat(arrived.await(5, TimeUnit.SECONDS)).isTrue();
    client.close();
    assertThat(pending)
        .failsWithin(2, TimeUnit.SECONDS)
        .withThrowableOfType(ExecutionException.class)
        .withCauseInstanceOf(ClientClosedException.class);
  }

  @Test
  void closeStopsPendingRetries() throws Exception {
    CountDownLatch firstAttempt = new CountDownLatch(1);
    AtomicBoolean failedOnClose = new AtomicBoolean();
    CountDownLatch attemptAfterClose = new CountDownLatch(1);
    server.appHandler =
        (req, obs) -> {
          if (failedOnClose.get()) {
            attemptAfterClose.countDown();
          }
          firstAttempt.countDown();
          obs.onError(Status.UNAVAILABLE.asException());
        };
    CompletableFuture<App> pending = client.apps().fromNameAsync("x");
    assertThat(firstAttempt.await(5, TimeUnit.SECONDS)).isTrue();
    client.close();
    assertThat(pending)
        .failsWithin(2, TimeUnit.SECONDS)
        .withThrowableOfType(ExecutionException.class)
        .withCauseInstanceOf(ClientClosedException.class);
    failedOnClose.set(true);
    // Longer than the 100-200 ms backoff: a retry still scheduled would arrive by then.
    assertThat(attemptAfterClose.await(500, TimeUnit.MILLISECONDS))
        .as("an attempt after close()")
        .isFalse();
  }

  @Test
  void cancellingTheFutureCancelsTheCallAndStopsRetries() throws Exception {
    CountDownLatch cancelled = new CountDownLatch(1);
    CountDownLatch secondAttempt = new CountDownLatch(1);
    CountDownLatch thirdAttempt = new CountDownLatch(1);
    AtomicInteger attempts = new AtomicInteger();
    server.appHandler =
        (AppGetOrCreateRequest req, StreamObserver<AppGetOrCreateResponse> obs) -> {
          int attempt = attempts.incrementAndGet();
          if (attempt == 1) {
            obs.onError(Status.UNAVAILABLE.asException()); // first attempt: retry
            return;
          }
          Context.current().addListener(c -> cancelled.countDown(), Runnable::run);
          if (attempt == 2) {
            secondAttempt.countDown();
          } else {
            thirdAttempt.countDown();
          }
        };
    CompletableFuture<AppGetOrCreateResponse> f =
        client
            .context()
            .controlPlane()
            .unary(
                ModalClientGrpc.getAppGetOrCreateMethod(),
                AppGetOrCreateRequest.getDefaultInstance());
    assertThat(secondAttempt.await(5, TimeUnit.SECONDS)).as("the retry arrived").isTrue();
    f.cancel(true);
    assertThat(cancelled.await(5, TimeUnit.SECONDS)).as("server saw the cancellation").isTrue();
    assertThat(thirdAttempt.await(300, TimeUnit.MILLISECONDS))
        .as("an attempt after cancel()")
        .isFalse();
    assertThat(attempts).hasValue(2);
  }

  @Test
  void joinOnAnInterruptedThreadCancelsAndRestoresTheFlag() throws Exception {
    server.appHandler = (req, obs) -> {}; // never answers
    CompletableFuture<App> f = client.apps().fromNameAsync("x");
    Thread.currentThread().interrupt();
    assertThatThrownBy(() -> Futures.join(f))
        .isInstanceOf(ModalException.class)
        .hasCauseInstanceOf(InterruptedException.class);
    assertThat(Thread.interrupted()).isTrue();
    assertThat(f).isCancelled();
  }
}
