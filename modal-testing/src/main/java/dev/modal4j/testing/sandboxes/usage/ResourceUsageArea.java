package dev.modal4j.testing.sandboxes.usage;

import dev.modal4j.proto.ModalClientGrpc;
import dev.modal4j.proto.SandboxGetResourceUsageRequest;
import dev.modal4j.proto.SandboxGetResourceUsageResponse;
import dev.modal4j.testing.EmulatorState;
import dev.modal4j.testing.internal.EmulatorArea;
import dev.modal4j.testing.internal.Unary;
import dev.modal4j.testing.sandboxes.EmulatedSandboxes;
import dev.modal4j.testing.sandboxes.SandboxTask;
import dev.modal4j.testing.sandboxes.backend.ResourceSample;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SandboxGetResourceUsage with real figures: {@code cpu_core_nanosecs} is the CPU time the
 * sandbox's processes have used (the container's cgroup through the engine's stats API, or {@code
 * /proc} for the process backend); {@code mem_gib_nanosecs} is memory in use integrated over time,
 * in GiB times nanoseconds, from the samples each call takes (linear between two calls; before the
 * first one, the first sample's memory since the sandbox started); {@code gpu_nanosecs} is 0 (no
 * GPUs here) and {@code gpu_type} unset. A sandbox not started yet answers zeros; one that has
 * ended answers the figures last read. V1 and V2 sandboxes alike.
 */
public final class ResourceUsageArea implements EmulatorArea {
  private static final double GIB = 1024.0 * 1024 * 1024;

  private final EmulatorState state;
  private final EmulatedSandboxes sandboxes;
  private final Map<String, Meter> meters = new ConcurrentHashMap<>();

  /**
   * The area for the sandboxes of one emulator.
   *
   * @param state the emulator's state (its clock)
   * @param sandboxes the emulator's sandboxes
   */
  public ResourceUsageArea(EmulatorState state, EmulatedSandboxes sandboxes) {
    this.state = state;
    this.sandboxes = sandboxes;
  }

  @Override
  public void bind(ServerServiceDefinition.Builder service) {
    Unary.bind(service, ModalClientGrpc.getSandboxGetResourceUsageMethod(), this::usage);
  }

  private SandboxGetResourceUsageResponse usage(SandboxGetResourceUsageRequest request) {
    String id = request.getSandboxId();
    Optional<SandboxTask> task =
        sandboxes.get(id).flatMap(view -> sandboxes.tasks().task(view.taskId()));
    if (task.isEmpty()) {
      meters.remove(id);
      throw Status.NOT_FOUND.withDescription("Sandbox " + id + " not found").asRuntimeException();
    }
    Meter meter = meters.computeIfAbsent(id, k -> new Meter());
    Optional<Instant> started = task.get().startedAt();
    if (started.isPresent() && !task.get().finished()) {
      task.get()
          .runtime()
          .resourceSample()
          .ifPresent(sample -> meter.add(sample, started.get(), state.clock().instant()));
    }
    return meter.answer();
  }

  /** One sandbox's figures so far. */
  private static final class Meter {
    private long cpuNanos;
    private double memoryGibNanos;
    private long lastMemoryBytes = -1;
    private Instant lastAt;

    synchronized void add(ResourceSample sample, Instant started, Instant now) {
      cpuNanos = Math.max(cpuNanos, sample.cpuNanos());
      Instant from = lastAt == null ? started : lastAt;
      long before = lastMemoryBytes < 0 ? sample.memoryBytes() : lastMemoryBytes;
      long nanos = Math.max(0, java.time.Duration.between(from, now).toNanos());
      memoryGibNanos += nanos * ((before + sample.memoryBytes()) / 2.0) / GIB;
      lastMemoryBytes = sample.memoryBytes();
      lastAt = now;
    }

    synchronized SandboxGetResourceUsageResponse answer() {
      return SandboxGetResourceUsageResponse.newBuilder()
          .setCpuCoreNanosecs(cpuNanos)
          .setMemGibNanosecs((long) memoryGibNanos)
          .setGpuNanosecs(0)
          .build();
    }
  }
}
