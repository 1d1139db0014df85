package dev.modal4j.internal.map;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * The inputs sent and not yet finished, bounded by the server's {@code max_inputs_outstanding}.
 *
 * <p>Shared, thread-safe, and the one owner of that bound: the input pump takes a slot before it
 * reads an input, the put sender registers the item, the poller and the lost-input check look items
 * up, and result delivery removes an item and frees its slot, exactly once.
 */
final class InFlight {
  private final ConcurrentHashMap<Integer, MapItem> items = new ConcurrentHashMap<>();
  private final Semaphore slots;

  InFlight(int maxOutstanding) {
    this.slots = new Semaphore(Math.max(1, maxOutstanding));
  }

  /** Blocks until one more input may be outstanding. */
  void acquireSlot() throws InterruptedException {
    slots.acquire();
  }

  /** Takes a slot if one is free now. */
  boolean tryAcquireSlot() {
    return slots.tryAcquire();
  }

  /** Gives back a slot taken for an input that was not read after all. */
  void releaseSlot() {
    slots.release();
  }

  void add(MapItem item) {
    items.put(item.idx, item);
  }

  /** The item of input {@code idx}, or null once it finished (or for an unknown index). */
  MapItem get(int idx) {
    return items.get(idx);
  }

  /** Input {@code idx} has its final result: forget it and free its slot. */
  void finished(int idx) {
    if (items.remove(idx) != null) {
      slots.release();
    }
  }

  /** Items whose current attempt has run for at least {@code nanos} (their tokens go to polls). */
  List<MapItem> runningLongerThan(long nanos) {
    long now = System.nanoTime();
    List<MapItem> out = new ArrayList<>();
    for (MapItem item : items.values()) {
      if (item.runningLongerThan(now, nanos)) {
        out.add(item);
      }
    }
    return out;
  }

  /** A weakly consistent view of the items (for the lost-input check). */
  Collection<MapItem> items() {
    return items.values();
  }
}
