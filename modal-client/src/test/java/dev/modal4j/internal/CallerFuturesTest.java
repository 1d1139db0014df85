package dev.modal4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class CallerFuturesTest {
  private final ExecutorService callerPool =
      Executors.newSingleThreadExecutor(r -> new Thread(r, "caller-pool"));

  @AfterEach
  void stop() {
    callerPool.shutdownNow();
  }

  @Test
  void theCopyCompletesOnTheCallerExecutor() throws Exception {
    CompletableFuture<String> source = new CompletableFuture<>();
    CompletableFuture<String> copy = CallerFutures.hand(callerPool, source);
    AtomicReference<String> thread = new AtomicReference<>();
    CompletableFuture<String> after =
        copy.thenApply(
            v -> {
              thread.set(Thread.currentThread().getName());
              return v + "!";
            });
    source.complete("x");
    assertThat(after.get(5, TimeUnit.SECONDS)).isEqualTo("x!");
    assertThat(thread.get()).isEqualTo("caller-pool");
  }

  @Test
  void finishingTheCopyEarlyCancelsTheSourceAndNeverCompletesIt() {
    CompletableFuture<String> source = new CompletableFuture<>();
    CompletableFuture<String> copy = CallerFutures.hand(callerPool, source);
    copy.complete("bogus");
    assertThat(source.isCancelled()).isTrue();

    CompletableFuture<String> source2 = new CompletableFuture<>();
    CompletableFuture<String> timedOut =
        CallerFutures.hand(callerPool, source2).orTimeout(50, TimeUnit.MILLISECONDS);
    assertThat(timedOut).failsWithin(5, TimeUnit.SECONDS);
    assertThat(source2.isCancelled()).isTrue();
    assertThat(timedOut.handle((v, e) -> e).join()).isInstanceOf(TimeoutException.class);
  }

  @Test
  void tamperingAfterCompletionChangesOnlyTheCopy() throws Exception {
    CompletableFuture<String> source = new CompletableFuture<>();
    CompletableFuture<String> copy = CallerFutures.hand(callerPool, source);
    source.complete("real");
    assertThat(copy.get(5, TimeUnit.SECONDS)).isEqualTo("real");
    copy.obtrudeValue("bogus");
    copy.obtrudeException(new IllegalStateException("bogus"));
    assertThat(source.join()).isEqualTo("real");
    assertThat(source.isCancelled()).isFalse();
    assertThat(CallerFutures.hand(callerPool, source).join()).isEqualTo("real");
  }

  @Test
  void blockingOnTheCopyFromTheOnlyCallerThreadDoesNotDeadlock() throws Exception {
    CompletableFuture<String> source = new CompletableFuture<>();
    CountDownLatch blocked = new CountDownLatch(1);
    CompletableFuture<String> seen = new CompletableFuture<>();
    callerPool.execute(
        () -> {
          CompletableFuture<String> copy = CallerFutures.hand(callerPool, source);
          blocked.countDown();
          seen.complete(copy.join()); // the hand-over task is queued behind this one
        });
    assertThat(blocked.await(5, TimeUnit.SECONDS)).isTrue();
    source.complete("done");
    assertThat(seen.get(5, TimeUnit.SECONDS)).isEqualTo("done");
  }

  @Test
  void aRejectingExecutorStillCompletesTheCopy() throws Exception {
    callerPool.shutdown();
    CompletableFuture<String> source = new CompletableFuture<>();
    CompletableFuture<String> copy = CallerFutures.hand(callerPool, source);
    source.completeExceptionally(new IllegalStateException("boom"));
    assertThat(copy.isCompletedExceptionally()).isTrue();
  }
}
