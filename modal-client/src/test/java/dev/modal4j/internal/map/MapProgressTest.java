package dev.modal4j.internal.map;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modal4j.ModalException;
import dev.modal4j.functions.MapProgress;
import dev.modal4j.functions.MapProgressListener;
import dev.modal4j.functions.MapResult;
import dev.modal4j.proto.FunctionInput;
import dev.modal4j.proto.GenericResult.GenericStatus;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Progress snapshots under concurrency and faults: no count ever goes down, calls never overlap,
 * and the last snapshot, with every count final, arrives before the results end.
 */
@Timeout(120)
class MapProgressTest {

  /** Checks every snapshot against the one before it. */
  static final class CheckingListener implements MapProgressListener {
    final AtomicReference<MapProgress> last = new AtomicReference<>();
    final AtomicInteger calls = new AtomicInteger();
    final AtomicInteger inside = new AtomicInteger();
    final ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();

    @Override
    public void onProgress(MapProgress p) {
      if (inside.incrementAndGet() > 1) {
        violations.add("overlapping listener calls");
      }
      try {
        calls.incrementAndGet();
        MapProgress before = last.getAndSet(p);
        if (before != null
            && (p.inputsSent() < before.inputsSent()
                || p.outputsReceived() < before.outputsReceived()
                || p.retries() < before.retries()
                || p.failures() < before.failures()
                || (before.inputsDone() && !p.inputsDone()))) {
          violations.add(before + " -> " + p);
        }
      } finally {
        inside.decrementAndGet();
      }
    }
  }

  private static MapPipeline<String> pipeline(
      FakeMapBackend backend,
      int n,
      boolean ordered,
      MapProgressListener listener,
      ExecutorService executor,
      ScheduledExecutorService scheduler) {
    InputEncoder enc =
        args -> FunctionInput.newBuilder().setArgs(FakeMapBackend.text(args.get(0))).build();
    OutputDecoder<String> dec =
        out -> {
          if (out.getResult().getStatus() != GenericStatus.GENERIC_STATUS_SUCCESS) {
            throw new ModalException("failed: " + out.getResult().getException());
          }
          return out.getResult().getData().toStringUtf8();
        };
    return new MapPipeline<>(
        backend,
        MapStreams.asArgLists(IntStream.range(0, n).boxed().iterator()),
        enc,
        dec,
        ordered,
        listener,
        executor,
        scheduler);
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void snapshotsNeverGoDownAndTheLastIsFinalBeforeTheResultsEnd(boolean ordered)
      throws InterruptedException {
    for (int round = 0; round < 6; round++) {
      ExecutorService executor = Executors.newCachedThreadPool();
      ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
      int n = 3_000 + round * 7;
      FakeMapBackend backend =
          new FakeMapBackend(
              16 + round * 8,
              round,
              0.05,
              0.05,
              GenericStatus.GENERIC_STATUS_INTERNAL_FAILURE,
              0,
              false);
      CheckingListener listener = new CheckingListener();
      MapPipeline<String> p = pipeline(backend, n, ordered, listener, executor, scheduler);
      p.start();
      List<MapResult<String>> got;
      MapProgress atEnd;
      int callsAtEnd;
      try (Stream<MapResult<String>> s = MapStreams.results(p)) {
        got = s.collect(Collectors.toList());
        atEnd = listener.last.get();
        callsAtEnd = listener.calls.get();
      }
      executor.shutdown();
      scheduler.shutdown();
      assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

      assertThat(got).hasSize(n);
      assertThat(listener.violations).as("round %d", round).isEmpty();
      assertThat(atEnd).as("the last snapshot before the end").isNotNull();
      assertThat(List.of(atEnd.inputsSent(), atEnd.outputsReceived(), atEnd.failures()))
          .as("the last snapshot before the end")
          .containsExactly((long) n, (long) n, 0L);
      assertThat(atEnd.inputsDone()).isTrue();
      assertThat(listener.calls.get()).as("calls after the results ended").isEqualTo(callsAtEnd);
      assertThat(atEnd.retries()).as("retries counted").isEqualTo(backend.retried.get());
    }
  }

  @Test
  void aDuplicatedPolicyFailureIsChargedOnceToTheRetryPolicy() throws InterruptedException {
    ExecutorService executor = Executors.newCachedThreadPool();
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    int n = 200;
    // every first attempt fails and its failure arrives twice; the policy allows one retry
    FakeMapBackend backend =
        new FakeMapBackend(200, 5, 0, 1.0, GenericStatus.GENERIC_STATUS_FAILURE, 1, true);
    CheckingListener listener = new CheckingListener();
    MapPipeline<String> p = pipeline(backend, n, true, listener, executor, scheduler);
    p.start();
    List<MapResult<String>> got;
    try (Stream<MapResult<String>> s = MapStreams.results(p)) {
      got = s.collect(Collectors.toList());
    }
    executor.shutdown();
    scheduler.shutdown();
    assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    assertThat(got.stream().filter(r -> !r.isSuccess()).map(MapResult::index))
        .as("inputs that failed although their one retry succeeded")
        .isEmpty();
    assertThat(backend.retried.get()).isEqualTo(n);
    assertThat(listener.last.get().retries()).isEqualTo(n);
  }

  @Test
  void aDuplicatedInternalFailureIsRetriedAndCountedOnce() throws InterruptedException {
    ExecutorService executor = Executors.newCachedThreadPool();
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    int n = 2_000;
    FakeMapBackend backend =
        new FakeMapBackend(100, 9, 0, 1.0, GenericStatus.GENERIC_STATUS_INTERNAL_FAILURE, 0, true);
    CheckingListener listener = new CheckingListener();
    MapPipeline<String> p = pipeline(backend, n, false, listener, executor, scheduler);
    p.start();
    List<MapResult<String>> got;
    try (Stream<MapResult<String>> s = MapStreams.results(p)) {
      got = s.collect(Collectors.toList());
    }
    executor.shutdown();
    scheduler.shutdown();
    assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    assertThat(got).allMatch(MapResult::isSuccess).hasSize(n);
    assertThat(backend.retried.get()).isEqualTo(n);
    assertThat(listener.last.get().retries()).isEqualTo(n);
    assertThat(backend.retriedAfterSuccess.get()).isZero();
  }
}
