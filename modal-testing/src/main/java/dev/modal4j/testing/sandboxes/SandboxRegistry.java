package dev.modal4j.testing.sandboxes;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Every sandbox of the emulator, by sandbox id and by task id, and the names taken by running
 * sandboxes of each app. The command router finds its tasks here. Thread-safe.
 */
final class SandboxRegistry implements TaskDirectory {
  private final Map<String, EmulatedSandbox> byId = new ConcurrentHashMap<>();
  private final Map<String, EmulatedSandbox> byTask = new ConcurrentHashMap<>();
  private Instant lastCreatedAt = Instant.EPOCH;

  @Override
  public Optional<SandboxTask> task(String taskId) {
    return Optional.ofNullable(byTask.get(taskId));
  }

  /**
   * A creation time later than every earlier one (so listing pages by created_at lose no sandbox):
   * {@code now}, or one microsecond after the previous one.
   */
  synchronized Instant nextCreatedAt(Instant now) {
    Instant next = now.isAfter(lastCreatedAt) ? now : lastCreatedAt.plusNanos(1000);
    lastCreatedAt = next;
    return next;
  }

  /**
   * Adds a sandbox.
   *
   * @throws StatusRuntimeException ALREADY_EXISTS if a running sandbox of its app has its name
   */
  synchronized void add(EmulatedSandbox sandbox, String appName) {
    if (sandbox.name().isPresent()) {
      String name = sandbox.name().get();
      if (running(sandbox.appId(), name).isPresent()) {
        throw Status.ALREADY_EXISTS
            .withDescription(
                "Sandbox with name '" + name + "' already exists in App '" + appName + "'")
            .asRuntimeException();
      }
    }
    byId.put(sandbox.sandboxId(), sandbox);
    byTask.put(sandbox.taskId(), sandbox);
  }

  /** Forgets an ended sandbox. */
  void remove(EmulatedSandbox sandbox) {
    byId.remove(sandbox.sandboxId(), sandbox);
    byTask.remove(sandbox.taskId(), sandbox);
  }

  /** The sandbox with this id, or NOT_FOUND. */
  EmulatedSandbox get(String sandboxId) {
    EmulatedSandbox sandbox = byId.get(sandboxId);
    if (sandbox == null) {
      throw Status.NOT_FOUND
          .withDescription("Sandbox '" + sandboxId + "' not found")
          .asRuntimeException();
    }
    return sandbox;
  }

  /** The running sandbox of this app with this name. */
  synchronized Optional<EmulatedSandbox> running(String appId, String name) {
    return byId.values().stream()
        .filter(s -> !s.finished() && s.appId().equals(appId))
        .filter(s -> s.name().filter(name::equals).isPresent())
        .findFirst();
  }

  /** The sandboxes that pass {@code filter}, newest first. */
  List<EmulatedSandbox> list(Predicate<EmulatedSandbox> filter) {
    List<EmulatedSandbox> out = new ArrayList<>();
    for (EmulatedSandbox s : byId.values()) {
      if (filter.test(s)) {
        out.add(s);
      }
    }
    out.sort(Comparator.comparing(EmulatedSandbox::createdAt).reversed());
    return out;
  }

  /** Every sandbox. */
  List<EmulatedSandbox> all() {
    return new ArrayList<>(byId.values());
  }
}
