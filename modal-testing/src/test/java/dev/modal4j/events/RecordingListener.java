package dev.modal4j.events;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

/** An {@link EventListener} that keeps every event it hears. */
final class RecordingListener implements EventListener {
  final List<RpcEvent> rpcs = new CopyOnWriteArrayList<>();
  final List<RetryEvent> retries = new CopyOnWriteArrayList<>();
  final List<ThrottleEvent> throttles = new CopyOnWriteArrayList<>();
  final List<TokenRefreshEvent> tokens = new CopyOnWriteArrayList<>();
  final List<BlobTransferEvent> blobs = new CopyOnWriteArrayList<>();
  final List<MapProgressEvent> maps = new CopyOnWriteArrayList<>();
  final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();

  @Override
  public void rpcEnd(RpcEvent event) {
    rpcs.add(event);
  }

  @Override
  public void retry(RetryEvent event) {
    retries.add(event);
  }

  @Override
  public void throttled(ThrottleEvent event) {
    throttles.add(event);
  }

  @Override
  public void tokenRefresh(TokenRefreshEvent event) {
    tokens.add(event);
  }

  @Override
  public void blobTransfer(BlobTransferEvent event) {
    blobs.add(event);
  }

  @Override
  public void mapProgress(MapProgressEvent event) {
    maps.add(event);
  }

  /** RPC attempts heard, by method. */
  Map<String, Long> rpcCounts() {
    return rpcs.stream().collect(Collectors.groupingBy(RpcEvent::method, Collectors.counting()));
  }

  /** RPC attempts heard, by status. */
  Map<String, Long> statusCounts() {
    return rpcs.stream().collect(Collectors.groupingBy(RpcEvent::status, Collectors.counting()));
  }

  static <E> Map<String, Long> countBy(List<E> events, Function<E, String> key) {
    return events.stream().collect(Collectors.groupingBy(key, Collectors.counting()));
  }
}
