package dev.modal4j.testing.sandboxes.router;

import dev.modal4j.proto.router.TaskCommandRouterGrpc;
import dev.modal4j.proto.router.TaskExecStartRequest;
import dev.modal4j.proto.router.TaskExecStderrConfig;
import dev.modal4j.proto.router.TaskExecStdioFileDescriptor;
import dev.modal4j.proto.router.TaskExecStdioReadRequest;
import dev.modal4j.proto.router.TaskExecStdioReadResponse;
import dev.modal4j.proto.router.TaskExecStdoutConfig;
import dev.modal4j.proto.router.TaskExecWaitRequest;
import dev.modal4j.proto.router.TaskExecWaitResponse;
import dev.modal4j.testing.ModalEmulator;
import dev.modal4j.testing.sandboxes.CommandRouterServer;
import dev.modal4j.testing.sandboxes.process.ProcessBackend;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** An emulator's state, a process backend, a router over a test directory, a raw channel to it. */
final class RouterFixture implements AutoCloseable {
  final SettableClock clock = new SettableClock();
  final ModalEmulator emulator;
  final ProcessBackend backend;
  final TestTasks tasks;
  final CommandRouterServer router;
  final ManagedChannel channel;

  RouterFixture() throws IOException {
    emulator = ModalEmulator.builder().clock(clock).start();
    backend = new ProcessBackend();
    tasks = new TestTasks(backend);
    router =
        new CommandRouterServer(
            tasks,
            emulator.state(),
            () ->
                dev.modal4j.testing.sandboxes.tunnels.TunnelCertificates.generate().keyManagers());
    URI url = URI.create(router.url());
    channel =
        NettyChannelBuilder.forAddress(url.getHost(), url.getPort())
            .usePlaintext()
            .maxInboundMessageSize(100 * 1024 * 1024)
            .flowControlWindow(64 * 1024 * 1024)
            .build();
  }

  /** A blocking stub carrying {@code authorization: Bearer <jwt>} (no header for null). */
  TaskCommandRouterGrpc.TaskCommandRouterBlockingStub blocking(String jwt) {
    return TaskCommandRouterGrpc.newBlockingStub(channel)
        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers(jwt)))
        .withDeadlineAfter(60, TimeUnit.SECONDS);
  }

  TaskCommandRouterGrpc.TaskCommandRouterStub async(String jwt) {
    return TaskCommandRouterGrpc.newStub(channel)
        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers(jwt)));
  }

  /** A blocking stub with a valid token for {@code task}. */
  TaskCommandRouterGrpc.TaskCommandRouterBlockingStub stub(TestTasks.Task task) {
    return blocking(router.jwt(task.taskId()));
  }

  private static Metadata headers(String jwt) {
    Metadata headers = new Metadata();
    if (jwt != null) {
      headers.put(
          Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + jwt);
    }
    return headers;
  }

  static TaskExecStartRequest.Builder exec(TestTasks.Task task, String... args) {
    return TaskExecStartRequest.newBuilder()
        .setTaskId(task.taskId())
        .setExecId(UUID.randomUUID().toString())
        .addAllCommandArgs(List.of(args))
        .setStdoutConfig(TaskExecStdoutConfig.TASK_EXEC_STDOUT_CONFIG_PIPE)
        .setStderrConfig(TaskExecStderrConfig.TASK_EXEC_STDERR_CONFIG_PIPE);
  }

  /** Starts the exec and returns its id. */
  String start(TestTasks.Task task, TaskExecStartRequest request) {
    stub(task).taskExecStart(request);
    return request.getExecId();
  }

  /** Reads one output stream from {@code offset} to its end. */
  byte[] read(TestTasks.Task task, String execId, boolean stderr, long offset) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Iterator<TaskExecStdioReadResponse> it =
        stub(task)
            .taskExecStdioRead(
                TaskExecStdioReadRequest.newBuilder()
                    .setTaskId(task.taskId())
                    .setExecId(execId)
                    .setOffset(offset)
                    .setFileDescriptor(
                        stderr
                            ? TaskExecStdioFileDescriptor.TASK_EXEC_STDIO_FILE_DESCRIPTOR_STDERR
                            : TaskExecStdioFileDescriptor.TASK_EXEC_STDIO_FILE_DESCRIPTOR_STDOUT)
                    .build());
    try {
      while (it.hasNext()) {
        it.next().getData().writeTo(out);
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  byte[] stdout(TestTasks.Task task, String execId) {
    return read(task, execId, false, 0);
  }

  TaskExecWaitResponse await(TestTasks.Task task, String execId) {
    return stub(task)
        .taskExecWait(
            TaskExecWaitRequest.newBuilder().setTaskId(task.taskId()).setExecId(execId).build());
  }

  @Override
  public void close() throws InterruptedException {
    channel.shutdownNow();
    channel.awaitTermination(5, TimeUnit.SECONDS);
    router.close();
    backend.close();
    emulator.close();
  }
}
