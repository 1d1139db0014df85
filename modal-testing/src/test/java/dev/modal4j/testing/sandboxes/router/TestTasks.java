package dev.modal4j.testing.sandboxes.router;

import dev.modal4j.proto.Probe;
import dev.modal4j.testing.sandboxes.SandboxTask;
import dev.modal4j.testing.sandboxes.TaskDirectory;
import dev.modal4j.testing.sandboxes.backend.SandboxBackend;
import dev.modal4j.testing.sandboxes.backend.SandboxRuntime;
import dev.modal4j.testing.sandboxes.backend.SandboxSpec;
import io.grpc.Status;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A task directory for router tests: tasks started on a real backend, with test secrets. */
final class TestTasks implements TaskDirectory {
  private final SandboxBackend backend;
  private final Map<String, Task> tasks = new ConcurrentHashMap<>();
  private final Map<String, Map<String, String>> secrets = new ConcurrentHashMap<>();
  private final AtomicInteger ids = new AtomicInteger();

  TestTasks(SandboxBackend backend) {
    this.backend = backend;
  }

  @Override
  public Optional<SandboxTask> task(String taskId) {
    return Optional.ofNullable(tasks.get(taskId));
  }

  void secret(String secretId, Map<String, String> env) {
    secrets.put(secretId, Map.copyOf(env));
  }

  /** Starts an idle sandbox (no entrypoint) and its task. */
  Task start() throws IOException {
    return start(Map.of(), Optional.empty());
  }

  Task start(Map<String, String> env, Optional<Probe> probe) throws IOException {
    int n = ids.incrementAndGet();
    String sandboxId = "sb-router-test-" + n;
    SandboxRuntime runtime =
        backend.start(
            new SandboxSpec(
                sandboxId,
                "debian:bookworm",
                List.of(),
                env,
                Optional.empty(),
                0,
                0,
                0,
                0,
                List.of(),
                false,
                List.of(),
                false));
    Task task = new Task("ta-router-test-" + n, sandboxId, runtime, probe);
    tasks.put(task.taskId(), task);
    return task;
  }

  /** Removes the task, as the control plane does when its sandbox is gone. */
  void remove(Task task) {
    tasks.remove(task.taskId());
    task.runtime().terminate();
  }

  final class Task implements SandboxTask {
    private final String taskId;
    private final String sandboxId;
    private final SandboxRuntime runtime;
    private final Optional<Probe> probe;
    private final AtomicInteger touches = new AtomicInteger();
    private volatile boolean finished;

    Task(String taskId, String sandboxId, SandboxRuntime runtime, Optional<Probe> probe) {
      this.taskId = taskId;
      this.sandboxId = sandboxId;
      this.runtime = runtime;
      this.probe = probe;
    }

    @Override
    public String taskId() {
      return taskId;
    }

    @Override
    public String sandboxId() {
      return sandboxId;
    }

    @Override
    public SandboxRuntime runtime() {
      return runtime;
    }

    @Override
    public boolean finished() {
      return finished;
    }

    /** Ends the sandbox but keeps the task known, as after a terminate. */
    void finish() {
      finished = true;
      runtime.terminate();
    }

    int touches() {
      return touches.get();
    }

    @Override
    public Optional<Probe> readinessProbe() {
      return probe;
    }

    @Override
    public Map<String, String> secretEnv(List<String> secretIds) {
      Map<String, String> env = new HashMap<>();
      for (String id : secretIds) {
        Map<String, String> secret = secrets.get(id);
        if (secret == null) {
          throw Status.NOT_FOUND
              .withDescription("secret " + id + " not found")
              .asRuntimeException();
        }
        env.putAll(secret);
      }
      return env;
    }

    @Override
    public void touch() {
      touches.incrementAndGet();
    }
  }
}
