package dev.modal4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modal4j.functions.Function;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class FunctionReliabilityTest {
  static FunctionsEnv env;
  ModalClient modal;

  @BeforeAll
  static void startEmulator() {
    env = new FunctionsEnv();
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

  private Function fn(String name) {
    return modal.functions().fromName("modal4j-demo", name);
  }

  private long count(String rpc) {
    return env.count(rpc);
  }

  @Test
  void internalFailureOnFirstAttemptIsRetriedOnce() {
    Function square = fn("square");
    env.faults().internalFailureRate(1.0); // first attempts only
    long retries = count("FunctionRetryInputs");
    assertThat(square.remote(Integer.class, 11)).isEqualTo(121);
    assertThat(count("FunctionRetryInputs") - retries).isEqualTo(1);
  }

  @Test
  void internalFailureOnTheInputPlaneIsRetriedWithAttemptRetry() {
    Function square = fn("square_ip");
    env.faults().internalFailureRate(1.0); // first attempts only
    long retries = count("AttemptRetry");
    assertThat(square.remote(Integer.class, 5)).isEqualTo(25);
    assertThat(count("AttemptRetry") - retries).isEqualTo(1);
  }

  @Test
  void generatorYieldsItemsInOrder() {
    try (Stream<Integer> items = fn("countdown").remoteGen(Integer.class, 5)) {
      assertThat(items.collect(Collectors.toList())).containsExactly(5, 4, 3, 2, 1);
    }
  }

  @Test
  void droppedGeneratorStreamsResumeWithoutLossOrRepetition() {
    Function countdown = fn("countdown");
    env.faults().dropStreamRate(1.0); // every stream ends with UNAVAILABLE after 1-3 items
    long streams = count("FunctionCallGetDataOut");
    List<Long> got;
    try (Stream<Long> items = countdown.remoteGen(Long.class, 200)) {
      got = items.collect(Collectors.toList());
    }
    List<Long> expected = LongStream.iterate(200, i -> i - 1).limit(200).boxed().toList();
    assertThat(got).isEqualTo(expected);
    assertThat(count("FunctionCallGetDataOut") - streams).isGreaterThan(50);
  }

  @Test
  void asyncGeneratorDeliversEachItemToTheCallback() throws Exception {
    List<Integer> seen = new CopyOnWriteArrayList<>();
    long n = fn("countdown").remoteGenAsync(Integer.class, seen::add, 4).get(10, TimeUnit.SECONDS);
    assertThat(n).isEqualTo(4);
    assertThat(seen).containsExactly(4, 3, 2, 1);
  }

  @Test
  void closingAGeneratorStreamEarlyCancelsTheCall() {
    long cancels = count("FunctionCallCancel");
    List<Long> firstTwo = new ArrayList<>();
    try (Stream<Long> items = fn("countdown").remoteGen(Long.class, 1000)) {
      items.limit(2).forEach(firstTwo::add);
    }
    assertThat(firstTwo).containsExactly(1000L, 999L);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (count("FunctionCallCancel") == cancels && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(count("FunctionCallCancel") - cancels).isEqualTo(1);
  }

  @Test
  void generatorsAreRefusedByRemoteAndPlainFunctionsByRemoteGen() {
    assertThatThrownBy(() -> fn("countdown").remote(Object.class, 3))
        .isInstanceOf(InvalidException.class)
        .hasMessageContaining("remoteGen");
    assertThatThrownBy(() -> fn("square").remoteGen(Object.class, 3).count())
        .isInstanceOf(InvalidException.class)
        .hasMessageContaining("not a generator");
  }
}
