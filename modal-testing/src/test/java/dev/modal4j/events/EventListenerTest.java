package dev.modal4j.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modal4j.ModalClient;
import dev.modal4j.functions.Function;
import dev.modal4j.functions.MapParams;
import dev.modal4j.testing.ModalEmulator;
import dev.modal4j.testing.functions.DemoApp;
import io.grpc.Status;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The client's {@link EventListener} under injected faults: it hears every RPC attempt the emulator
 * saw, every retry and throttle, the token fetch, blob transfers and map progress; and a listener
 * that throws from every callback breaks nothing.
 */
@Timeout(120)
class EventListenerTest {
  static ModalEmulator emulator;

  @BeforeAll
  static void start() {
    emulator = ModalEmulator.builder().seed(13).start();
    DemoApp.deploy(emulator);
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  @AfterEach
  void clearFaults() {
    emulator.faults().clear();
  }

  private static ModalClient client(EventListener listener) {
    return ModalClient.builder()
        .serverUrl(emulator.url())
        .tokenId(ModalEmulator.TOKEN_ID)
        .tokenSecret(ModalEmulator.TOKEN_SECRET)
        .environmentVariables(Map.of())
        .homeDirectory(Path.of("target", "no-home"))
        .eventListener(listener)
        .build();
  }

  @Test
  void seesEveryRpcRetryAndThrottleOfARunUnderFaults() {
    RecordingListener events = new RecordingListener();
    emulator.stats().reset();
    emulator
        .faults()
        .failRpc("*", 0.1, Status.Code.UNAVAILABLE)
        .throttle("*", 0.05, Duration.ofMillis(100));
    try (ModalClient modal = client(events)) {
      Function square = modal.functions().fromName(DemoApp.NAME, "square");
      for (int i = 0; i < 15; i++) {
        assertThat(square.remote(Integer.class, i)).isEqualTo(i * i);
      }
      List<Integer> squares =
          square
              .map(
                  Integer.class,
                  IntStream.range(0, 40).boxed().collect(Collectors.toList()),
                  MapParams.DEFAULT)
              .collect(Collectors.toList());
      assertThat(squares).hasSize(40);
      emulator.faults().clear();
      String big = "x".repeat(3 * 1024 * 1024);
      Function echo = modal.functions().fromName(DemoApp.NAME, "echo");
      assertThat(echo.remote(String.class, big)).hasSize(big.length());
    }

    Map<String, Long> seen = emulator.stats().counts();
    assertThat(events.rpcCounts())
        .as("an RPC attempt heard for every call the emulator served")
        .isEqualTo(seen);
    Map<String, Long> byStatus = events.statusCounts();
    assertThat(byStatus.getOrDefault("UNAVAILABLE", 0L))
        .as("injected failures happened")
        .isPositive();
    assertThat(byStatus.getOrDefault("RESOURCE_EXHAUSTED", 0L))
        .as("injected throttles happened")
        .isPositive();
    assertThat((long) events.throttles.size())
        .as("every throttled attempt was retried as the server asked")
        .isEqualTo(byStatus.get("RESOURCE_EXHAUSTED"));
    assertThat(events.throttles)
        .allSatisfy(t -> assertThat(t.delay()).isGreaterThanOrEqualTo(Duration.ofMillis(100)));
    assertThat(events.retries).isNotEmpty();
    assertThat(events.retries).allSatisfy(r -> assertThat(r.status()).isEqualTo("UNAVAILABLE"));
    assertThat((long) events.retries.size()).isLessThanOrEqualTo(byStatus.get("UNAVAILABLE"));
    assertThat(events.rpcs)
        .filteredOn(e -> e.attempt() > 1)
        .as("retried attempts are numbered from 2")
        .hasSize(events.retries.size() + events.throttles.size());
    assertThat(events.tokens).anySatisfy(t -> assertThat(t.success()).isTrue());
    assertThat(events.tokens)
        .filteredOn(TokenRefreshEvent::success)
        .allSatisfy(t -> assertThat(t.expiry()).isPresent());
    assertThat(events.blobs)
        .anySatisfy(
            b -> {
              assertThat(b.direction()).isEqualTo(BlobTransferEvent.Direction.UPLOAD);
              assertThat(b.bytes()).isGreaterThan(3L * 1024 * 1024);
              assertThat(b.success()).isTrue();
            });
    MapProgressEvent last = events.maps.get(events.maps.size() - 1);
    assertThat(last.done()).isTrue();
    assertThat(last.functionName()).isEqualTo(DemoApp.NAME + "/square");
    assertThat(last.progress().outputsReceived()).isEqualTo(40);
    assertThat(last.inFlight()).isZero();
    assertThat(events.maps).filteredOn(MapProgressEvent::done).hasSize(1);
    assertThat(events.maps).extracting(MapProgressEvent::mapId).containsOnly(last.mapId());
  }

  @Test
  void aListenerThatThrowsBreaksNoCall() {
    AtomicLong heard = new AtomicLong();
    EventListener throwing =
        new EventListener() {
          @Override
          public void rpcEnd(RpcEvent event) {
            heard.incrementAndGet();
            throw new IllegalStateException("listener bug");
          }

          @Override
          public void retry(RetryEvent event) {
            heard.incrementAndGet();
            throw new IllegalStateException("listener bug");
          }

          @Override
          public void throttled(ThrottleEvent event) {
            heard.incrementAndGet();
            throw new IllegalStateException("listener bug");
          }

          @Override
          public void tokenRefresh(TokenRefreshEvent event) {
            heard.incrementAndGet();
            throw new IllegalStateException("listener bug");
          }

          @Override
          public void mapProgress(MapProgressEvent event) {
            heard.incrementAndGet();
            throw new IllegalStateException("listener bug");
          }
        };
    emulator.faults().failRpc("FunctionGetOutputs", 0.3, Status.Code.UNAVAILABLE);
    try (ModalClient modal = client(throwing)) {
      Function square = modal.functions().fromName(DemoApp.NAME, "square");
      assertThat(square.remote(Integer.class, 7)).isEqualTo(49);
      assertThat(square.map(Integer.class, List.of(1, 2, 3)).collect(Collectors.toList()))
          .containsExactly(1, 4, 9);
    }
    assertThat(heard.get()).isGreaterThan(5);
  }
}
