package dev.modal4j.sandboxes;

import dev.modal4j.ExecutionException;
import dev.modal4j.internal.ClientContext;
import dev.modal4j.proto.GenericResult.GenericStatus;
import dev.modal4j.proto.ModalClientGrpc;
import dev.modal4j.proto.SandboxGetTaskIdRequest;
import dev.modal4j.proto.SandboxRestoreRequest;
import dev.modal4j.proto.SandboxRestoreRequest.SandboxNameOverrideType;
import dev.modal4j.proto.SandboxRestoreV2Request;
import java.util.concurrent.CompletableFuture;

/**
 * Restores a sandbox from a memory snapshot (protocol/resources.md §5.15): SandboxRestoreV2 for a
 * V2 snapshot; SandboxRestore then a SandboxGetTaskId that waits until it is ready for V1.
 */
final class SnapshotRestore {
  private static final float READY_SECONDS = 55;

  private SnapshotRestore() {}

  static CompletableFuture<Sandbox> restore(
      ClientContext context, SandboxSnapshot snapshot, SandboxFromSnapshotParams params) {
    SandboxNameOverrideType type =
        params.name().isPresent()
            ? SandboxNameOverrideType.SANDBOX_NAME_OVERRIDE_TYPE_STRING
            : params.unnamed()
                ? SandboxNameOverrideType.SANDBOX_NAME_OVERRIDE_TYPE_NONE
                : SandboxNameOverrideType.SANDBOX_NAME_OVERRIDE_TYPE_UNSPECIFIED;
    String name = params.name().orElse("");
    return snapshot
        .v2()
        .thenCompose(
            v2 ->
                v2
                    ? restoreV2(context, snapshot, type, name)
                    : restoreV1(context, snapshot, type, name));
  }

  private static CompletableFuture<Sandbox> restoreV2(
      ClientContext context, SandboxSnapshot snapshot, SandboxNameOverrideType type, String name) {
    return context
        .controlPlane()
        .unary(
            ModalClientGrpc.getSandboxRestoreV2Method(),
            SandboxRestoreV2Request.newBuilder()
                .setSnapshotId(snapshot.snapshotId())
                .setSandboxNameOverrideType(type)
                .setSandboxNameOverride(name)
                .build())
        .thenApply(
            r ->
                new Sandbox(
                    context,
                    r.getSandboxId(),
                    r.getTaskId(),
                    r.getCommandRouterAccess().getUrl(),
                    r.getCommandRouterAccess().getJwt(),
                    null));
  }

  private static CompletableFuture<Sandbox> restoreV1(
      ClientContext context, SandboxSnapshot snapshot, SandboxNameOverrideType type, String name) {
    return context
        .controlPlane()
        .unary(
            ModalClientGrpc.getSandboxRestoreMethod(),
            SandboxRestoreRequest.newBuilder()
                .setSnapshotId(snapshot.snapshotId())
                .setSandboxNameOverrideType(type)
                .setSandboxNameOverride(name)
                .build())
        .thenCompose(
            r ->
                context
                    .controlPlane()
                    .unary(
                        ModalClientGrpc.getSandboxGetTaskIdMethod(),
                        SandboxGetTaskIdRequest.newBuilder()
                            .setSandboxId(r.getSandboxId())
                            .setWaitUntilReady(true)
                            .setTimeout(READY_SECONDS)
                            .build())
                    .thenApply(
                        t -> {
                          if (t.hasTaskResult()
                              && t.getTaskResult().getStatus()
                                  != GenericStatus.GENERIC_STATUS_UNSPECIFIED
                              && t.getTaskResult().getStatus()
                                  != GenericStatus.GENERIC_STATUS_SUCCESS) {
                            throw new ExecutionException(t.getTaskResult().getException());
                          }
                          return new Sandbox(context, r.getSandboxId());
                        }));
  }
}
