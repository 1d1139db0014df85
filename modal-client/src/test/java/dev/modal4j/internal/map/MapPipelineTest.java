package dev.modal4j.internal.map;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modal4j.functions.MapProgress;
import dev.modal4j.functions.MapResult;
import dev.modal4j.proto.FunctionInput;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class MapPipelineTest {
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void stop() throws InterruptedException {
    executor.shutdownNow();
    scheduler.shutdownNow();
    assertThat(executor.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
  }

  private MapPipeline<String> pipeline(
      FakeMapBackend backend,
      Iterator<List<?>> inputs,
      boolean ordered,
      AtomicReference<MapProgress> last) {
    InputEncoder enc =
        args -> FunctionInput.newBuilder().setArgs(FakeMapBackend.text(args.get(0))).build();
    OutputDecoder<String> dec = out -> out.getResult().getData().toStringUtf8();
    return new MapPipeline<>(backend, inputs, enc, dec, ordered, last::set, executor, scheduler);
  }

  private static Iterator<List<?>> ints(int n) {
    return MapStreams.asArgLists(IntStream.range(0, n).boxed().iterator());
  }

  @Test
  void orderedResultsAreEveryInputOnceInOrderDespiteFailuresAndDuplicates() {
    FakeMapBackend backend = new FakeMapBackend(100, 7, 0.05);
    AtomicReference<MapProgress> progress = new AtomicReference<>();
    MapPipeline<String> p = pipeline(backend, ints(20_000), true, progress);
    p.start();
    List<String> got;
    try (Stream<String> s = MapStreams.values(p)) {
      got = s.collect(Collectors.toList());
    }
    assertThat(got)
        .containsExactlyElementsOf(
            IntStream.range(0, 20_000).mapToObj(String::valueOf).collect(Collectors.toList()));
    assertThat(backend.retried.get()).isGreaterThan(0);
    assertThat(backend.maxSeen.get()).isLessThanOrEqualTo(100);
    assertThat(backend.cancelled).isFalse();
    assertThat(progress.get().outputsReceived()).isEqualTo(20_000);
    assertThat(progress.get().inputsDone()).isTrue();
  }

  @Test
  void unorderedResultsAreEveryInputExactlyOnce() {
    FakeMapBackend backend = new FakeMapBackend(64, 11, 0.05);
    MapPipeline<String> p = pipeline(backend, ints(10_000), false, new AtomicReference<>());
    p.start();
    List<MapResult<String>> got;
    try (Stream<MapResult<String>> s = MapStreams.results(p)) {
      got = s.collect(Collectors.toList());
    }
    assertThat(got).hasSize(10_000);
    assertThat(got.stream().map(MapResult::index).distinct().count()).isEqualTo(10_000);
    assertThat(got).allMatch(r -> r.get().equals(String.valueOf(r.index())));
  }

  @Test
  void closingEarlyCancelsTheCallAndStopsReadingInputs() throws InterruptedException {
    FakeMapBackend backend = new FakeMapBackend(50, 3, 0.0);
    AtomicInteger read = new AtomicInteger();
    Iterator<List<?>> counting =
        MapStreams.asArgLists(
            Stream.iterate(0, i -> i + 1).peek(i -> read.incrementAndGet()).iterator());
    MapPipeline<String> p = pipeline(backend, counting, true, new AtomicReference<>());
    p.start();
    List<String> firstTen = new ArrayList<>();
    try (Stream<String> s = MapStreams.values(p)) {
      s.limit(10).forEach(firstTen::add);
    }
    assertThat(firstTen).containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    assertThat(backend.cancelled).isTrue();
    int readAtClose = read.get();
    // read-ahead is bounded by the window (at least 1,000 inputs), not by the stream's length
    assertThat(readAtClose).isLessThanOrEqualTo(1_000 + 10 + 1);
    // once every pipeline thread has ended, nothing can read another input; close() does not
    // wait for the pump (a caller's iterator may block), so one read already under way when the
    // stream closed may still finish, but no new read starts
    executor.shutdown();
    assertThat(executor.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    assertThat(read.get()).isBetween(readAtClose, readAtClose + 1);
  }

  @Test
  void emptyInputFinishesWithoutResults() {
    FakeMapBackend backend = new FakeMapBackend(10, 1, 0.0);
    MapPipeline<String> p = pipeline(backend, ints(0), true, new AtomicReference<>());
    p.start();
    try (Stream<String> s = MapStreams.values(p)) {
      assertThat(s.count()).isZero();
    }
    assertThat(backend.cancelled).isFalse();
  }
}
