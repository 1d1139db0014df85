package dev.modal4j.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modal4j.ModalClient;
import dev.modal4j.events.EventListener;
import dev.modal4j.events.MapProgressEvent;
import dev.modal4j.functions.Function;
import dev.modal4j.functions.MapParams;
import dev.modal4j.testing.ModalEmulator;
import dev.modal4j.testing.functions.DemoApp;
import io.grpc.Status;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The meters a run against the emulator leaves in a {@link SimpleMeterRegistry}. */
@Timeout(120)
class MicrometerEventListenerTest {

  @Test
  void runUnderFaultsBecomesTimersCountersAndAMapGauge() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    MicrometerEventListener meters = new MicrometerEventListener(registry);
    List<Double> gaugeWhileRunning = new CopyOnWriteArrayList<>();
    EventListener probe =
        new EventListener() {
          @Override
          public void rpcEnd(dev.modal4j.events.RpcEvent e) {
            meters.rpcEnd(e);
          }

          @Override
          public void retry(dev.modal4j.events.RetryEvent e) {
            meters.retry(e);
          }

          @Override
          public void throttled(dev.modal4j.events.ThrottleEvent e) {
            meters.throttled(e);
          }

          @Override
          public void tokenRefresh(dev.modal4j.events.TokenRefreshEvent e) {
            meters.tokenRefresh(e);
          }

          @Override
          public void mapProgress(MapProgressEvent e) {
            meters.mapProgress(e);
            if (!e.done()) {
              Gauge g = registry.find("modal.map.inputs.in_flight").tag("map", e.mapId()).gauge();
              gaugeWhileRunning.add(g == null ? -1 : g.value());
            }
          }
        };
    try (ModalEmulator emulator = ModalEmulator.builder().seed(5).start()) {
      DemoApp.deploy(emulator);
      emulator
          .faults()
          .failRpc("FunctionGetOutputs", 0.2, Status.Code.UNAVAILABLE)
          .throttle("FunctionMap", 0.5, Duration.ofMillis(100));
      try (ModalClient modal =
          ModalClient.builder()
              .serverUrl(emulator.url())
              .tokenId(ModalEmulator.TOKEN_ID)
              .tokenSecret(ModalEmulator.TOKEN_SECRET)
              .environmentVariables(Map.of())
              .homeDirectory(Path.of("target", "no-home"))
              .eventListener(probe)
              .build()) {
        Function square = modal.functions().fromName(DemoApp.NAME, "square");
        for (int i = 0; i < 5; i++) {
          assertThat(square.remote(Integer.class, i)).isEqualTo(i * i);
        }
        List<Integer> out =
            square
                .map(
                    Integer.class,
                    IntStream.range(0, 30).boxed().collect(Collectors.toList()),
                    MapParams.DEFAULT)
                .collect(Collectors.toList());
        assertThat(out).hasSize(30);
      }
      long served = emulator.stats().count("FunctionGetOutputs");
      Timer ok = registry.find("modal.rpc").tags("method", "FunctionGetOutputs").timer();
      assertThat(ok).isNotNull();
      double attempts =
          registry.find("modal.rpc").tags("method", "FunctionGetOutputs").timers().stream()
              .mapToLong(Timer::count)
              .sum();
      assertThat((long) attempts).isEqualTo(served);
      assertThat(registry.find("modal.rpc").tags("status", "UNAVAILABLE").timers()).isNotEmpty();
      double retries =
          registry.find("modal.rpc.retries").counters().stream().mapToDouble(c -> c.count()).sum();
      assertThat(retries).isPositive();
      double throttles =
          registry.find("modal.rpc.throttles").tag("method", "FunctionMap").counter().count();
      long throttled =
          registry
              .find("modal.rpc")
              .tags("method", "FunctionMap", "status", "RESOURCE_EXHAUSTED")
              .timers()
              .stream()
              .mapToLong(Timer::count)
              .sum();
      assertThat(throttles).isPositive().isEqualTo((double) throttled);
      assertThat(
              registry.find("modal.auth.token.refresh").tag("outcome", "success").timer().count())
          .isEqualTo(1);
      assertThat(gaugeWhileRunning).isNotEmpty().allSatisfy(v -> assertThat(v).isNotNegative());
      assertThat(gaugeWhileRunning).anySatisfy(v -> assertThat(v).isPositive());
      assertThat(registry.find("modal.map.inputs.in_flight").gauges())
          .as("the gauge of a finished map is removed")
          .isEmpty();
      assertThat(meters.runningMaps()).isZero();
      assertThat(
              registry
                  .find("modal.map.outputs")
                  .tag("function", DemoApp.NAME + "/square")
                  .counter()
                  .count())
          .isEqualTo(30);
    }
  }
}
