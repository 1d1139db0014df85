package dev.modal4j.testing.sandboxes.snapshots;

import com.google.protobuf.Empty;
import dev.modal4j.proto.router.TaskCommandRouterGrpc;
import dev.modal4j.proto.router.TaskMountDirectoryRequest;
import dev.modal4j.proto.router.TaskSnapshotDirectoryRequest;
import dev.modal4j.proto.router.TaskSnapshotDirectoryResponse;
import dev.modal4j.proto.router.TaskSnapshotFilesystemRequest;
import dev.modal4j.proto.router.TaskSnapshotFilesystemResponse;
import dev.modal4j.proto.router.TaskSnapshotMemoryRequest;
import dev.modal4j.proto.router.TaskSnapshotMemoryResponse;
import dev.modal4j.proto.router.TaskUnmountDirectoryRequest;
import dev.modal4j.testing.internal.Unary;
import dev.modal4j.testing.sandboxes.SandboxTask;
import dev.modal4j.testing.sandboxes.router.RouterArea;
import dev.modal4j.testing.sandboxes.router.RouterContext;
import io.grpc.ServerServiceDefinition;
import java.nio.charset.StandardCharsets;

/**
 * The router's snapshot and mount RPCs: TaskSnapshotFilesystem, TaskSnapshotDirectory,
 * TaskMountDirectory, TaskUnmountDirectory and TaskSnapshotMemory, carried out by the sandbox's
 * backend (see {@link SnapshotImages}).
 */
public final class SnapshotRouterArea implements RouterArea {
  private final RouterContext context;

  /** Serves the snapshot RPCs of the router with {@code context}. */
  public SnapshotRouterArea(RouterContext context) {
    this.context = context;
  }

  @Override
  public void bind(ServerServiceDefinition.Builder service) {
    Unary.bind(
        service, TaskCommandRouterGrpc.getTaskSnapshotFilesystemMethod(), this::snapshotFilesystem);
    Unary.bind(
        service, TaskCommandRouterGrpc.getTaskSnapshotDirectoryMethod(), this::snapshotDirectory);
    Unary.bind(service, TaskCommandRouterGrpc.getTaskMountDirectoryMethod(), this::mount);
    Unary.bind(service, TaskCommandRouterGrpc.getTaskUnmountDirectoryMethod(), this::unmount);
    Unary.bind(service, TaskCommandRouterGrpc.getTaskSnapshotMemoryMethod(), this::memory);
  }

  private TaskSnapshotFilesystemResponse snapshotFilesystem(TaskSnapshotFilesystemRequest r) {
    SandboxTask task = context.task(r.getTaskId());
    SnapshotHub hub = SnapshotHub.of(context.state());
    String imageId =
        hub.images.filesystem(
            task,
            hub.appOf(task),
            r.getSnapshotId(),
            SnapshotHub.when(r.hasTtlSeconds(), r.getTtlSeconds()),
            SnapshotHub.when(
                r.hasCustomerSuppliedEncryptionKey(), r.getCustomerSuppliedEncryptionKey()));
    return TaskSnapshotFilesystemResponse.newBuilder().setImageId(imageId).build();
  }

  private TaskSnapshotDirectoryResponse snapshotDirectory(TaskSnapshotDirectoryRequest r) {
    SandboxTask task = context.task(r.getTaskId());
    SnapshotHub hub = SnapshotHub.of(context.state());
    String imageId =
        hub.images.directory(
            task,
            hub.appOf(task),
            r.getPath().toString(StandardCharsets.UTF_8),
            r.getSnapshotId(),
            SnapshotHub.when(r.hasTtlSeconds(), r.getTtlSeconds()),
            SnapshotHub.when(
                r.hasCustomerSuppliedEncryptionKey(), r.getCustomerSuppliedEncryptionKey()));
    return TaskSnapshotDirectoryResponse.newBuilder().setImageId(imageId).build();
  }

  private Empty mount(TaskMountDirectoryRequest r) {
    SandboxTask task = context.task(r.getTaskId());
    SnapshotHub.of(context.state())
        .images
        .mount(
            task,
            r.getPath().toString(StandardCharsets.UTF_8),
            r.getImageId(),
            SnapshotHub.when(
                r.hasCustomerSuppliedEncryptionKey(), r.getCustomerSuppliedEncryptionKey()));
    return Empty.getDefaultInstance();
  }

  private Empty unmount(TaskUnmountDirectoryRequest r) {
    SandboxTask task = context.task(r.getTaskId());
    SnapshotHub.of(context.state())
        .images
        .unmount(task, r.getPath().toString(StandardCharsets.UTF_8));
    return Empty.getDefaultInstance();
  }

  private TaskSnapshotMemoryResponse memory(TaskSnapshotMemoryRequest r) {
    SandboxTask task = context.task(r.getTaskId());
    String snapshotId =
        SnapshotHub.of(context.state())
            .memory
            .takeAndTerminate(task.sandboxId(), r.getIdempotencyKey());
    return TaskSnapshotMemoryResponse.newBuilder().setSnapshotId(snapshotId).build();
  }
}
