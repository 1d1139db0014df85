package dev.modal4j.testing.sandboxes;

import dev.modal4j.proto.NetworkAccess;
import java.util.List;
import java.util.Optional;

/**
 * A read-only view of an emulator's sandboxes, for tests: what each was made with and its state.
 */
public final class EmulatedSandboxes {
  private final SandboxesArea area;

  /** A view of the sandboxes of {@code area}. */
  public EmulatedSandboxes(SandboxesArea area) {
    this.area = area;
  }

  /** Every sandbox created so far, running or ended, newest first. */
  public List<SandboxView> all() {
    return area.views();
  }

  /** The sandbox with this id, if there is one. */
  public Optional<SandboxView> get(String sandboxId) {
    return all().stream().filter(v -> v.sandboxId().equals(sandboxId)).findFirst();
  }

  /** The sandboxes' tasks as the command router finds them. */
  public TaskDirectory tasks() {
    return area.tasks();
  }

  /**
   * The outbound network policy of the sandbox with this id now: its definition's, or the last one
   * TaskSetNetworkAccess set.
   */
  public Optional<NetworkAccess> networkAccess(String sandboxId) {
    return get(sandboxId)
        .flatMap(v -> area.tasks().task(v.taskId()))
        .map(SandboxTask::networkAccess);
  }

  /** The CA certificate of the encrypted tunnels in PEM. */
  public String tunnelCertificatePem() {
    return area.tunnels().certificatePem();
  }

  /** The backend sandboxes run on: its name, or {@code none started} before the first create. */
  public String backend() {
    return area.backendName();
  }
}
