package dev.modal4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modal4j.functions.Function;
import dev.modal4j.functions.FunctionCall;
import dev.modal4j.functions.MapParams;
import dev.modal4j.testing.ModalEmulator;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The caller's code (continuations of returned futures, generator items, map results and progress)
 * never runs on a gRPC or Netty thread, over a real loopback Netty connection; a caller-supplied
 * executor runs it, however small, without deadlock.
 */
@Timeout(60)
class CallbackThreadsTest {
  static FunctionsEnv env;

  @BeforeAll
  static void startEmulator() {
    env = new FunctionsEnv();
  }

  @AfterAll
  static void stopEmulator() {
    env.close();
  }

  private static ModalClient.Builder builder() {
    return ModalClient.builder()
        .serverUrl(env.emulator.url())
        .tokenId(ModalEmulator.TOKEN_ID)
        .tokenSecret(ModalEmulator.TOKEN_SECRET)
        .environmentVariables(Map.of())
        .homeDirectory(Path.of("target", "no-home"));
  }

  /** Where each kind of user code ran. */
  private final Map<String, List<String>> threads = new ConcurrentHashMap<>();

  private void record(String what) {
    threads
        .computeIfAbsent(what, k -> new CopyOnWriteArrayList<>())
        .add(Thread.currentThread().getName());
  }

  private static boolean isTransportThread(String name) {
    return name.startsWith("grpc-")
        || name.contains("netty")
        || name.contains("nioEventLoop")
        || name.startsWith("modal4j-rpc")
        || name.startsWith("modal4j-scheduler");
  }

  @Test
  void userCodeNeverRunsOnTransportThreads() throws Exception {
    try (ModalClient modal = builder().build()) {
      Function sleep = modal.functions().fromName("modal4j-demo", "sleep");
      Function square = modal.functions().fromName("modal4j-demo", "square");
      Function countdown = modal.functions().fromName("modal4j-demo", "countdown");

      CompletableFuture<?> pending =
          sleep.remoteAsync(Object.class, 0.3).thenRun(() -> record("remoteAsync continuation"));
      CompletableFuture<Integer> spawned =
          square
              .spawnAsync(Integer.class, 3)
              .thenCompose(
                  call -> {
                    record("spawnAsync continuation");
                    return call.getAsync();
                  })
              .whenComplete((v, e) -> record("getAsync continuation"));
      CompletableFuture<Long> items =
          countdown.remoteGenAsync(Long.class, i -> record("remoteGenAsync item"), 20);
      MapParams params = MapParams.builder().progressListener(p -> record("map progress")).build();
      CompletableFuture<Long> mapped =
          square.mapAsync(
              Integer.class,
              IntStream.range(0, 50).boxed().collect(Collectors.toList()),
              params,
              r -> record("mapAsync result"));
      CompletableFuture<?> lookup =
          modal
              .functions()
              .fromNameAsync("modal4j-demo", "echo")
              .thenRun(() -> record("fromNameAsync continuation"));

      pending.get(20, TimeUnit.SECONDS);
      assertThat(spawned.get(20, TimeUnit.SECONDS)).isEqualTo(9);
      assertThat(items.get(20, TimeUnit.SECONDS)).isEqualTo(20);
      assertThat(mapped.get(20, TimeUnit.SECONDS)).isEqualTo(50);
      lookup.get(20, TimeUnit.SECONDS);
    }
    assertThat(threads)
        .containsKeys(
            "remoteAsync continuation",
            "spawnAsync continuation",
            "getAsync continuation",
            "remoteGenAsync item",
            "map progress",
            "mapAsync result");
    threads.forEach(
        (what, names) ->
            assertThat(names).as(what).noneMatch(CallbackThreadsTest::isTransportThread));
    assertThat(threads.get("remoteAsync continuation"))
        .as("a continuation attached while the call ran")
        .allMatch(n -> n.startsWith("modal4j-callback-"));
    assertThat(threads.get("remoteGenAsync item")).allMatch(n -> n.startsWith("modal4j-callback-"));
  }

  @Test
  void aSingleThreadCallerExecutorRunsUserCodeAndNeverDeadlocks() throws Exception {
    ExecutorService app =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "app-pool");
              t.setDaemon(true);
              return t;
            });
    try {
      try (ModalClient modal = builder().executor(app).build()) {
        Function sleep = modal.functions().fromName("modal4j-demo", "sleep");
        Function square = modal.functions().fromName("modal4j-demo", "square");
        Function countdown = modal.functions().fromName("modal4j-demo", "countdown");

        // Blocking calls from inside a continuation on the only thread of the caller executor:
        // the SDK must not need that thread to finish them.
        CompletableFuture<List<Integer>> nested =
            sleep
                .remoteAsync(Object.class, 0.2)
                .thenApply(
                    v -> {
                      record("continuation");
                      int a = square.remote(Integer.class, 3);
                      int b = square.remoteAsync(Integer.class, 4).join();
                      FunctionCall<Integer> call = square.spawn(Integer.class, 5);
                      int c = call.get();
                      long n;
                      try (var s = countdown.remoteGen(Long.class, 40)) {
                        n = s.count();
                      }
                      return List.of(a, b, c, (int) n);
                    });
        assertThat(nested.get(30, TimeUnit.SECONDS)).containsExactly(9, 16, 25, 40);
        CompletableFuture<Long> items =
            countdown.remoteGenAsync(Long.class, i -> record("item"), 10);
        assertThat(items.get(20, TimeUnit.SECONDS)).isEqualTo(10);
        CompletableFuture<Integer> chained =
            square.remoteAsync(Integer.class, 6).thenApplyAsync(x -> x + 1);
        assertThat(chained.get(20, TimeUnit.SECONDS)).isEqualTo(37);
      }
      assertThat(app.isShutdown()).as("a supplied executor is not shut down by close").isFalse();
    } finally {
      app.shutdownNow();
    }
    assertThat(threads.get("continuation")).containsOnly("app-pool");
    assertThat(threads.get("item")).containsOnly("app-pool");
  }

  @Test
  void closeEndsTheClientOwnedCallbackThreads() throws Exception {
    ModalClient modal = builder().build();
    Function square = modal.functions().fromName("modal4j-demo", "square");
    square.remoteAsync(Integer.class, 2).thenRun(() -> record("ran")).get(20, TimeUnit.SECONDS);
    assertThat(threads.get("ran")).allMatch(n -> n.startsWith("modal4j-callback-"));
    modal.close();
    awaitTrue(
        () ->
            Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.isAlive() && threads.get("ran").contains(t.getName())));
  }

  private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition within 10 s").isLessThan(deadline);
      Thread.sleep(10);
    }
  }
}
