package dev.modal4j.testing.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modal4j.ModalClient;
import dev.modal4j.ModalException;
import dev.modal4j.functions.Function;
import dev.modal4j.functions.FunctionCall;
import dev.modal4j.testing.ModalEmulator;
import dev.modal4j.testing.functions.DemoApp;
import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Lost responses make clients retry requests the server already served. With the emulator honouring
 * {@code x-idempotency-key}, 1,000 {@code remote} and 1,000 {@code spawn} calls under lost
 * responses, UNAVAILABLE, throttling and latency spikes each run exactly once.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DuplicateSubmissionTest {
  static final int CALLS = 1000;
  static final int IN_FLIGHT = 128;
  static final Duration DEADLINE = Duration.ofSeconds(60);

  /**
   * A call the SDK gave up on after its retries (four attempts in a row hit by a 10% fault rate,
   * about one logical RPC in 10,000) has an unknown outcome: it may or may not have run, but never
   * twice. Only that error is tolerated, and only rarely.
   */
  static final int MAX_GIVE_UPS = 3;

  @Test
  void everyRemoteAndSpawnRunsExactlyOnceUnderLostResponses() throws Exception {
    try (ModalEmulator emulator = ModalEmulator.builder().seed(8).recordedCalls(0).start()) {
      DemoApp.deploy(emulator);
      Outcome outcome = runUnderFaults(emulator);

      Map<String, Long> executions = emulator.stats().executions();
      System.out.printf(
          "duplicates: %d inputs, %d executions, max per input %d, %d replays, %d give-ups,"
              + " %d hung, %d wrong%n",
          executions.size(),
          emulator.stats().totalExecutions(),
          executions.values().stream().mapToLong(Long::longValue).max().orElse(0),
          emulator.stats().replayedCalls(),
          outcome.giveUps.size(),
          outcome.hung,
          outcome.wrong.size());
      outcome.wrong.stream().limit(3).forEach(w -> System.out.println("  " + w));
      assertThat(executions.values()).as("no input ran twice").allMatch(n -> n == 1);
      assertThat(emulator.stats().totalExecutions())
          .as("no request was submitted twice")
          .isEqualTo(executions.size())
          .isLessThanOrEqualTo(2L * CALLS)
          .isGreaterThanOrEqualTo(2L * CALLS - outcome.giveUps.size());
      assertThat(outcome.giveUps)
          .as("calls the SDK gave up on")
          .hasSizeLessThanOrEqualTo(MAX_GIVE_UPS);
      assertThat(outcome.hung).as("calls that never finished").isZero();
      assertThat(outcome.wrong).as("wrong results").isEmpty();
      assertThat(outcome.spawnIds).as("distinct spawned calls").hasSize(outcome.spawned);
    }
  }

  @Test
  void withoutIdempotencyTheSameFaultsSubmitRequestsTwice() throws Exception {
    try (ModalEmulator emulator =
        ModalEmulator.builder().seed(8).recordedCalls(0).idempotencyKeyTtl(Duration.ZERO).start()) {
      DemoApp.deploy(emulator);
      emulator.faults().loseResponses("FunctionMap", 0.2);
      try (ModalClient modal = emulator.newClient()) {
        Function square = modal.functions().fromName(DemoApp.NAME, "square");
        List<CompletableFuture<FunctionCall<Long>>> spawns = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
          spawns.add(square.spawnAsync(Long.class, i));
        }
        CompletableFuture.allOf(spawns.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
      }
      // The lost FunctionMap responses were retried and served again: more inputs than spawns.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (emulator.stats().totalExecutions() <= 100 && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      assertThat(emulator.stats().replayedCalls()).isZero();
      assertThat(emulator.stats().totalExecutions()).isGreaterThan(100);
    }
  }

  static Outcome runUnderFaults(ModalEmulator emulator) throws Exception {
    emulator
        .faults()
        .loseResponses("*", 0.05)
        .failRpc("*", 0.05, Status.Code.UNAVAILABLE)
        .throttle("*", 0.02, Duration.ofMillis(100))
        .addLatency("*", Duration.ofMillis(250), 0.02);
    Outcome outcome = new Outcome();
    try (ModalClient modal = emulator.newClient()) {
      Function square = modal.functions().fromName(DemoApp.NAME, "square");
      Function echo = modal.functions().fromName(DemoApp.NAME, "echo");
      Semaphore slots = new Semaphore(IN_FLIGHT);
      List<CompletableFuture<Void>> all = new ArrayList<>(2 * CALLS);
      for (int i = 0; i < CALLS; i++) {
        long x = i;
        slots.acquire();
        all.add(
            square
                .remoteAsync(Long.class, x)
                .thenAccept(r -> outcome.check("square(" + x + ")", r, x * x))
                .whenComplete((r, e) -> slots.release()));
        String value = "echo-" + i;
        slots.acquire();
        all.add(
            echo.spawnAsync(String.class, value)
                .thenCompose(
                    call -> {
                      outcome.spawned(call.functionCallId());
                      return getRetryingReads(call);
                    })
                .thenAccept(r -> outcome.check(value, r, value))
                .whenComplete((r, e) -> slots.release()));
      }
      long end = System.nanoTime() + DEADLINE.toNanos();
      for (CompletableFuture<Void> f : all) {
        try {
          f.get(Math.max(1, end - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
          outcome.hung++;
        } catch (java.util.concurrent.ExecutionException e) {
          outcome.failed(e.getCause());
        }
      }
    } finally {
      emulator.faults().clear();
    }
    return outcome;
  }

  /** Reading a spawned call's result is safe to repeat, so a read the SDK gave up on is re-read. */
  static <T> CompletableFuture<T> getRetryingReads(FunctionCall<T> call) {
    return call.getAsync()
        .exceptionallyCompose(
            e -> isGiveUp(e) ? getRetryingReads(call) : CompletableFuture.failedFuture(e));
  }

  static boolean isGiveUp(Throwable e) {
    Throwable t = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    return t instanceof ModalException
        && String.valueOf(t.getMessage())
            .toUpperCase(java.util.Locale.ROOT)
            .contains("UNAVAILABLE");
  }

  static final class Outcome {
    final List<String> wrong = new ArrayList<>();
    final List<Throwable> giveUps = new ArrayList<>();
    final Set<String> spawnIds = new HashSet<>();
    int spawned;
    int hung;

    synchronized void check(String what, Object got, Object expected) {
      if (!expected.equals(got)) {
        wrong.add(what + " = " + got);
      }
    }

    synchronized void spawned(String callId) {
      spawned++;
      spawnIds.add(callId);
    }

    synchronized void failed(Throwable e) {
      if (isGiveUp(e)) {
        giveUps.add(e);
      } else {
        wrong.add("failed: " + e);
      }
    }
  }
}
