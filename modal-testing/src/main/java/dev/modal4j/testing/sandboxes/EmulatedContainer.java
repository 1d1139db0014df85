package dev.modal4j.testing.sandboxes;

import dev.modal4j.proto.GenericResult;
import dev.modal4j.proto.router.TaskContainerInfo;
import dev.modal4j.testing.sandboxes.backend.SandboxRuntime;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sidecar container of a task: its runtime once started, and its result once it ends (its
 * command exits, TaskContainerTerminate, or its sandbox ends). Its command's output is read and
 * dropped, as Modal keeps no log of a sidecar the SDKs can read.
 */
final class EmulatedContainer {
  private static final Logger log = LoggerFactory.getLogger(EmulatedContainer.class);

  /** TaskContainerInfo.status of a container that runs (or is starting). */
  static final String RUNNING = "running";

  /** TaskContainerInfo.status of a container that has ended. */
  static final String TERMINATED = "terminated";

  private final String containerId;
  private final String name;
  private final Executor executor;
  private final CompletableFuture<GenericResult> result = new CompletableFuture<>();
  private volatile SandboxRuntime runtime;
  private volatile Runnable beforeEnd = () -> {};

  EmulatedContainer(String containerId, String name, Executor executor) {
    this.containerId = containerId;
    this.name = name;
    this.executor = executor;
  }

  String containerId() {
    return containerId;
  }

  String name() {
    return name;
  }

  /** Completes with the result when the container ends. */
  CompletableFuture<GenericResult> result() {
    return result;
  }

  boolean ended() {
    return result.isDone();
  }

  /** The running container, or null while it is starting. */
  SandboxRuntime runtime() {
    return runtime;
  }

  /** Takes the started runtime: drains its command's output and ends with its exit. */
  void started(SandboxRuntime started) {
    this.runtime = started;
    if (result.isDone()) {
      release(started);
      return;
    }
    started
        .main()
        .ifPresent(
            process -> {
              drain(process.stdout());
              drain(process.stderr());
              process.exit().thenAccept(status -> finish(SandboxResults.exited(status)));
            });
  }

  /**
   * Runs {@code step} when the container ends, before its result is visible; it may run more than
   * once (two ends racing), so it must be idempotent.
   */
  void beforeEnd(Runnable step) {
    beforeEnd = step;
  }

  /** Ends the container with {@code ending} unless it has ended; returns whether it did. */
  boolean finish(GenericResult ending) {
    if (result.isDone()) {
      return false;
    }
    try {
      beforeEnd.run();
    } catch (RuntimeException e) {
      log.warn("sidecar {}: a step at its end failed", containerId, e);
    }
    if (!result.complete(ending)) {
      return false;
    }
    SandboxRuntime current = runtime;
    if (current != null) {
      executor.execute(() -> release(current));
    }
    return true;
  }

  private void release(SandboxRuntime current) {
    try {
      current.terminate();
    } catch (RuntimeException e) {
      log.warn("sidecar {} failed to terminate", containerId, e);
    }
  }

  private void drain(InputStream in) {
    executor.execute(
        () -> {
          try (in) {
            in.transferTo(OutputStream.nullOutputStream());
          } catch (IOException e) {
            // the container went away: nothing more to read
          }
        });
  }

  /** The container as TaskContainerGet and TaskContainerList report it. */
  TaskContainerInfo info() {
    TaskContainerInfo.Builder info =
        TaskContainerInfo.newBuilder()
            .setContainerId(containerId)
            .setContainerName(name)
            .setStatus(result.isDone() ? TERMINATED : RUNNING);
    GenericResult ending = result.getNow(null);
    if (ending != null) {
      info.setResult(ending);
    }
    return info.build();
  }
}
