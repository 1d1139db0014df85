package dev.modal4j.internal.map;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modal4j.internal.map.MapItem.State;
import dev.modal4j.internal.map.MapItem.Verdict;
import dev.modal4j.proto.FunctionInput;
import dev.modal4j.proto.FunctionRetryPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The item state machine under the races of the pipeline's threads: the poller, the put sender, the
 * retry sender and the lost-input check act on one item at the same moment, many times over.
 */
@Timeout(120)
class MapItemRaceTest {
  private static final int ROUNDS = 5_000;
  private static final FunctionRetryPolicy POLICY =
      FunctionRetryPolicy.newBuilder().setRetries(3).setInitialDelayMs(1).build();
  private final ExecutorService pool = Executors.newFixedThreadPool(3);

  @AfterEach
  void stop() throws InterruptedException {
    pool.shutdownNow();
    assertThat(pool.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
  }

  private static MapItem item() {
    return new MapItem(0, FunctionInput.getDefaultInstance());
  }

  /** Runs the tasks at once (as near as a start gate gets) and returns their results in order. */
  private List<Object> race(List<Callable<Object>> tasks) throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    List<Future<Object>> futures = new ArrayList<>();
    for (Callable<Object> task : tasks) {
      futures.add(
          pool.submit(
              () -> {
                gate.await();
                return task.call();
              }));
    }
    gate.countDown();
    List<Object> out = new ArrayList<>();
    for (Future<Object> f : futures) {
      out.add(f.get(10, TimeUnit.SECONDS));
    }
    return out;
  }

  @Test
  void afterCompletionNoOtherReportChangesTheItem() {
    // the interleavings the old code lost a completion to, one after the other
    MapItem a = item();
    a.sent("jwt", 0);
    int attempt = a.runningAttempt();
    assertThat(a.complete(attempt)).isTrue();
    assertThat(a.lost(attempt)).as("a lost report read before completion").isEqualTo(Verdict.STALE);
    assertThat(a.failed(attempt, true, POLICY)).isEqualTo(Verdict.STALE);
    assertThat(a.beginRetry()).isFalse();
    assertThat(a.complete(attempt)).as("a duplicated output").isFalse();
    assertThat(a.state()).isEqualTo(State.COMPLETE);

    MapItem b = item();
    assertThat(b.complete(0)).as("the output overtakes the put's response").isTrue();
    assertThat(b.sent("jwt", 0)).isNull();
    assertThat(b.state()).isEqualTo(State.COMPLETE);
  }

  @Test
  void aCompletedItemStaysCompleteWhateverRacesIt() throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      MapItem item = item();
      // the output overtakes the put's response; a lost report arrives at the same moment
      List<Object> r =
          race(
              List.of(
                  () -> item.sent("jwt", System.nanoTime()),
                  () -> item.complete(0),
                  () -> item.lost(0)));
      assertThat(r.get(1))
          .as("round %d: the only final output completes the item", round)
          .isEqualTo(true);
      assertThat(item.state()).as("round %d", round).isEqualTo(State.COMPLETE);
      assertThat(item.beginRetry())
          .as("round %d: a complete item is never resubmitted", round)
          .isFalse();
    }
  }

  @Test
  void theOutputThatOvertakesThePutsResponseCompletesTheItemForGood() throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      MapItem item = item();
      List<Object> r =
          race(List.of(() -> item.sent("jwt", System.nanoTime()), () -> item.complete(0)));
      assertThat(r.get(1)).isEqualTo(true);
      assertThat(item.state()).as("round %d", round).isEqualTo(State.COMPLETE);
    }
  }

  @Test
  void oneFailedAttemptLeadsToOneRetryHoweverOftenItIsReported() throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      MapItem item = item();
      item.sent("jwt", System.nanoTime());
      // the failure arrives twice (a duplicated output) while the lost check reports it too
      List<Object> r =
          race(
              List.of(
                  () -> item.failed(0, true, POLICY),
                  () -> item.failed(0, true, POLICY),
                  () -> item.lost(0)));
      long retries = r.stream().filter(v -> v == Verdict.RETRY || v == Verdict.DEFERRED).count();
      assertThat(retries).as("round %d: %s", round, r).isEqualTo(1);
      assertThat(item.systemRetries()).as("round %d", round).isEqualTo(1);
      assertThat(item.state()).isEqualTo(State.WAITING_TO_RETRY);
    }
  }

  @Test
  void aLateOutputAndTheResubmissionOfTheSameAttemptExcludeEachOther() throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      MapItem item = item();
      item.sent("jwt", System.nanoTime());
      assertThat(item.lost(0)).isEqualTo(Verdict.RETRY);
      // the attempt reported lost delivers its output after all, as the retry sender takes it
      List<Object> r = race(List.of(() -> item.complete(0), item::beginRetry));
      assertThat(r).as("round %d: exactly one wins", round).containsExactlyInAnyOrder(true, false);
      if ((Boolean) r.get(0)) {
        assertThat(item.state()).isEqualTo(State.COMPLETE);
        assertThat(item.retryCount()).isZero();
      } else {
        assertThat(item.state()).isEqualTo(State.RETRYING);
        assertThat(item.retryCount()).isEqualTo(1);
      }
    }
  }

  @Test
  void aFailureThatOvertakesTheResubmissionsResponseIsRetriedOnceItIsIn() throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      MapItem item = item();
      item.sent("jwt-0", System.nanoTime());
      item.failed(0, false, POLICY);
      assertThat(item.beginRetry()).isTrue();
      // the new attempt's failure (twice) races the resubmission's response
      List<Object> r =
          race(
              List.of(
                  () -> item.sent("jwt-1", System.nanoTime()),
                  () -> item.failed(1, false, POLICY),
                  () -> item.failed(1, false, POLICY)));
      long retryNow = r.stream().filter(v -> v == Verdict.RETRY).count();
      long deferred = r.stream().filter(v -> v == Verdict.DEFERRED).count();
      boolean sentReturnedTheDeferredRetry = r.get(0) != null;
      assertThat(retryNow + deferred).as("round %d: %s", round, r).isEqualTo(1);
      assertThat(sentReturnedTheDeferredRetry)
          .as("round %d: %s", round, r)
          .isEqualTo(deferred == 1);
      assertThat(item.state()).as("round %d: %s", round, r).isEqualTo(State.WAITING_TO_RETRY);
      assertThat(item.token()).isEqualTo("jwt-1");
    }
  }
}
