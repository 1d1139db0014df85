package dev.modal4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modal4j.functions.Function;
import dev.modal4j.functions.FunctionCall;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Futures handed to callers are the caller's: completing, obtruding or timing them out never
 * corrupts the SDK, and giving up on one (cancel, {@code orTimeout}, an early {@code complete})
 * cancels the remote call.
 */
@Timeout(60)
class CallerFuturesTest {
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
    modal.close();
  }

  private Function fn(String name) {
    return modal.functions().fromName("modal4j-demo", name);
  }

  @Test
  void orTimeoutCancelsTheRemoteCall() throws Exception {
    Function sleep = fn("sleep");
    long cancels = env.count("FunctionCallCancel");
    CompletableFuture<Object> f =
        sleep.remoteAsync(Object.class, 20).orTimeout(200, TimeUnit.MILLISECONDS);
    assertThat(f)
        .failsWithin(5, TimeUnit.SECONDS)
        .withThrowableOfType(ExecutionException.class)
        .withCauseInstanceOf(TimeoutException.class);
    awaitTrue(() -> env.count("FunctionCallCancel") > cancels);
  }

  @Test
  void completeOnTimeoutCancelsTheRemoteCall() throws Exception {
    Function sleep = fn("sleep");
    long cancels = env.count("FunctionCallCancel");
    CompletableFuture<Object> f =
        sleep.remoteAsync(Object.class, 20).completeOnTimeout("late", 200, TimeUnit.MILLISECONDS);
    assertThat(f.get(5, TimeUnit.SECONDS)).isEqualTo("late");
    awaitTrue(() -> env.count("FunctionCallCancel") > cancels);
  }

  @Test
  void orTimeoutOnAGeneratorCancelsItsCall() throws Exception {
    env.emulator
        .deploy("futures-gen")
        .generator(
            "slow",
            (args, kwargs, out) -> {
              out.emit(1);
              Thread.sleep(20_000);
            });
    Function slow = modal.functions().fromName("futures-gen", "slow");
    long cancels = env.count("FunctionCallCancel");
    CompletableFuture<Long> f =
        slow.remoteGenAsync(Integer.class, i -> {}).orTimeout(300, TimeUnit.MILLISECONDS);
    assertThat(f)
        .failsWithin(5, TimeUnit.SECONDS)
        .withThrowableOfType(ExecutionException.class)
        .withCauseInstanceOf(TimeoutException.class);
    awaitTrue(() -> env.count("FunctionCallCancel") > cancels);
  }

  @Test
  void cancellingTheFutureCancelsTheRemoteCall() throws Exception {
    Function sleep = fn("sleep");
    long cancels = env.count("FunctionCallCancel");
    CompletableFuture<Object> f = sleep.remoteAsync(Object.class, 20);
    awaitTrue(() -> env.count("FunctionMap") > 0);
    assertThat(f.cancel(true)).isTrue();
    awaitTrue(() -> env.count("FunctionCallCancel") > cancels);
  }

  @Test
  void completingEarlyWithABogusValueCancelsCleanlyAndLeavesTheClientHealthy() throws Exception {
    Function sleep = fn("sleep");
    long cancels = env.count("FunctionCallCancel");
    CompletableFuture<Object> f = sleep.remoteAsync(Object.class, 20);
    assertThat(f.complete("bogus")).isTrue();
    assertThat(f.join()).isEqualTo("bogus");
    awaitTrue(() -> env.count("FunctionCallCancel") > cancels);
    Function square = fn("square");
    assertThat(square.remote(Integer.class, 8)).isEqualTo(64);
    assertThat(square.remoteAsync(Integer.class, 9).get(10, TimeUnit.SECONDS)).isEqualTo(81);
  }

  @Test
  void tamperingWithOneGetAsyncFutureDoesNotAffectAnother() throws Exception {
    Function square = fn("square");
    FunctionCall<Integer> call = square.spawn(Integer.class, 7);
    CompletableFuture<Integer> first = call.getAsync();
    first.complete(-1);
    first.obtrudeValue(-2);
    CompletableFuture<Integer> second = call.getAsync(Duration.ofSeconds(10));
    assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo(49);
    CompletableFuture<Integer> third = call.getAsync();
    third.completeExceptionally(new IllegalStateException("caller's own"));
    assertThat(call.get(Duration.ofSeconds(10))).isEqualTo(49);
    assertThat(first.join()).isEqualTo(-2);
  }

  @Test
  void tamperingWithASpawnFutureDoesNotLoseTheCall() throws Exception {
    Function square = fn("square");
    CompletableFuture<FunctionCall<Integer>> spawned = square.spawnAsync(Integer.class, 6);
    FunctionCall<Integer> call = spawned.get(10, TimeUnit.SECONDS);
    spawned.obtrudeException(new IllegalStateException("caller's own"));
    assertThat(call.get(Duration.ofSeconds(10))).isEqualTo(36);
    CompletableFuture<Integer> r = square.remoteAsync(Integer.class, 5);
    assertThat(r.get(10, TimeUnit.SECONDS)).isEqualTo(25);
    r.obtrudeValue(0);
    assertThat(square.remote(Integer.class, 5)).isEqualTo(25);
  }

  private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition within 10 s").isLessThan(deadline);
      Thread.sleep(5);
    }
  }
}
