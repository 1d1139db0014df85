package dev.modal4j.sandboxes;

import com.google.protobuf.ByteString;
import dev.modal4j.ExecutionException;
import dev.modal4j.InvalidException;
import dev.modal4j.TimeoutException;
import dev.modal4j.images.Image;
import dev.modal4j.internal.ClientContext;
import dev.modal4j.internal.ImageHandles;
import dev.modal4j.internal.sandbox.RouterClient;
import dev.modal4j.internal.sandbox.RouterPolicy;
import dev.modal4j.proto.GenericResult.GenericStatus;
import dev.modal4j.proto.ModalClientGrpc;
import dev.modal4j.proto.SandboxGetExitSnapshotRequest;
import dev.modal4j.proto.SandboxSnapshotRequest;
import dev.modal4j.proto.SandboxSnapshotWaitRequest;
import dev.modal4j.proto.router.TaskCommandRouterGrpc;
import dev.modal4j.proto.router.TaskMountDirectoryRequest;
import dev.modal4j.proto.router.TaskSnapshotDirectoryRequest;
import dev.modal4j.proto.router.TaskSnapshotFilesystemRequest;
import dev.modal4j.proto.router.TaskSnapshotMemoryRequest;
import dev.modal4j.proto.router.TaskUnmountDirectoryRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The snapshot and mount calls of one {@link Sandbox} (protocol/resources.md §5.13, §5.15): router
 * calls with an overall budget that ends in {@link TimeoutException}, a random snapshot id per
 * logical call so retries are idempotent, and the control-plane memory and exit snapshots.
 */
final class SandboxSnapshots {
  private static final Duration MEMORY_TIMEOUT = Duration.ofSeconds(55);
  private static final float MAX_POLL_SECONDS = 55;

  private final ClientContext context;
  private final String sandboxId;
  private final boolean v2;
  private final Supplier<CompletableFuture<RouterClient>> router;
  private final Supplier<CompletableFuture<String>> taskId;

  SandboxSnapshots(
      ClientContext context,
      String sandboxId,
      boolean v2,
      Supplier<CompletableFuture<RouterClient>> router,
      Supplier<CompletableFuture<String>> taskId) {
    this.context = context;
    this.sandboxId = sandboxId;
    this.v2 = v2;
    this.router = router;
    this.taskId = taskId;
  }

  CompletableFuture<Image> filesystem(SnapshotFilesystemParams params) {
    RouterPolicy policy = budget(params.timeout(), "Snapshotting the filesystem");
    String snapshotId = UUID.randomUUID().toString();
    return router
        .get()
        .thenCompose(
            r ->
                r.unary(
                    TaskCommandRouterGrpc.getTaskSnapshotFilesystemMethod(),
                    TaskSnapshotFilesystemRequest.newBuilder()
                        .setTaskId(r.taskId())
                        .setSnapshotId(snapshotId)
                        .setTtlSeconds(params.wireTtlSeconds())
                        .build(),
                    policy))
        .thenApply(r -> image(r.getImageId(), "filesystem"));
  }

  CompletableFuture<Image> directory(String path, SnapshotDirectoryParams params) {
    RouterPolicy policy = budget(params.timeout(), "Snapshotting directory " + path);
    String snapshotId = UUID.randomUUID().toString();
    Optional<byte[]> key = params.experimentalEncryptionKey();
    return router
        .get()
        .thenCompose(
            r -> {
              TaskSnapshotDirectoryRequest.Builder request =
                  TaskSnapshotDirectoryRequest.newBuilder()
                      .setTaskId(r.taskId())
                      .setPath(ByteString.copyFrom(path, StandardCharsets.UTF_8))
                      .setSnapshotId(snapshotId)
                      .setTtlSeconds(params.wireTtlSeconds());
              key.ifPresent(k -> request.setCustomerSuppliedEncryptionKey(ByteString.copyFrom(k)));
              return r.unary(
                  TaskCommandRouterGrpc.getTaskSnapshotDirectoryMethod(), request.build(), policy);
            })
        .thenApply(r -> image(r.getImageId(), "directory"));
  }

  CompletableFuture<Void> mount(String path, Optional<Image> image, MountImageParams params) {
    String imageId = "";
    if (image.isPresent()) {
      imageId =
          image
              .get()
              .imageId()
              .orElseThrow(
                  () ->
                      new InvalidException(
                          "image: Image must be built before mounting. Call image.build(app)"
                              + " first."));
    }
    String id = imageId;
    Optional<byte[]> key = params.experimentalEncryptionKey();
    return router
        .get()
        .thenCompose(
            r -> {
              TaskMountDirectoryRequest.Builder request =
                  TaskMountDirectoryRequest.newBuilder()
                      .setTaskId(r.taskId())
                      .setPath(ByteString.copyFrom(path, StandardCharsets.UTF_8))
                      .setImageId(id);
              key.ifPresent(k -> request.setCustomerSuppliedEncryptionKey(ByteString.copyFrom(k)));
              return r.unary(
                  TaskCommandRouterGrpc.getTaskMountDirectoryMethod(),
                  request.build(),
                  RouterPolicy.DEFAULT);
            })
        .thenApply(r -> (Void) null);
  }

  CompletableFuture<Void> unmount(String path) {
    return router
        .get()
        .thenCompose(
            r ->
                r.unary(
                    TaskCommandRouterGrpc.getTaskUnmountDirectoryMethod(),
                    TaskUnmountDirectoryRequest.newBuilder()
                        .setTaskId(r.taskId())
                        .setPath(ByteString.copyFrom(path, StandardCharsets.UTF_8))
                        .build(),
                    RouterPolicy.DEFAULT))
        .thenApply(r -> (Void) null);
  }

  CompletableFuture<SandboxSnapshot> memory() {
    if (v2) {
      RouterPolicy policy = budget(MEMORY_TIMEOUT, "The memory snapshot");
      String key = UUID.randomUUID().toString();
      return router
          .get()
          .thenCompose(
              r ->
                  r.unary(
                      TaskCommandRouterGrpc.getTaskSnapshotMemoryMethod(),
                      TaskSnapshotMemoryRequest.newBuilder()
                          .setTaskId(r.taskId())
                          .setIdempotencyKey(key)
                          .build(),
                      policy))
          .thenApply(r -> new SandboxSnapshot(context, r.getSnapshotId(), true));
    }
    return taskId
        .get()
        .thenCompose(
            id ->
                context
                    .controlPlane()
                    .unary(
                        ModalClientGrpc.getSandboxSnapshotMethod(),
                        SandboxSnapshotRequest.newBuilder().setSandboxId(sandboxId).build()))
        .thenCompose(
            s ->
                context
                    .controlPlane()
                    .unary(
                        ModalClientGrpc.getSandboxSnapshotWaitMethod(),
                        SandboxSnapshotWaitRequest.newBuilder()
                            .setSnapshotId(s.getSnapshotId())
                            .setTimeout(MAX_POLL_SECONDS)
                            .build())
                    .thenApply(
                        w -> {
                          if (w.getResult().getStatus() != GenericStatus.GENERIC_STATUS_SUCCESS) {
                            throw new ExecutionException(w.getResult().getException());
                          }
                          return new SandboxSnapshot(context, s.getSnapshotId(), false);
                        }));
  }

  CompletableFuture<Image> exit(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    return exitPoll(deadline, timeout);
  }

  private CompletableFuture<Image> exitPoll(long deadline, Duration timeout) {
    float left = Math.max(0, (deadline - System.nanoTime()) / 1e9f);
    return context
        .controlPlane()
        .unary(
            v2
                ? ModalClientGrpc.getSandboxGetExitSnapshotV2Method()
                : ModalClientGrpc.getSandboxGetExitSnapshotMethod(),
            SandboxGetExitSnapshotRequest.newBuilder()
                .setSandboxId(sandboxId)
                .setTimeout(Math.min(left, MAX_POLL_SECONDS))
                .build())
        .thenCompose(
            r -> {
              switch (r.getOutcomeCase()) {
                case SUCCESS:
                  return CompletableFuture.completedFuture(
                      image(r.getSuccess().getImageId(), "exit"));
                case ERROR:
                  throw new ExecutionException(
                      "The exit snapshot of sandbox "
                          + sandboxId
                          + " failed ("
                          + r.getError().getErrorCode()
                          + "): "
                          + r.getError().getMessage());
                default:
                  if (deadline - System.nanoTime() <= 0) {
                    throw new TimeoutException(
                        "The exit snapshot of sandbox "
                            + sandboxId
                            + " timed out: still pending after "
                            + timeout);
                  }
                  return exitPoll(deadline, timeout);
              }
            });
  }

  private Image image(String imageId, String kind) {
    if (imageId.isEmpty()) {
      throw new ExecutionException("Sandbox snapshot " + kind + " response missing image id");
    }
    return ImageHandles.built(context, imageId);
  }

  private RouterPolicy budget(Duration timeout, String what) {
    return RouterPolicy.DEFAULT.withDeadline(
        System.nanoTime() + timeout.toNanos(),
        () ->
            new TimeoutException(
                what + " of sandbox " + sandboxId + " did not finish within " + timeout));
  }
}
