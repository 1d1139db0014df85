package dev.modal4j.sandboxes;

import dev.modal4j.internal.ClientContext;
import dev.modal4j.proto.ModalClientGrpc;
import dev.modal4j.proto.SandboxSnapshotGetRequest;
import java.util.concurrent.CompletableFuture;

/**
 * A memory snapshot of a sandbox (experimental): its filesystem and memory when {@link
 * Sandbox#experimentalSnapshot()} was called. Restore it with {@link
 * Sandboxes#experimentalFromSnapshot(SandboxSnapshot)}; find one by id with {@link
 * Sandboxes#snapshotFromId(String)}. Thread-safe.
 */
public final class SandboxSnapshot {
  private final ClientContext context;
  private final String snapshotId;
  private volatile Boolean v2;

  SandboxSnapshot(ClientContext context, String snapshotId, Boolean v2) {
    this.context = context;
    this.snapshotId = snapshotId;
    this.v2 = v2;
  }

  /** The snapshot's id. */
  public String snapshotId() {
    return snapshotId;
  }

  /** Whether it came from a V2 sandbox, asking Modal (SandboxSnapshotGet) when not known. */
  CompletableFuture<Boolean> v2() {
    Boolean known = v2;
    if (known != null) {
      return CompletableFuture.completedFuture(known);
    }
    return context
        .controlPlane()
        .unary(
            ModalClientGrpc.getSandboxSnapshotGetMethod(),
            SandboxSnapshotGetRequest.newBuilder().setSnapshotId(snapshotId).build())
        .thenApply(
            r -> {
              boolean isV2 = r.getHandleMetadata().getIsV2();
              v2 = isV2;
              return isV2;
            });
  }

  @Override
  public String toString() {
    return "SandboxSnapshot{" + snapshotId + "}";
  }
}
