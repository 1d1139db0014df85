package dev.modal4j.testing.sandboxes.snapshots;

import dev.modal4j.proto.Sandbox;
import dev.modal4j.testing.EmulatorState;
import dev.modal4j.testing.images.ImageStore;
import dev.modal4j.testing.sandboxes.SandboxControl;
import dev.modal4j.testing.sandboxes.SandboxTask;
import io.grpc.Status;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;

/**
 * The snapshot state of one emulator, shared by its control-plane area ({@link SnapshotsArea}) and
 * its router area ({@link SnapshotRouterArea}), which finds it by the emulator's state: the router
 * is built before the control plane's areas, so it looks the hub up when a call comes.
 */
final class SnapshotHub {
  private static final Map<EmulatorState, SnapshotHub> HUBS = new WeakHashMap<>();

  final EmulatorState state;
  final SandboxControl sandboxes;
  final SnapshotImages images;
  final MemorySnapshots memory;
  final ExitSnapshots exits;

  private SnapshotHub(EmulatorState state, ImageStore store, SandboxControl sandboxes) {
    this.state = state;
    this.sandboxes = sandboxes;
    this.images = new SnapshotImages(state, store);
    this.memory = new MemorySnapshots(this);
    this.exits = new ExitSnapshots(this);
  }

  /** Makes the hub of an emulator and makes it findable by {@link #of(EmulatorState)}. */
  static SnapshotHub open(EmulatorState state, ImageStore store, SandboxControl sandboxes) {
    SnapshotHub hub = new SnapshotHub(state, store, sandboxes);
    synchronized (HUBS) {
      HUBS.put(state, hub);
    }
    return hub;
  }

  /** The hub of this emulator, or UNIMPLEMENTED when it has none (or it is closed). */
  static SnapshotHub of(EmulatorState state) {
    synchronized (HUBS) {
      SnapshotHub hub = HUBS.get(state);
      if (hub == null) {
        throw Status.UNIMPLEMENTED
            .withDescription("snapshots are not served by this emulator")
            .asRuntimeException();
      }
      return hub;
    }
  }

  /** Forgets the hub; exit snapshots are no longer taken. */
  void close() {
    exits.close();
    synchronized (HUBS) {
      HUBS.remove(state, this);
    }
  }

  /** The app of a task's sandbox. */
  String appOf(SandboxTask task) {
    return sandboxes.sandbox(task.sandboxId()).appId();
  }

  /** Whether an experimental option is on in a definition (either map). */
  static boolean experimental(Sandbox d, String option) {
    return d.getExperimentalOptionsOrDefault(option, false)
        || "true".equalsIgnoreCase(d.getExperimentalOptionsV2OrDefault(option, "false"));
  }

  /** A value of a proto optional field. */
  static <T> Optional<T> when(boolean present, T value) {
    return present ? Optional.of(value) : Optional.empty();
  }
}
