package dev.modal4j.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modal4j.ModalClient;
import dev.modal4j.NotFoundException;
import dev.modal4j.OutputExpiredException;
import dev.modal4j.functions.Function;
import dev.modal4j.functions.FunctionCall;
import dev.modal4j.proto.AuthTokenGetRequest;
import dev.modal4j.proto.FunctionGetOutputsRequest;
import dev.modal4j.proto.FunctionGetOutputsResponse;
import dev.modal4j.testing.functions.DemoApp;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Spawned calls and their outputs expire, so a long-running emulator's state stays bounded. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CallExpirySoakTest {
  static final int ROUNDS = 12;
  static final int PER_ROUND = 500;
  static final String PAYLOAD = "x".repeat(4096);
  static final Duration TTL = Duration.ofSeconds(1);
  static final Duration EXPIRY_WAIT = Duration.ofSeconds(10);

  @Test
  void thousandsOfSpawnedCallsWithKibResultsDoNotAccumulate() throws Exception {
    try (ModalEmulator emulator =
            ModalEmulator.builder()
                .callTtl(TTL)
                .idempotencyKeyTtl(Duration.ofMillis(200))
                .recordedCalls(0)
                .start();
        ModalClient modal = emulator.newClient()) {
      DemoApp.deploy(emulator);
      Function echo = modal.functions().fromName(DemoApp.NAME, "echo");
      long baseline = 0;
      int peak = 0;
      for (int round = 0; round < ROUNDS; round++) {
        List<CompletableFuture<?>> spawns = new ArrayList<>(PER_ROUND);
        for (int i = 0; i < PER_ROUND; i++) {
          String value = PAYLOAD + round + "/" + i;
          CompletableFuture<FunctionCall<String>> spawn = echo.spawnAsync(String.class, value);
          // Every 50th result is read back at once, well within the TTL.
          spawns.add(
              i % 50 != 0
                  ? spawn
                  : spawn
                      .thenCompose(c -> c.getAsync(Duration.ofSeconds(10)))
                      .thenAccept(got -> assertThat(got).isEqualTo(value)));
        }
        CompletableFuture.allOf(spawns.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        peak = Math.max(peak, emulator.functions().retainedCalls());
        int r = round;
        assertThat(waitFor(() -> emulator.functions().retainedCalls() == 0))
            .as("round %d: calls held %s after their TTL", r, TTL)
            .isTrue();
        if (round == 0) {
          baseline = usedHeapAfterGc();
        }
      }
      long growth = usedHeapAfterGc() - baseline;
      // Without expiry the emulator would hold 6,000 calls with ~8 KiB of input and output each.
      assertThat(growth).as("heap growth over %d spawns", ROUNDS * PER_ROUND).isLessThan(16L << 20);
      assertThat(peak).isLessThanOrEqualTo(PER_ROUND);
      assertThat(emulator.stats().totalExecutions()).isEqualTo((long) ROUNDS * PER_ROUND);
      assertThat(emulator.stats().executions()).as("execution counts of expired calls").isEmpty();
    }
  }

  @Test
  void anExpiredCallAnswersLikeModalDoes() throws Exception {
    try (ModalEmulator emulator = ModalEmulator.builder().callTtl(TTL).start();
        ModalClient modal = emulator.newClient()) {
      DemoApp.deploy(emulator);
      FunctionCall<Long> call =
          modal.functions().fromName(DemoApp.NAME, "square").spawn(Long.class, 7);
      assertThat(call.get(Duration.ofSeconds(10))).isEqualTo(49);
      assertThat(waitFor(() -> emulator.functions().retainedCalls() == 0)).isTrue();

      assertThatThrownBy(() -> modal.functionCalls().fromId(call.functionCallId()))
          .isInstanceOf(NotFoundException.class)
          .hasStackTraceContaining("has expired");
      long start = System.nanoTime();
      assertThatThrownBy(() -> call.get(Duration.ofSeconds(20)))
          .isInstanceOf(OutputExpiredException.class)
          .hasMessageContaining(call.functionCallId());
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .as("an expired call fails at once instead of polling until the timeout")
          .isLessThan(Duration.ofSeconds(10));
      var stub =
          Stubs.authenticated(
              emulator.inProcessChannel(),
              Stubs.credentials(emulator.inProcessChannel())
                  .authTokenGet(AuthTokenGetRequest.getDefaultInstance())
                  .getToken());
      FunctionGetOutputsResponse outputs =
          stub.functionGetOutputs(
              FunctionGetOutputsRequest.newBuilder()
                  .setFunctionCallId(call.functionCallId())
                  .setMaxValues(1)
                  .setLastEntryId("0-0")
                  .setTimeout(0)
                  .build());
      // Modal's Python client reads "no outputs and nothing unfinished" as OutputExpiredError.
      assertThat(outputs.getOutputsCount()).isZero();
      assertThat(outputs.getNumUnfinishedInputs()).isZero();
      assertThatThrownBy(
              () ->
                  stub.functionGetOutputs(
                      FunctionGetOutputsRequest.newBuilder()
                          .setFunctionCallId("fc-neverexisted")
                          .build()))
          .isInstanceOf(StatusRuntimeException.class)
          .extracting(e -> ((StatusRuntimeException) e).getStatus().getCode())
          .isEqualTo(Status.Code.NOT_FOUND);
    }
  }

  @Test
  void idleCallsPastTheOutputBoundExpireOldestFirst() throws Exception {
    int bound = 40;
    try (ModalEmulator emulator =
            ModalEmulator.builder().callTtl(Duration.ofHours(1)).retainedOutputs(bound).start();
        ModalClient modal = emulator.newClient()) {
      DemoApp.deploy(emulator);
      Function square = modal.functions().fromName(DemoApp.NAME, "square");
      List<FunctionCall<Long>> calls = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        FunctionCall<Long> call = square.spawn(Long.class, i);
        // Finished one by one, so "idle longest" is spawn order.
        assertThat(call.get(Duration.ofSeconds(10))).isEqualTo((long) i * i);
        calls.add(call);
      }
      // One output per call: at most `bound` finished calls stay, long before their hour.
      assertThat(waitFor(() -> emulator.functions().retainedCalls() <= bound))
          .as("retained calls %d, bound %d", emulator.functions().retainedCalls(), bound)
          .isTrue();
      assertThatThrownBy(() -> calls.get(0).get(Duration.ofSeconds(5)))
          .isInstanceOf(OutputExpiredException.class);
      assertThat(calls.get(99).get(Duration.ofSeconds(5))).isEqualTo(99L * 99);
      assertThat(emulator.stats().executions().size()).isLessThanOrEqualTo(bound);
    }
  }

  @Test
  void aRunningCallIsNotExpired() throws Exception {
    try (ModalEmulator emulator = ModalEmulator.builder().callTtl(Duration.ofMillis(100)).start();
        ModalClient modal = emulator.newClient()) {
      DemoApp.deploy(emulator);
      FunctionCall<Double> call =
          modal.functions().fromName(DemoApp.NAME, "sleep").spawn(Double.class, 1.0);
      // The call runs for ten TTLs; its result must still be there when it finishes.
      assertThat(call.get(Duration.ofSeconds(10))).isEqualTo(1.0);
    }
  }

  private static boolean waitFor(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + EXPIRY_WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(10);
    }
    return true;
  }

  private static long usedHeapAfterGc() throws InterruptedException {
    Runtime rt = Runtime.getRuntime();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(50);
      used = Math.min(used, rt.totalMemory() - rt.freeMemory());
    }
    return used;
  }
}
