package dev.modal4j.testing.sandboxes.snapshots;

import dev.modal4j.proto.CommandRouterAccess;
import dev.modal4j.proto.ModalClientGrpc;
import dev.modal4j.proto.SandboxGetExitSnapshotRequest;
import dev.modal4j.proto.SandboxGetExitSnapshotResponse;
import dev.modal4j.proto.SandboxHandleMetadata;
import dev.modal4j.proto.SandboxRestoreRequest;
import dev.modal4j.proto.SandboxRestoreResponse;
import dev.modal4j.proto.SandboxRestoreV2Request;
import dev.modal4j.proto.SandboxRestoreV2Response;
import dev.modal4j.proto.SandboxSnapshotGetRequest;
import dev.modal4j.proto.SandboxSnapshotGetResponse;
import dev.modal4j.proto.SandboxSnapshotHandleMetadata;
import dev.modal4j.proto.SandboxSnapshotRequest;
import dev.modal4j.proto.SandboxSnapshotResponse;
import dev.modal4j.proto.SandboxSnapshotWaitRequest;
import dev.modal4j.proto.SandboxSnapshotWaitResponse;
import dev.modal4j.testing.EmulatorState;
import dev.modal4j.testing.images.ImageStore;
import dev.modal4j.testing.internal.AsyncUnary;
import dev.modal4j.testing.internal.EmulatorArea;
import dev.modal4j.testing.internal.Unary;
import dev.modal4j.testing.sandboxes.RouterAccess;
import dev.modal4j.testing.sandboxes.SandboxControl;
import io.grpc.ServerServiceDefinition;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The control-plane snapshot RPCs: memory snapshots (SandboxSnapshot, SandboxSnapshotWait,
 * SandboxSnapshotGet), restore (SandboxRestore, SandboxRestoreV2) and exit snapshots
 * (SandboxGetExitSnapshot and its V2 twin). Memory snapshots are filesystem snapshots here (see
 * {@link MemorySnapshots}); the router's snapshot and mount RPCs are in {@link SnapshotRouterArea}.
 * Snapshot images are removed by the sandbox backend when the emulator closes.
 */
public final class SnapshotsArea implements EmulatorArea {
  private static final long MAX_WAIT_MILLIS = 55_000;
  private static final long RESTORE_START_MILLIS = 30_000;

  private final SnapshotHub hub;

  /**
   * Serves snapshots of the emulator's sandboxes.
   *
   * @param state the emulator's state (its router area finds this area's state by it)
   * @param images the image store snapshot images are registered in
   * @param sandboxes the sandboxes area's control
   */
  public SnapshotsArea(EmulatorState state, ImageStore images, SandboxControl sandboxes) {
    this.hub = SnapshotHub.open(state, images, sandboxes);
  }

  @Override
  public void bind(ServerServiceDefinition.Builder service) {
    Unary.bind(service, ModalClientGrpc.getSandboxSnapshotMethod(), this::snapshot);
    AsyncUnary.bind(service, ModalClientGrpc.getSandboxSnapshotWaitMethod(), this::await);
    Unary.bind(service, ModalClientGrpc.getSandboxSnapshotGetMethod(), this::get);
    AsyncUnary.bind(service, ModalClientGrpc.getSandboxRestoreMethod(), this::restore);
    AsyncUnary.bind(service, ModalClientGrpc.getSandboxRestoreV2Method(), this::restoreV2);
    AsyncUnary.bind(service, ModalClientGrpc.getSandboxGetExitSnapshotMethod(), this::exit);
    AsyncUnary.bind(service, ModalClientGrpc.getSandboxGetExitSnapshotV2Method(), this::exit);
  }

  private SandboxSnapshotResponse snapshot(SandboxSnapshotRequest request) {
    return SandboxSnapshotResponse.newBuilder()
        .setSnapshotId(hub.memory.start(request.getSandboxId()))
        .build();
  }

  private void await(
      SandboxSnapshotWaitRequest request, AsyncUnary.Reply<SandboxSnapshotWaitResponse> reply) {
    hub.memory
        .await(request.getSnapshotId(), millis(request.getTimeout()))
        .thenAccept(r -> reply.send(SandboxSnapshotWaitResponse.newBuilder().setResult(r).build()));
  }

  private SandboxSnapshotGetResponse get(SandboxSnapshotGetRequest request) {
    MemorySnapshots.Snapshot snapshot = hub.memory.get(request.getSnapshotId());
    return SandboxSnapshotGetResponse.newBuilder()
        .setSnapshotId(snapshot.snapshotId())
        .setHandleMetadata(SandboxSnapshotHandleMetadata.newBuilder().setIsV2(snapshot.v2()))
        .build();
  }

  private void restore(
      SandboxRestoreRequest request, AsyncUnary.Reply<SandboxRestoreResponse> reply) {
    SandboxControl.Found sandbox =
        hub.memory.restore(
            request.getSnapshotId(),
            request.getSandboxNameOverrideType(),
            request.getSandboxNameOverride(),
            false,
            request.getReplaceVolumeMounts()
                ? Optional.of(request.getVolumeMountsList())
                : Optional.empty());
    reply.send(
        SandboxRestoreResponse.newBuilder().setSandboxId(sandbox.task().sandboxId()).build());
  }

  private void restoreV2(
      SandboxRestoreV2Request request, AsyncUnary.Reply<SandboxRestoreV2Response> reply) {
    SandboxControl.Found sandbox =
        hub.memory.restore(
            request.getSnapshotId(),
            request.getSandboxNameOverrideType(),
            request.getSandboxNameOverride(),
            true,
            Optional.empty());
    sandbox
        .started()
        .exceptionally(e -> null)
        .completeOnTimeout(null, RESTORE_START_MILLIS, TimeUnit.MILLISECONDS)
        .thenRun(
            () -> {
              SandboxRestoreV2Response.Builder response =
                  SandboxRestoreV2Response.newBuilder()
                      .setSandboxId(sandbox.task().sandboxId())
                      .setTaskId(sandbox.task().taskId())
                      .setMetadata(SandboxHandleMetadata.newBuilder().setAppId(sandbox.appId()));
              if (!sandbox.task().finished()) {
                RouterAccess access = hub.sandboxes.router();
                response.setCommandRouterAccess(
                    CommandRouterAccess.newBuilder()
                        .setUrl(access.url())
                        .setJwt(access.jwt(sandbox.task().taskId())));
              }
              reply.send(response.build());
            });
  }

  private void exit(
      SandboxGetExitSnapshotRequest request,
      AsyncUnary.Reply<SandboxGetExitSnapshotResponse> reply) {
    hub.exits.get(request.getSandboxId(), millis(request.getTimeout())).thenAccept(reply::send);
  }

  private static long millis(float seconds) {
    return seconds > 0 ? Math.min(MAX_WAIT_MILLIS, (long) (seconds * 1000)) : 0;
  }

  @Override
  public void close() {
    hub.close();
  }
}
