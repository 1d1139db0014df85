package dev.modal4j.testing.sandboxes.router;

import dev.modal4j.testing.sandboxes.TaskDirectory;
import io.grpc.Status;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The execs of every task, by task id and exec id. A start with an exec id already known returns
 * the first start's outcome instead of starting again; a failed start is forgotten so it can be
 * retried. Execs of tasks the directory no longer has are forgotten at the next start.
 */
final class ExecTable {
  private final Map<String, Map<String, CompletableFuture<Exec>>> byTask =
      new ConcurrentHashMap<>();
  private volatile boolean closed;

  /**
   * The exec {@code execId} of {@code taskId}, started by {@code starter} unless a start with this
   * id came first (then this waits for it).
   */
  Exec start(String taskId, String execId, Supplier<Exec> starter) {
    CompletableFuture<Exec> mine = new CompletableFuture<>();
    CompletableFuture<Exec> first =
        byTask.computeIfAbsent(taskId, t -> new ConcurrentHashMap<>()).putIfAbsent(execId, mine);
    if (first != null) {
      return first.join();
    }
    try {
      Exec exec = starter.get();
      mine.complete(exec);
      if (closed) {
        exec.close();
      }
      return exec;
    } catch (RuntimeException e) {
      byTask.getOrDefault(taskId, Map.of()).remove(execId, mine);
      mine.completeExceptionally(e);
      throw e;
    }
  }

  /**
   * The exec, started and running or ended.
   *
   * @throws io.grpc.StatusRuntimeException NOT_FOUND for an exec id never started in this task
   */
  Exec get(String taskId, String execId) {
    CompletableFuture<Exec> exec = byTask.getOrDefault(taskId, Map.of()).get(execId);
    if (exec == null) {
      throw Status.NOT_FOUND
          .withDescription("exec " + execId + " not found in task " + taskId)
          .asRuntimeException();
    }
    return exec.join();
  }

  /** Forgets the execs of tasks {@code tasks} no longer has. */
  void forgetEnded(TaskDirectory tasks) {
    byTask.keySet().removeIf(taskId -> tasks.task(taskId).isEmpty());
  }

  /** Kills every exec and forgets them all. */
  void close() {
    closed = true;
    for (Map<String, CompletableFuture<Exec>> execs : List.copyOf(byTask.values())) {
      for (CompletableFuture<Exec> exec : execs.values()) {
        exec.thenAccept(Exec::close);
      }
    }
    byTask.clear();
  }
}
