package dev.modal4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modal4j.functions.Function;
import dev.modal4j.functions.FunctionCall;
import dev.modal4j.functions.InputInfo;
import dev.modal4j.functions.InputStatus;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class FunctionSpawnTest {
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

  private long count(String rpc) {
    return env.count(rpc);
  }

  @Test
  void spawnThenGetAndFromId() {
    FunctionCall<Integer> call = fn("square").spawn(Integer.class, 6);
    assertThat(call.functionCallId()).startsWith("fc-");
    assertThat(call.get()).isEqualTo(36);
    assertThat(call.get(Duration.ofSeconds(5))).isEqualTo(36); // outputs are kept
    FunctionCall<Long> again = modal.functionCalls().fromId(call.functionCallId(), Long.class);
    assertThat(again.get()).isEqualTo(36L);
    assertThat(modal.functionCalls().fromId(call.functionCallId()).get()).isEqualTo(36);
  }

  @Test
  void unknownCallIdIsNotFound() {
    assertThatThrownBy(() -> modal.functionCalls().fromId("fc-nope"))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("fc-nope");
  }

  @Test
  void spawnedResultAbove8KiBArrivesAsBlob() {
    byte[] data = new byte[100 * 1024];
    Arrays.fill(data, (byte) 7);
    long blobCreates = count("BlobCreate");
    long blobGets = count("BlobGet");
    FunctionCall<byte[]> call = fn("echo").spawn(byte[].class, (Object) data);
    assertThat(call.get(Duration.ofSeconds(10))).isEqualTo(data);
    assertThat(count("BlobCreate") - blobCreates).isEqualTo(1); // the 100 KiB argument
    assertThat(count("BlobGet") - blobGets).isEqualTo(1); // the result
  }

  @Test
  void fiveMiBArgumentAndResultRoundTrip() {
    byte[] data = new byte[5 * 1024 * 1024];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (i * 31);
    }
    long blobCreates = count("BlobCreate");
    long blobGets = count("BlobGet");
    byte[] back = fn("echo").remote(byte[].class, (Object) data);
    assertThat(back).isEqualTo(data);
    assertThat(count("BlobCreate") - blobCreates).isEqualTo(1);
    assertThat(count("BlobGet") - blobGets).isEqualTo(1);
  }

  @Test
  void getWithShortTimeoutFailsQuickly() {
    FunctionCall<Object> call = fn("sleep").spawn(Object.class, 5);
    long start = System.nanoTime();
    assertThatThrownBy(() -> call.get(Duration.ofMillis(300)))
        .isInstanceOf(FunctionTimeoutException.class)
        .hasMessageContaining("Timeout exceeded");
    long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertThat(elapsedMs).isBetween(250L, 2000L);
    assertThatThrownBy(() -> call.get(Duration.ZERO)).isInstanceOf(FunctionTimeoutException.class);
    call.cancel();
  }

  @Test
  void cancelTerminatesARunningCall() {
    FunctionCall<Object> call = fn("sleep").spawn(Object.class, 5);
    call.cancel();
    long start = System.nanoTime();
    assertThatThrownBy(() -> call.get(Duration.ofSeconds(10))).isInstanceOf(RemoteException.class);
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(3000);
    List<InputInfo> graph = call.callGraph();
    assertThat(graph)
        .singleElement()
        .extracting(InputInfo::status)
        .isEqualTo(InputStatus.TERMINATED);
  }

  @Test
  void cancellingTheFutureCancelsTheRemoteCall() throws Exception {
    RpcEvents events = new RpcEvents();
    try (ModalClient own = env.client(events)) {
      Function sleep = own.functions().fromName("modal4j-demo", "sleep");
      CompletableFuture<Object> f = sleep.remoteAsync(Object.class, 5);
      assertThat(events.await("FunctionGetOutputs", 1, Duration.ofSeconds(5)))
          .as("the call is being polled")
          .isTrue();
      assertThat(f.cancel(true)).isTrue();
      assertThat(events.await("FunctionCallCancel", 1, Duration.ofSeconds(5)))
          .as("FunctionCallCancel sent")
          .isTrue();
      assertThat(events.await("FunctionCallCancel", 2, Duration.ofMillis(300)))
          .as("a second FunctionCallCancel")
          .isFalse();
      assertThat(f).isCancelled();
    }
  }

  @Test
  void callGraphOfAFinishedCall() {
    FunctionCall<Integer> call = fn("square").spawn(Integer.class, 3);
    assertThat(call.get()).isEqualTo(9);
    List<InputInfo> graph = call.callGraph();
    assertThat(graph).hasSize(1);
    InputInfo root = graph.get(0);
    assertThat(root.status()).isEqualTo(InputStatus.SUCCESS);
    assertThat(root.functionName()).isEqualTo("square");
    assertThat(root.functionCallId()).isEqualTo(call.functionCallId());
    assertThat(root.children()).isEmpty();
  }
}
