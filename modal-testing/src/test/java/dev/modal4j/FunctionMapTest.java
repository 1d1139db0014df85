package dev.modal4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modal4j.functions.Function;
import dev.modal4j.functions.FunctionCall;
import dev.modal4j.functions.MapParams;
import dev.modal4j.functions.MapProgress;
import dev.modal4j.functions.MapResult;
import dev.modal4j.testing.RecordedCall;
import dev.modal4j.testing.functions.FunctionSpec;
import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class FunctionMapTest {
  static FunctionsEnv env;
  static final AtomicInteger running = new AtomicInteger();
  static final Set<Long> SEEN = java.util.concurrent.ConcurrentHashMap.newKeySet();
  static final AtomicInteger peakRunning = new AtomicInteger();
  ModalClient modal;

  @BeforeAll
  static void startEmulator() {
    env = new FunctionsEnv();
    env.emulator
        .deploy("map-test")
        .function(
            "every_third_fails",
            (args, kwargs) -> {
              long x = ((Number) args.get(0)).longValue();
              if (x % 3 == 0) {
                throw new IllegalArgumentException("no multiples of three: " + x);
              }
              return x;
            })
        .function(
            "fails_once_per_input",
            (args, kwargs) -> {
              long x = ((Number) args.get(0)).longValue();
              if (SEEN.add(x)) {
                throw new IllegalStateException("first attempt of " + x + " fails");
              }
              return x * 10;
            },
            FunctionSpec.builder()
                .retries(2)
                .retryBackoff(Duration.ofSeconds(1), 1.0, Duration.ofSeconds(1))
                .build())
        .function(
            "slow_identity",
            (args, kwargs) -> {
              int now = running.incrementAndGet();
              peakRunning.accumulateAndGet(now, Math::max);
              try {
                Thread.sleep(5);
                return args.get(0);
              } finally {
                running.decrementAndGet();
              }
            },
            FunctionSpec.builder().maxInputsOutstanding(8).build());
  }

  @AfterAll
  static void stopEmulator() {
    env.close();
  }

  @BeforeEach
  void connect() {
    modal = env.client();
  }

  @AfterEach
  void disconnect() {
    env.faults().clear();
    modal.close();
  }

  private Function fn(String app, String name) {
    return modal.functions().fromName(app, name);
  }

  private static List<Integer> squares(int n) {
    return IntStream.range(0, n).map(i -> i * i).boxed().collect(Collectors.toList());
  }

  @Test
  void orderedMapReturnsEachResultOnceInInputOrder() {
    Function square = fn("modal4j-demo", "square");
    try (Stream<Integer> out = square.map(Integer.class, IntStream.range(0, 2_000).boxed())) {
      assertThat(out.collect(Collectors.toList())).isEqualTo(squares(2_000));
    }
  }

  @Test
  void unorderedMapReturnsExactlyTheResultsEachOnce() {
    Function square = fn("modal4j-demo", "square");
    MapParams unordered = MapParams.builder().orderOutputs(false).build();
    List<Integer> got;
    try (Stream<Integer> out =
        square.map(Integer.class, IntStream.range(0, 2_000).boxed(), unordered)) {
      got = out.collect(Collectors.toList());
    }
    assertThat(got).hasSize(2_000).containsExactlyInAnyOrderElementsOf(squares(2_000));
  }

  @Test
  void starmapAndSharedKwargs() {
    Function add = fn("modal4j-demo", "add");
    List<List<Integer>> pairs = List.of(List.of(1, 2), List.of(3, 4), List.of(5, 6));
    try (Stream<Integer> sums = add.starmap(Integer.class, pairs)) {
      assertThat(sums.collect(Collectors.toList())).containsExactly(3, 7, 11);
    }
    MapParams plusTen = MapParams.builder().kwargs(Map.of("b", 10)).build();
    try (Stream<Integer> out = add.map(Integer.class, List.of(1, 2, 3), plusTen)) {
      assertThat(out.collect(Collectors.toList())).containsExactly(11, 12, 13);
    }
  }

  @Test
  void mapResultsDeliversFailuresInPlace() {
    Function f = fn("map-test", "every_third_fails");
    List<MapResult<Long>> results;
    try (Stream<MapResult<Long>> out =
        f.mapResults(Long.class, IntStream.range(0, 30).boxed(), MapParams.DEFAULT)) {
      results = out.collect(Collectors.toList());
    }
    assertThat(results).hasSize(30);
    for (int i = 0; i < 30; i++) {
      MapResult<Long> r = results.get(i);
      assertThat(r.index()).isEqualTo(i);
      if (i % 3 == 0) {
        assertThat(r.isSuccess()).isFalse();
        assertThat(r.exception()).get().isInstanceOf(RemoteException.class);
        assertThat(r.exception().get().getMessage()).contains("no multiples of three: " + i);
      } else {
        assertThat(r.get()).isEqualTo(i);
      }
    }
  }

  @Test
  void plainMapEndsAtTheFirstFailureAndCancelsTheCall() {
    Function f = fn("map-test", "every_third_fails");
    long cancels = env.count("FunctionCallCancel");
    List<Long> seen = new ArrayList<>();
    assertThatThrownBy(
            () -> {
              // long enough that the map is still running when the failure reaches the reader
              try (Stream<Long> out = f.map(Long.class, IntStream.range(1, 1_000_000).boxed())) {
                out.forEach(seen::add);
              }
            })
        .isInstanceOf(RemoteException.class)
        .hasMessageContaining("no multiples of three: 3");
    assertThat(seen).containsExactly(1L, 2L);
    assertThat(env.count("FunctionCallCancel")).isGreaterThan(cancels);
  }

  @Test
  void neverMoreInputsInFlightThanMaxInputsOutstanding() {
    Function slow = fn("map-test", "slow_identity");
    peakRunning.set(0);
    env.emulator.stats().reset();
    try (Stream<Integer> out = slow.map(Integer.class, IntStream.range(0, 200).boxed())) {
      assertThat(out.collect(Collectors.toList()))
          .isEqualTo(IntStream.range(0, 200).boxed().collect(Collectors.toList()));
    }
    List<RecordedCall> puts = env.emulator.stats().calls("FunctionPutInputs");
    assertThat(puts).hasSize((int) env.count("FunctionPutInputs")); // none dropped from the record
    assertThat(puts)
        .isNotEmpty()
        .allSatisfy(
            c -> assertThat(c.status()).hasValue(Status.Code.OK)); // never RESOURCE_EXHAUSTED
    assertThat(peakRunning.get()).isBetween(2, 8);
  }

  @Test
  void closingTheStreamEarlyCancelsTheCallAndStopsReadingInputs() throws InterruptedException {
    Function sleep = fn("modal4j-demo", "sleep");
    AtomicInteger read = new AtomicInteger();
    AtomicInteger readLimit = new AtomicInteger(Integer.MAX_VALUE);
    CountDownLatch readPastLimit = new CountDownLatch(1);
    Stream<Double> endless =
        Stream.generate(() -> 0.05)
            .peek(
                x -> {
                  if (read.incrementAndGet() > readLimit.get()) {
                    readPastLimit.countDown();
                  }
                });
    long cancels = env.count("FunctionCallCancel");
    List<Double> firstFive;
    try (Stream<Double> out = sleep.map(Double.class, endless, MapParams.DEFAULT)) {
      firstFive = out.limit(5).collect(Collectors.toList());
    }
    assertThat(firstFive).containsExactly(0.05, 0.05, 0.05, 0.05, 0.05);
    assertThat(env.count("FunctionCallCancel")).isEqualTo(cancels + 1);
    int atClose = read.get();
    // read-ahead is bounded by the pipeline's window (10 x max_inputs_outstanding)
    assertThat(atClose).isLessThanOrEqualTo(10_000 + 5 + 1);
    readLimit.set(atClose);
    assertThat(readPastLimit.await(300, TimeUnit.MILLISECONDS))
        .as("an input read after close()")
        .isFalse();
    assertThat(read.get()).isEqualTo(atClose);
  }

  @Test
  void progressListenerSeesEveryInputAndOutput() {
    Function square = fn("modal4j-demo", "square");
    AtomicReference<MapProgress> last = new AtomicReference<>();
    MapParams params = MapParams.builder().progressListener(last::set).build();
    try (Stream<Integer> out = square.map(Integer.class, IntStream.range(0, 500).boxed(), params)) {
      assertThat(out.count()).isEqualTo(500);
    }
    assertThat(last.get().inputsSent()).isEqualTo(500);
    assertThat(last.get().outputsReceived()).isEqualTo(500);
    assertThat(last.get().inputsDone()).isTrue();
    assertThat(last.get().failures()).isZero();
  }

  /** Checks each snapshot against the one before it; calls must not overlap. */
  static final class MonotonicListener implements dev.modal4j.functions.MapProgressListener {
    final AtomicReference<MapProgress> last = new AtomicReference<>();
    final AtomicInteger calls = new AtomicInteger();
    final AtomicInteger inside = new AtomicInteger();
    final ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();

    @Override
    public void onProgress(MapProgress p) {
      if (inside.incrementAndGet() > 1) {
        violations.add("overlapping calls");
      }
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
      inside.decrementAndGet();
    }
  }

  @Test
  void progressNeverGoesDownAndTheFinalSnapshotComesBeforeTheEndUnderFaults() throws Exception {
    env.faults()
        .failRpc("*", 0.05, Status.Code.UNAVAILABLE)
        .throttle("FunctionPutInputs", 0.02, Duration.ofMillis(20))
        .throttle("MapStartOrContinue", 0.02, Duration.ofMillis(20))
        .internalFailureRate(0.03)
        .lostInputRate(0.02);
    int n = 3_000;
    for (String name : List.of("square", "square_ip")) {
      MonotonicListener listener = new MonotonicListener();
      MapParams params = MapParams.builder().orderOutputs(false).progressListener(listener).build();
      MapProgress atEnd;
      long count;
      try (Stream<Integer> out =
          fn("modal4j-demo", name).map(Integer.class, IntStream.range(0, n).boxed(), params)) {
        count = out.count();
        atEnd = listener.last.get();
      }
      assertThat(count).isEqualTo(n);
      assertThat(listener.violations).as(name).isEmpty();
      assertThat(atEnd.inputsSent()).as(name).isEqualTo(n);
      assertThat(atEnd.outputsReceived()).as(name).isEqualTo(n);
      assertThat(atEnd.inputsDone()).as(name).isTrue();
      assertThat(atEnd.retries()).as(name).isPositive();
    }

    // mapAsync: the final snapshot is in when the future completes
    MonotonicListener listener = new MonotonicListener();
    MapParams params = MapParams.builder().progressListener(listener).build();
    CompletableFuture<MapProgress> atCompletion =
        fn("modal4j-demo", "square")
            .mapAsync(
                Integer.class,
                IntStream.range(0, n).boxed().collect(Collectors.toList()),
                params,
                y -> {})
            .thenApply(c -> listener.last.get());
    MapProgress p = atCompletion.get(60, TimeUnit.SECONDS);
    assertThat(listener.violations).isEmpty();
    assertThat(List.of(p.inputsSent(), p.outputsReceived(), p.failures()))
        .containsExactly((long) n, (long) n, 0L);

    // failed inputs: the failure count is final too
    env.faults().clear();
    MonotonicListener failing = new MonotonicListener();
    MapParams withFailures = MapParams.builder().progressListener(failing).build();
    long failed;
    MapProgress last;
    try (Stream<MapResult<Long>> out =
        fn("map-test", "every_third_fails")
            .mapResults(Long.class, LongStream.range(0, 300).boxed(), withFailures)) {
      failed = out.filter(r -> !r.isSuccess()).count();
      last = failing.last.get();
    }
    assertThat(failed).isEqualTo(100);
    assertThat(failing.violations).isEmpty();
    assertThat(last.failures()).isEqualTo(100);
    assertThat(last.outputsReceived()).isEqualTo(300);
  }

  @Test
  void forEachAndMapAsync() throws Exception {
    Function square = fn("modal4j-demo", "square");
    long maps = env.count("FunctionMap");
    square.forEach(List.of(1, 2, 3));
    assertThat(env.count("FunctionMap")).isEqualTo(maps + 1);
    assertThatThrownBy(() -> fn("map-test", "every_third_fails").forEach(List.of(1, 3)))
        .isInstanceOf(RemoteException.class);

    ConcurrentLinkedQueue<Integer> got = new ConcurrentLinkedQueue<>();
    CompletableFuture<Long> done =
        square.mapAsync(Integer.class, List.of(4, 5, 6), MapParams.DEFAULT, got::add);
    assertThat(done.get(20, TimeUnit.SECONDS)).isEqualTo(3);
    assertThat(got).containsExactly(16, 25, 36);
  }

  @Test
  void inputPlaneMapDeliversEveryOutputOnceDespiteLostInputs() {
    Function squareIp = fn("modal4j-demo", "square_ip");
    env.faults().lostInputRate(0.05);
    try (Stream<Integer> out = squareIp.map(Integer.class, IntStream.range(0, 3_000).boxed())) {
      assertThat(out.collect(Collectors.toList())).isEqualTo(squares(3_000));
    }
    assertThat(env.count("MapCheckInputs")).isPositive();
  }

  @Test
  void badInputIsRefusedBeforeAnyRpc() {
    Function square = fn("modal4j-demo", "square");
    long maps = env.count("FunctionMap");
    Object notEncodable = new Object();
    assertThatThrownBy(() -> square.map(Integer.class, List.of(notEncodable)))
        .isInstanceOf(InvalidException.class);
    assertThatThrownBy(() -> fn("modal4j-demo", "web").map(Object.class, List.of(1)))
        .isInstanceOf(InvalidException.class)
        .hasMessageContaining("web endpoint");
    assertThat(env.count("FunctionMap")).isEqualTo(maps);
  }

  @Test
  void everyOutputExactlyOnceUnderInjectedFaults() {
    Function square = fn("modal4j-demo", "square");
    env.faults()
        .failRpc("*", 0.05, Status.Code.UNAVAILABLE)
        .throttle("FunctionPutInputs", 0.02, Duration.ofMillis(50))
        .internalFailureRate(0.02);
    Set<Integer> seen = Collections.synchronizedSet(new HashSet<>());
    int n = 20_000;
    List<Integer> got;
    try (Stream<Integer> out = square.map(Integer.class, IntStream.range(0, n).boxed())) {
      got = out.peek(seen::add).collect(Collectors.toList());
    }
    assertThat(got).isEqualTo(squares(n));
  }

  @Test
  @Timeout(240)
  void hundredThousandInputsUnderAllFaultsArriveOnceAndInOrder() {
    Function squareIp = fn("modal4j-demo", "square_ip");
    env.faults()
        .failRpc("*", 0.05, Status.Code.UNAVAILABLE)
        .throttle("MapStartOrContinue", 0.02, Duration.ofMillis(50))
        .addLatency("MapAwait", Duration.ofMillis(20), 0.05)
        .internalFailureRate(0.02)
        .lostInputRate(0.01);
    int n = 100_000;
    AtomicReference<MapProgress> last = new AtomicReference<>();
    MapParams params = MapParams.builder().progressListener(last::set).build();
    long index = 0;
    try (Stream<Long> out = squareIp.map(Long.class, IntStream.range(0, n).boxed(), params)) {
      for (Long y : (Iterable<Long>) out::iterator) {
        assertThat(y).isEqualTo(index * index);
        index++;
      }
    }
    assertThat(index).isEqualTo(n);
    assertThat(last.get().outputsReceived()).isEqualTo(n);
    assertThat(last.get().retries()).isPositive();
    assertThat(last.get().failures()).isZero();
  }

  @Test
  void spawnMapSubmitsEverythingAndResultsAreReadLaterByIndexOrInOrder() {
    Function square = fn("modal4j-demo", "square");
    long gets = env.count("FunctionGetOutputs");
    FunctionCall<Integer> call = square.spawnMap(Integer.class, List.of(0, 1, 2, 3, 4, 5, 6, 7));
    assertThat(env.count("FunctionFinishInputs")).isPositive();
    assertThat(env.count("FunctionGetOutputs")).isEqualTo(gets); // nothing awaited at submission
    assertThat(call.numInputs()).hasValue(8);
    assertThat(call.get(7)).isEqualTo(49);
    assertThat(call.get(3, Duration.ofSeconds(10))).isEqualTo(9);
    try (Stream<Integer> all = call.results()) {
      assertThat(all.collect(Collectors.toList())).isEqualTo(squares(8));
    }
    FunctionCall<Integer> again =
        modal.functionCalls().fromId(call.functionCallId(), Integer.class);
    assertThat(again.numInputs()).hasValue(8);
    assertThat(again.get(5)).isEqualTo(25);
    assertThatThrownBy(() -> call.get(8)).isInstanceOf(InvalidException.class);
  }

  @Test
  void classMethodsMapLikeFunctions() {
    Function greet =
        modal
            .cls()
            .fromName("modal4j-demo", "Greeter")
            .instance(Map.of("greeting", "Hi"))
            .method("greet");
    try (Stream<String> out = greet.map(String.class, List.of("Ada", "Grace"))) {
      assertThat(out.collect(Collectors.toList())).containsExactly("Hi, Ada!", "Hi, Grace!");
    }
  }

  @Test
  void failedInputsAreRetriedByTheFunctionsRetryPolicy() {
    Function flaky = fn("map-test", "fails_once_per_input");
    long retriesBefore = env.count("FunctionRetryInputs");
    AtomicReference<MapProgress> last = new AtomicReference<>();
    MapParams params = MapParams.builder().progressListener(last::set).build();
    try (Stream<Long> out = flaky.map(Long.class, IntStream.range(0, 40).boxed(), params)) {
      assertThat(out.collect(Collectors.toList()))
          .isEqualTo(LongStream.range(0, 40).map(x -> x * 10).boxed().collect(Collectors.toList()));
    }
    assertThat(last.get().retries()).isEqualTo(40);
    assertThat(env.count("FunctionRetryInputs")).isGreaterThan(retriesBefore);
  }

  @Test
  void closingTheClientDuringAMapEndsTheStreamInsteadOfHanging() {
    ModalClient own = env.client();
    Function sleep = own.functions().fromName("modal4j-demo", "sleep");
    Stream<Double> out = sleep.map(Double.class, Stream.generate(() -> 0.2), MapParams.DEFAULT);
    java.util.Iterator<Double> it = out.iterator();
    assertThat(it.next()).isEqualTo(0.2);
    own.close();
    assertThatThrownBy(
            () -> {
              while (it.hasNext()) {
                it.next();
              }
            })
        .isInstanceOf(ModalException.class);
    out.close();
  }
}
