package dev.modal4j.testing.sandboxes.snapshots;

import dev.modal4j.proto.GenericResult;
import dev.modal4j.proto.GenericResult.GenericStatus;
import dev.modal4j.proto.Sandbox;
import dev.modal4j.proto.SandboxRestoreRequest.SandboxNameOverrideType;
import dev.modal4j.proto.VolumeMount;
import dev.modal4j.testing.sandboxes.SandboxControl;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Memory snapshots, which the emulator takes as filesystem snapshots: no backend here can save a
 * process's memory, so a restored sandbox starts afresh (its definition's entrypoint runs again) on
 * the files the original had. V1 (SandboxSnapshot) takes the snapshot in the background and leaves
 * the sandbox running; V2 (TaskSnapshotMemory) takes it at once and then terminates the sandbox, as
 * Modal does. A restore creates a new sandbox of the original's definition on the snapshot's image,
 * named as the override says.
 */
final class MemorySnapshots {
  private final SnapshotHub hub;
  private final Map<String, Snapshot> byId = new ConcurrentHashMap<>();
  private final Map<String, String> byIdempotencyKey = new ConcurrentHashMap<>();

  /** One memory snapshot: where it came from and the image it becomes. */
  record Snapshot(
      String snapshotId,
      String appId,
      Sandbox definition,
      boolean v2,
      CompletableFuture<String> imageId) {}

  MemorySnapshots(SnapshotHub hub) {
    this.hub = hub;
  }

  /** SandboxSnapshot: starts a snapshot of a V1 (or any) sandbox; answers its id. */
  String start(String sandboxId) {
    SandboxControl.Found found = enabled(hub.sandboxes.sandbox(sandboxId));
    String snapshotId = hub.state.newId("sn");
    CompletableFuture<String> image =
        CompletableFuture.supplyAsync(
            () -> hub.images.filesystem(found.task(), found.appId(), "", Optional.of(-1L), none()),
            hub.state.executor());
    byId.put(
        snapshotId, new Snapshot(snapshotId, found.appId(), found.definition(), found.v2(), image));
    return snapshotId;
  }

  /** TaskSnapshotMemory: snapshots a sandbox now, then terminates it; idempotent by key. */
  String takeAndTerminate(String sandboxId, String idempotencyKey) {
    if (!idempotencyKey.isEmpty()) {
      String earlier = byIdempotencyKey.get(idempotencyKey);
      if (earlier != null) {
        return earlier;
      }
    }
    SandboxControl.Found found = enabled(hub.sandboxes.sandbox(sandboxId));
    String imageId =
        hub.images.filesystem(found.task(), found.appId(), "", Optional.of(-1L), none());
    String snapshotId = hub.state.newId("sn");
    byId.put(
        snapshotId,
        new Snapshot(
            snapshotId,
            found.appId(),
            found.definition(),
            true,
            CompletableFuture.completedFuture(imageId)));
    if (!idempotencyKey.isEmpty()) {
      byIdempotencyKey.put(idempotencyKey, snapshotId);
    }
    found.terminate();
    return snapshotId;
  }

  /** The snapshot, or NOT_FOUND. */
  Snapshot get(String snapshotId) {
    Snapshot snapshot = byId.get(snapshotId);
    if (snapshot == null) {
      throw Status.NOT_FOUND
          .withDescription("Sandbox snapshot '" + snapshotId + "' not found")
          .asRuntimeException();
    }
    return snapshot;
  }

  /** SandboxSnapshotWait: the result once the snapshot is done, TIMEOUT after {@code millis}. */
  CompletableFuture<GenericResult> await(String snapshotId, long millis) {
    Snapshot snapshot = get(snapshotId);
    return snapshot
        .imageId()
        .thenApply(id -> GenericResult.newBuilder().setStatus(GenericStatus.GENERIC_STATUS_SUCCESS))
        .exceptionally(
            e ->
                GenericResult.newBuilder()
                    .setStatus(GenericStatus.GENERIC_STATUS_FAILURE)
                    .setException("Snapshot failed: " + message(e)))
        .completeOnTimeout(
            GenericResult.newBuilder()
                .setStatus(GenericStatus.GENERIC_STATUS_TIMEOUT)
                .setException("Snapshot not done within " + millis + " ms"),
            millis,
            TimeUnit.MILLISECONDS)
        .thenApply(GenericResult.Builder::build);
  }

  /**
   * Starts a sandbox from a snapshot, V2 or V1.
   *
   * @param volumes the volume mounts replacing the original's, or empty to keep them
   */
  SandboxControl.Found restore(
      String snapshotId,
      SandboxNameOverrideType type,
      String override,
      boolean v2,
      Optional<List<VolumeMount>> volumes) {
    Snapshot snapshot = get(snapshotId);
    String imageId;
    try {
      imageId = snapshot.imageId().getNow(null);
    } catch (CompletionException e) {
      throw Status.FAILED_PRECONDITION
          .withDescription("Sandbox snapshot '" + snapshotId + "' failed: " + message(e))
          .asRuntimeException();
    }
    if (imageId == null) {
      throw Status.FAILED_PRECONDITION
          .withDescription("Sandbox snapshot '" + snapshotId + "' is not done yet")
          .asRuntimeException();
    }
    Sandbox.Builder definition = snapshot.definition().toBuilder().setImageId(imageId);
    switch (type) {
      case SANDBOX_NAME_OVERRIDE_TYPE_NONE -> definition.clearName();
      case SANDBOX_NAME_OVERRIDE_TYPE_STRING -> definition.setName(override);
      default -> {
        // keeps the original's name
      }
    }
    volumes.ifPresent(v -> definition.clearVolumeMounts().addAllVolumeMounts(v));
    return hub.sandboxes.create(snapshot.appId(), definition.build(), v2);
  }

  private static SandboxControl.Found enabled(SandboxControl.Found found) {
    if (!found.definition().getEnableSnapshot()) {
      throw Status.FAILED_PRECONDITION
          .withDescription(
              "Sandbox '"
                  + found.task().sandboxId()
                  + "' was not created with memory snapshots enabled (enable_snapshot)")
          .asRuntimeException();
    }
    return found;
  }

  private static Optional<com.google.protobuf.ByteString> none() {
    return Optional.empty();
  }

  private static String message(Throwable e) {
    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    if (cause instanceof StatusRuntimeException) {
      return String.valueOf(((StatusRuntimeException) cause).getStatus().getDescription());
    }
    return String.valueOf(cause.getMessage());
  }
}
