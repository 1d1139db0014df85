package dev.modal4j.testing.sandboxes;

import dev.modal4j.proto.Sandbox;
import dev.modal4j.testing.EmulatorState;
import dev.modal4j.testing.sandboxes.backend.SandboxRuntime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What other emulator areas (snapshots and restore) may do with sandboxes: look one up by id, start
 * a new one from a definition, hear of every new sandbox before it starts, and run something with a
 * sandbox's runtime just before the backend releases it.
 */
public final class SandboxControl {
  private final SandboxesArea area;
  private final SandboxRegistry sandboxes;
  private final EmulatorState state;
  private final Supplier<RouterAccess> router;
  private final List<Consumer<Found>> listeners = new CopyOnWriteArrayList<>();

  SandboxControl(
      SandboxesArea area,
      SandboxRegistry sandboxes,
      EmulatorState state,
      Supplier<RouterAccess> router) {
    this.area = area;
    this.sandboxes = sandboxes;
    this.state = state;
    this.router = router;
  }

  /** One sandbox as another area sees it. */
  public final class Found {
    private final EmulatedSandbox sandbox;

    private Found(EmulatedSandbox sandbox) {
      this.sandbox = sandbox;
    }

    /** Its task (runtime, ids, whether it has ended). */
    public SandboxTask task() {
      return sandbox;
    }

    /** The app it runs in. */
    public String appId() {
      return sandbox.appId();
    }

    /** Its definition as created. */
    public Sandbox definition() {
      return sandbox.definition();
    }

    /** Its name, if it has one. */
    public Optional<String> name() {
      return sandbox.name();
    }

    /** Whether it is a V2 sandbox. */
    public boolean v2() {
      return sandbox.v2();
    }

    /** Completes with its runtime once the backend has started it (exceptionally if it failed). */
    public CompletableFuture<SandboxRuntime> started() {
      return sandbox.started().copy();
    }

    /**
     * Runs {@code hook} once with the runtime just before the backend releases it (the sandbox has
     * ended, or is being terminated); not run when the sandbox never started.
     */
    public void beforeRelease(Consumer<SandboxRuntime> hook) {
      sandbox.beforeRelease(hook);
    }

    /** Terminates it, as SandboxTerminate does; a no-op once it has ended. */
    public void terminate() {
      if (sandbox.finish(SandboxResults.terminated())) {
        sandbox.kill();
      }
    }
  }

  /**
   * The sandbox with this id.
   *
   * @throws io.grpc.StatusRuntimeException NOT_FOUND for an unknown id
   */
  public Found sandbox(String sandboxId) {
    return new Found(sandboxes.get(sandboxId));
  }

  /**
   * Creates and starts a sandbox of {@code definition} in {@code appId}, V1 or V2, without tags.
   *
   * @throws io.grpc.StatusRuntimeException as SandboxCreate would
   */
  public Found create(String appId, Sandbox definition, boolean v2) {
    EmulatedSandbox.Ids ids =
        v2
            ? SandboxIds.newV2(state.clock().instant())
            : new EmulatedSandbox.Ids(state.newId("sb"), state.newId("ta"));
    return new Found(area.newSandbox(appId, definition, List.of(), Map.of(), ids));
  }

  /** What TaskGetCommandRouterAccess hands out. */
  public RouterAccess router() {
    return router.get();
  }

  /** Calls {@code listener} with every new sandbox, before it starts. */
  public void onCreate(Consumer<Found> listener) {
    listeners.add(listener);
  }

  void created(EmulatedSandbox sandbox) {
    for (Consumer<Found> listener : listeners) {
      listener.accept(new Found(sandbox));
    }
  }
}
