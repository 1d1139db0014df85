package dev.modal4j.micrometer;

import dev.modal4j.InvalidException;
import dev.modal4j.events.BlobTransferEvent;
import dev.modal4j.events.EventListener;
import dev.modal4j.events.MapProgressEvent;
import dev.modal4j.events.RetryEvent;
import dev.modal4j.events.RpcEvent;
import dev.modal4j.events.ThrottleEvent;
import dev.modal4j.events.TokenRefreshEvent;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An {@link EventListener} that records a modal4j client's events as Micrometer meters:
 *
 * <ul>
 *   <li>{@code modal.rpc} timer, tags {@code method}, {@code status}: every RPC attempt;
 *   <li>{@code modal.rpc.retries} counter, tags {@code method}, {@code status}: client retries;
 *   <li>{@code modal.rpc.throttles} counter, tag {@code method}: retries the server asked for;
 *   <li>{@code modal.auth.token.refresh} timer, tag {@code outcome}: auth token fetches;
 *   <li>{@code modal.blob.transfer} timer and {@code modal.blob.bytes} summary, tags {@code
 *       direction}, {@code outcome}: blob uploads and downloads;
 *   <li>{@code modal.map.inputs.in_flight} gauge, tags {@code map}, {@code function}: inputs sent
 *       and not yet answered, one gauge per running map, removed when the map ends;
 *   <li>{@code modal.map.outputs} counter, tag {@code function}: outputs received by maps.
 * </ul>
 *
 * <pre>{@code
 * ModalClient modal = ModalClient.builder()
 *     .eventListener(new MicrometerEventListener(meterRegistry))
 *     .build();
 * }</pre>
 */
public final class MicrometerEventListener implements EventListener {
  private final MeterRegistry registry;
  private final Map<String, MapGauge> maps = new ConcurrentHashMap<>();

  /** A listener recording into {@code registry}. */
  public MicrometerEventListener(MeterRegistry registry) {
    if (registry == null) {
      throw new InvalidException("registry must not be null");
    }
    this.registry = registry;
  }

  @Override
  public void rpcEnd(RpcEvent event) {
    Timer.builder("modal.rpc")
        .description("modal4j RPC attempts")
        .tag("method", event.method())
        .tag("status", event.status())
        .register(registry)
        .record(event.duration());
  }

  @Override
  public void retry(RetryEvent event) {
    registry
        .counter("modal.rpc.retries", "method", event.method(), "status", event.status())
        .increment();
  }

  @Override
  public void throttled(ThrottleEvent event) {
    registry.counter("modal.rpc.throttles", "method", event.method()).increment();
  }

  @Override
  public void tokenRefresh(TokenRefreshEvent event) {
    Timer.builder("modal.auth.token.refresh")
        .tag("outcome", outcome(event.success()))
        .register(registry)
        .record(event.duration());
  }

  @Override
  public void blobTransfer(BlobTransferEvent event) {
    String direction = event.direction().name().toLowerCase(Locale.ROOT);
    String outcome = outcome(event.success());
    Timer.builder("modal.blob.transfer")
        .tag("direction", direction)
        .tag("outcome", outcome)
        .register(registry)
        .record(event.duration());
    DistributionSummary.builder("modal.blob.bytes")
        .baseUnit("bytes")
        .tag("direction", direction)
        .tag("outcome", outcome)
        .register(registry)
        .record(event.bytes());
  }

  @Override
  public void mapProgress(MapProgressEvent event) {
    if (event.done()) {
      MapGauge g = maps.remove(event.mapId());
      if (g != null) {
        g.update(event);
        registry.remove(g.gauge);
      }
      return;
    }
    maps.computeIfAbsent(event.mapId(), id -> new MapGauge(registry, event)).update(event);
  }

  /** How many maps currently have an in-flight gauge (for tests and diagnostics). */
  public int runningMaps() {
    return maps.size();
  }

  private static String outcome(boolean success) {
    return success ? "success" : "failure";
  }

  private static final class MapGauge {
    final AtomicLong inFlight = new AtomicLong();
    final AtomicLong outputs = new AtomicLong();
    final Gauge gauge;
    final MeterRegistry registry;
    final String function;

    MapGauge(MeterRegistry registry, MapProgressEvent first) {
      this.registry = registry;
      this.function = first.functionName();
      this.gauge =
          Gauge.builder("modal.map.inputs.in_flight", inFlight, AtomicLong::get)
              .description("inputs of a running map sent and not yet answered")
              .tag("map", first.mapId())
              .tag("function", first.functionName())
              .register(registry);
    }

    synchronized void update(MapProgressEvent event) {
      inFlight.set(event.inFlight());
      long received = event.progress().outputsReceived();
      long before = outputs.getAndSet(received);
      if (received > before) {
        registry.counter("modal.map.outputs", "function", function).increment(received - before);
      }
    }
  }
}
