package dev.modal4j.queues;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.modal4j.DeserializationException;
import dev.modal4j.InvalidException;
import dev.modal4j.NotFoundException;
import dev.modal4j.PyTuple;
import dev.modal4j.QueueEmptyException;
import dev.modal4j.QueueFullException;
import dev.modal4j.testing.queues.QueueLimits;
import java.math.BigInteger;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class QueueTest {
  private static final Duration EVENT = Duration.ofSeconds(10);

  private ObjectsEnv env;
  private Queues queues;

  @BeforeEach
  void start() {
    env = new ObjectsEnv();
    queues = env.modal.queues();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  private static QueueGetParams within(Duration d) {
    return QueueGetParams.builder().timeout(d).build();
  }

  private static QueueGetParams within(Duration d, String partition) {
    return QueueGetParams.builder().timeout(d).partition(partition).build();
  }

  record Job(String name, List<Integer> steps, Map<String, Double> weights) {}

  @Test
  void valuesOfEveryKindComeBackTypedAndUntyped() {
    try (Queue q = queues.ephemeral()) {
      Map<String, Object> nested = new LinkedHashMap<>();
      nested.put("ints", List.of(40000, 1L << 40, BigInteger.ONE.shiftLeft(70)));
      nested.put("t", PyTuple.of(1, "\u00e9t\u00e9"));
      nested.put("b", new byte[] {0, 1, (byte) 255});
      nested.put("none", null);
      q.putMany(List.of(nested, new Job("build", List.of(1, 2), Map.of("cpu", 0.5)), "x"));

      Object first = q.get(Object.class, within(Duration.ofSeconds(5)));
      assertThat(first).isInstanceOf(Map.class);
      Map<?, ?> m = (Map<?, ?>) first;
      assertThat(m.get("ints")).isEqualTo(List.of(40000L, 1L << 40, BigInteger.ONE.shiftLeft(70)));
      assertThat(m.get("t")).isEqualTo(PyTuple.of(1L, "\u00e9t\u00e9"));
      assertThat((byte[]) m.get("b")).containsExactly(0, 1, 255);
      assertThat(m.containsKey("none")).isTrue();
      assertThat(m.get("none")).isNull();

      Job job = q.get(Job.class, within(Duration.ofSeconds(5)));
      assertThat(job).isEqualTo(new Job("build", List.of(1, 2), Map.of("cpu", 0.5)));
      assertThatThrownBy(() -> q.get(Integer.class, within(Duration.ofSeconds(5))))
          .isInstanceOf(DeserializationException.class);
      assertThat(q.len()).isZero();
    }
  }

  @Test
  void aBlockingGetIsParkedAndWokenByALaterPut() throws Exception {
    try (Queue q = queues.ephemeral()) {
      CompletableFuture<String> got = q.getAsync(String.class, QueueGetParams.DEFAULT);
      ObjectsEnv.await(
          () -> env.emulator.queues().parkedCalls(q.queueId()) == 1, EVENT, "the get is parked");
      assertThat(got).isNotDone();
      q.put("wake up");
      assertThat(got.get(10, TimeUnit.SECONDS)).isEqualTo("wake up");
      assertThat(env.emulator.queues().parkedCalls(q.queueId())).isZero();
    }
  }

  @Test
  void aGetWithATimeoutThrowsQueueEmpty() {
    try (Queue q = queues.ephemeral()) {
      long start = System.nanoTime();
      assertThatThrownBy(() -> q.get(String.class, within(Duration.ofMillis(300))))
          .isInstanceOf(QueueEmptyException.class)
          .hasMessageContaining(q.queueId());
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isGreaterThanOrEqualTo(Duration.ofMillis(300));
      assertThatThrownBy(() -> q.getMany(5, String.class, within(Duration.ZERO)))
          .isInstanceOf(QueueEmptyException.class);
    }
  }

  @Test
  void cancellingAParkedGetEndsTheCallOnTheServer() {
    try (Queue q = queues.ephemeral()) {
      CompletableFuture<String> got = q.getAsync(String.class, QueueGetParams.DEFAULT);
      ObjectsEnv.await(
          () -> env.emulator.queues().parkedCalls(q.queueId()) == 1, EVENT, "the get is parked");
      got.cancel(true);
      ObjectsEnv.await(
          () -> env.emulator.queues().parkedCalls(q.queueId()) == 0, EVENT, "the get is gone");
      q.put("kept");
      assertThat(q.len()).isEqualTo(1);
    }
  }

  @Test
  void getManyTakesUpToNInOrder() {
    try (Queue q = queues.ephemeral()) {
      q.putMany(List.of(1, 2, 3, 4, 5));
      assertThat(q.getMany(3, Integer.class, within(Duration.ofSeconds(5))))
          .containsExactly(1, 2, 3);
      assertThat(q.len()).isEqualTo(2);
      assertThat(q.getMany(10, new TypeReference<Long>() {}, within(Duration.ofSeconds(5))))
          .containsExactly(4L, 5L);
    }
  }

  @Test
  void partitionsAreIndependentAndClearedOneByOneOrAll() {
    try (Queue q = queues.ephemeral()) {
      q.put("d");
      q.putMany(List.of("a1", "a2"), QueuePutParams.builder().partition("a").build());
      q.put("b1", QueuePutParams.builder().partition("b").build());
      assertThat(q.len()).isEqualTo(1);
      assertThat(q.len(QueueLenParams.builder().partition("a").build())).isEqualTo(2);
      assertThat(q.len(QueueLenParams.builder().total(true).build())).isEqualTo(4);
      assertThat(q.get(String.class, within(Duration.ofSeconds(5), "b"))).isEqualTo("b1");
      assertThatThrownBy(() -> q.get(String.class, within(Duration.ZERO, "b")))
          .isInstanceOf(QueueEmptyException.class);
      q.clear(QueueClearParams.builder().partition("a").build());
      assertThat(q.len(QueueLenParams.builder().total(true).build())).isEqualTo(1);
      q.clear(QueueClearParams.builder().all(true).build());
      assertThat(q.len(QueueLenParams.builder().total(true).build())).isZero();
    }
  }

  @Test
  void aPartitionExpiresItsTtlAfterTheLastPut() {
    try (Queue q = queues.ephemeral()) {
      q.put(
          "short",
          QueuePutParams.builder().partition("s").partitionTtl(Duration.ofSeconds(10)).build());
      q.put("long", QueuePutParams.builder().partition("l").build());
      env.clock.advance(Duration.ofSeconds(9));
      assertThat(q.len(QueueLenParams.builder().partition("s").build())).isEqualTo(1);
      env.clock.advance(Duration.ofSeconds(2));
      assertThat(q.len(QueueLenParams.builder().partition("s").build())).isZero();
      assertThat(q.len(QueueLenParams.builder().partition("l").build())).isEqualTo(1);
    }
  }

  @Test
  void aFullQueueRefusesPutsUntilTheTimeoutAndAcceptsThemOnceThereIsRoom() throws Exception {
    env.emulator.queues().limits(new QueueLimits(3, 1024, 100));
    try (Queue q = queues.ephemeral()) {
      q.putMany(List.of(1, 2, 3));
      long start = System.nanoTime();
      assertThatThrownBy(
              () -> q.put(4, QueuePutParams.builder().timeout(Duration.ofMillis(500)).build()))
          .isInstanceOf(QueueFullException.class);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
      assertThatThrownBy(() -> q.put(4, QueuePutParams.builder().timeout(Duration.ZERO).build()))
          .isInstanceOf(QueueFullException.class);
      // all or none: a batch that does not fit adds nothing
      assertThat(q.len()).isEqualTo(3);

      CompletableFuture<Void> waiting = q.putAsync(4, QueuePutParams.DEFAULT);
      ObjectsEnv.await(() -> env.emulator.stats().count("QueuePut") >= 5, EVENT, "the put retried");
      assertThat(waiting).isNotDone();
      assertThat(q.get(Integer.class, within(Duration.ofSeconds(5)))).isEqualTo(1);
      waiting.get(10, TimeUnit.SECONDS);
      assertThat(q.getMany(10, Integer.class, within(Duration.ofSeconds(5))))
          .containsExactly(2, 3, 4);

      assertThatThrownBy(() -> q.put(new byte[2000]))
          .isInstanceOf(InvalidException.class)
          .hasMessageContaining("larger than");
    }
  }

  @Test
  void iterateReadsWithoutRemovingAndWaitsForLateItems() throws Exception {
    try (Queue q = queues.ephemeral()) {
      q.putMany(List.of("a", "b", "c"));
      try (Stream<String> s = q.iterate(String.class)) {
        assertThat(s.collect(Collectors.toList())).containsExactly("a", "b", "c");
      }
      assertThat(q.len()).isEqualTo(3);

      CompletableFuture<List<String>> all =
          CompletableFuture.supplyAsync(
              () -> {
                try (Stream<String> s =
                    q.iterate(
                        String.class,
                        QueueIterateParams.builder()
                            .itemPollTimeout(Duration.ofSeconds(3))
                            .build())) {
                  return s.collect(Collectors.toList());
                }
              });
      ObjectsEnv.await(
          () -> env.emulator.queues().parkedCalls(q.queueId()) == 1, EVENT, "iterate is polling");
      q.put("d");
      assertThat(all.get(20, TimeUnit.SECONDS)).containsExactly("a", "b", "c", "d");
    }
  }

  @Test
  void anEphemeralQueueVanishesOnceItsHeartbeatsStop() {
    Queue q = queues.ephemeral();
    ObjectsEnv.await(
        () -> env.emulator.stats().count("QueueHeartbeat") >= 1, EVENT, "the first heartbeat");
    q.put(1);
    env.clock.advance(Duration.ofMinutes(9));
    assertThat(q.len()).isEqualTo(1);
    q.close();
    env.clock.advance(Duration.ofMinutes(11));
    env.emulator.queues().sweep();
    assertThat(env.emulator.queues().exists(q.queueId())).isFalse();
    assertThatThrownBy(q::len).isInstanceOf(NotFoundException.class);
  }

  @Test
  void namedQueuesLiveInTheirEnvironmentAndCanBeDeleted() throws Exception {
    assertThatThrownBy(() -> queues.fromName("jobs"))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("Queue 'jobs' not found");
    QueueFromNameParams create = QueueFromNameParams.builder().createIfMissing(true).build();
    Queue a = queues.fromName("jobs", create);
    assertThat(queues.fromName("jobs").queueId()).isEqualTo(a.queueId());
    env.emulator.state().environments().create("dev");
    Queue dev = queues.fromName("jobs", create.toBuilder().environment("dev").build());
    assertThat(dev.queueId()).isNotEqualTo(a.queueId());
    a.put("x");
    env.clock.advance(Duration.ofHours(1));
    env.emulator.queues().sweep();
    assertThat(a.len()).isEqualTo(1); // named queues do not expire

    assertThat(a.getMany(1, String.class, within(Duration.ofSeconds(5)))).containsExactly("x");
    CompletableFuture<String> parked = a.getAsync(String.class, QueueGetParams.DEFAULT);
    ObjectsEnv.await(
        () -> env.emulator.queues().parkedCalls(a.queueId()) == 1, EVENT, "the get is parked");
    queues.delete("jobs");
    assertThatThrownBy(() -> parked.get(10, TimeUnit.SECONDS))
        .hasCauseInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> queues.fromName("jobs")).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> queues.delete("jobs")).isInstanceOf(NotFoundException.class);
    queues.delete("jobs", QueueDeleteParams.builder().allowMissing(true).build());
    assertThat(
            queues
                .fromName("jobs", QueueFromNameParams.builder().environment("dev").build())
                .queueId())
        .isEqualTo(dev.queueId());
  }

  @Test
  void badInputIsRefusedBeforeAnyRpc() {
    try (Queue q = queues.ephemeral()) {
      long puts = env.emulator.stats().count("QueuePut");
      assertThatThrownBy(() -> QueuePutParams.builder().partition("p".repeat(65)))
          .isInstanceOf(InvalidException.class)
          .hasMessageContaining("partition");
      assertThatThrownBy(() -> QueuePutParams.builder().partition(""))
          .isInstanceOf(InvalidException.class);
      assertThatThrownBy(() -> QueuePutParams.builder().partitionTtl(Duration.ofMillis(1500)))
          .isInstanceOf(InvalidException.class)
          .hasMessageContaining("partitionTtl");
      assertThatThrownBy(() -> QueueGetParams.builder().timeout(Duration.ofSeconds(-1)))
          .isInstanceOf(InvalidException.class)
          .hasMessageContaining("timeout");
      assertThatThrownBy(() -> QueueClearParams.builder().partition("a").all(true).build())
          .isInstanceOf(InvalidException.class);
      assertThatThrownBy(() -> QueueLenParams.builder().partition("a").total(true).build())
          .isInstanceOf(InvalidException.class);
      assertThatThrownBy(() -> q.getMany(0, String.class, QueueGetParams.DEFAULT))
          .isInstanceOf(InvalidException.class)
          .hasMessageContaining("n ");
      assertThatThrownBy(() -> q.get((Class<String>) null, QueueGetParams.DEFAULT))
          .isInstanceOf(InvalidException.class)
          .hasMessageContaining("type");
      assertThatThrownBy(() -> q.putMany(null)).isInstanceOf(InvalidException.class);
      assertThatThrownBy(() -> q.put(new Object())).isInstanceOf(InvalidException.class);
      assertThatThrownBy(() -> queues.fromName(" ")).isInstanceOf(InvalidException.class);
      assertThat(env.emulator.stats().count("QueuePut")).isEqualTo(puts);
    }
  }

  @Test
  void noneIsAValueLikeAnyOther() {
    try (Queue q = queues.ephemeral()) {
      q.put(null);
      q.putMany(java.util.Arrays.asList(1, null, "three"));
      try (Stream<Object> all = q.iterate(Object.class)) {
        assertThat(all.collect(Collectors.toList())).containsExactly(null, 1L, null, "three");
      }
      assertThat(q.get(Object.class)).isNull();
      assertThat(q.getMany(3, Object.class, within(Duration.ofSeconds(5))))
          .containsExactly(1L, null, "three");
    }
  }

  @Test
  void asyncFormsThrowBadInputFromTheCall() {
    try (Queue q = queues.ephemeral()) {
      long puts = env.emulator.stats().count("QueuePut");
      long gets = env.emulator.stats().count("QueueGet");
      assertThatThrownBy(() -> q.putAsync(new Object(), QueuePutParams.DEFAULT))
          .isInstanceOf(InvalidException.class)
          .hasMessageContaining("value");
      assertThatThrownBy(() -> q.putManyAsync(List.of(1), null))
          .isInstanceOf(InvalidException.class)
          .hasMessageContaining("params");
      assertThatThrownBy(() -> q.getManyAsync(0, String.class, QueueGetParams.DEFAULT))
          .isInstanceOf(InvalidException.class)
          .hasMessageContaining("n ");
      assertThatThrownBy(() -> q.getAsync((Class<String>) null, QueueGetParams.DEFAULT))
          .isInstanceOf(InvalidException.class)
          .hasMessageContaining("type");
      assertThatThrownBy(() -> q.clearAsync(null)).isInstanceOf(InvalidException.class);
      assertThatThrownBy(() -> q.lenAsync(null)).isInstanceOf(InvalidException.class);
      assertThatThrownBy(() -> queues.fromNameAsync(" ", QueueFromNameParams.DEFAULT))
          .isInstanceOf(InvalidException.class)
          .hasMessageContaining("name");
      assertThatThrownBy(() -> queues.deleteAsync("jobs", null))
          .isInstanceOf(InvalidException.class)
          .hasMessageContaining("params");
      assertThatThrownBy(() -> queues.ephemeralAsync(null)).isInstanceOf(InvalidException.class);
      assertThatThrownBy(() -> QueueFromNameParams.builder().environment(null))
          .isInstanceOf(InvalidException.class)
          .hasMessageContaining("environment");
      assertThat(env.emulator.stats().count("QueuePut")).isEqualTo(puts);
      assertThat(env.emulator.stats().count("QueueGet")).isEqualTo(gets);
    }
  }

  @Test
  void aCallerCompletingAParkedGetEndsItInsteadOfLeavingItToTakeTheNextValue() throws Exception {
    try (Queue q = queues.ephemeral()) {
      CompletableFuture<String> got = q.getAsync(String.class, QueueGetParams.DEFAULT);
      ObjectsEnv.await(
          () -> env.emulator.queues().parkedCalls(q.queueId()) == 1, EVENT, "the get is parked");
      got.complete("made up by the caller");
      ObjectsEnv.await(
          () -> env.emulator.queues().parkedCalls(q.queueId()) == 0, EVENT, "the get is gone");
      q.put("kept");
      assertThat(q.len()).isEqualTo(1);
      assertThat(q.get(String.class)).isEqualTo("kept");
    }
  }

  @Test
  void continuationsOfAsyncResultsRunOnTheCallerExecutor() throws Exception {
    try (Queue q = queues.ephemeral()) {
      CompletableFuture<String> thread =
          q.getAsync(String.class, QueueGetParams.DEFAULT)
              .thenApply(v -> Thread.currentThread().getName());
      ObjectsEnv.await(
          () -> env.emulator.queues().parkedCalls(q.queueId()) == 1, EVENT, "the get is parked");
      q.put("x");
      assertThat(thread.get(10, TimeUnit.SECONDS)).startsWith("modal4j-callback-");
    }
  }
}
