package dev.modal4j.bench;

import com.google.protobuf.ByteString;
import dev.modal4j.proto.AppGetOrCreateRequest;
import dev.modal4j.proto.Image;
import dev.modal4j.proto.ImageGetOrCreateRequest;
import dev.modal4j.proto.ObjectCreationType;
import dev.modal4j.proto.Sandbox;
import dev.modal4j.proto.SandboxCreateRequest;
import dev.modal4j.proto.SandboxGetTaskIdRequest;
import dev.modal4j.proto.SandboxGetTaskIdResponse;
import dev.modal4j.proto.SandboxTerminateRequest;
import dev.modal4j.proto.TaskGetCommandRouterAccessRequest;
import dev.modal4j.proto.TaskGetCommandRouterAccessResponse;
import dev.modal4j.proto.router.TaskCommandRouterGrpc;
import dev.modal4j.proto.router.TaskExecStartRequest;
import dev.modal4j.proto.router.TaskExecStderrConfig;
import dev.modal4j.proto.router.TaskExecStdioFileDescriptor;
import dev.modal4j.proto.router.TaskExecStdioReadRequest;
import dev.modal4j.proto.router.TaskExecStdioReadResponse;
import dev.modal4j.proto.router.TaskExecStdoutConfig;
import dev.modal4j.proto.router.TaskExecWaitRequest;
import dev.modal4j.proto.router.TaskExecWaitResponse;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.net.URI;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The raw-stub floor for sandbox exec: one sandbox made with bare control-plane stubs, and bare
 * command-router stubs on one plaintext channel to the router URL the emulator hands out, with the
 * SDK's channel settings and only the {@code authorization: Bearer <jwt>} header. Per exec:
 * TaskExecStart, TaskExecStdioRead of stdout from offset 0 to EOF (blocking iterator), and
 * TaskExecWait. No retries, no resumption.
 */
final class RawSandboxFloor implements AutoCloseable {
  private static final int WINDOW = 64 * 1024 * 1024;
  private static final int MAX_MESSAGE = 100 * 1024 * 1024;

  private final RawConnection control;
  private final String sandboxId;
  private final String taskId;
  private final ManagedChannel routerChannel;
  private final TaskCommandRouterGrpc.TaskCommandRouterBlockingStub router;

  RawSandboxFloor(RawConnection control, String appName, String imageTag)
      throws InterruptedException {
    this.control = control;
    var cp = control.stub();
    String appId =
        cp.appGetOrCreate(
                AppGetOrCreateRequest.newBuilder()
                    .setAppName(appName)
                    .setObjectCreationType(
                        ObjectCreationType.OBJECT_CREATION_TYPE_CREATE_IF_MISSING)
                    .build())
            .getAppId();
    String imageId =
        cp.imageGetOrCreate(
                ImageGetOrCreateRequest.newBuilder()
                    .setAppId(appId)
                    .setImage(Image.newBuilder().addDockerfileCommands("FROM " + imageTag))
                    .build())
            .getImageId();
    sandboxId =
        cp.sandboxCreate(
                SandboxCreateRequest.newBuilder()
                    .setAppId(appId)
                    .setDefinition(
                        Sandbox.newBuilder().setImageId(imageId).setTimeoutSecs(1800).build())
                    .build())
            .getSandboxId();
    String task = null;
    for (int i = 0; i < 600 && task == null; i++) {
      SandboxGetTaskIdResponse r =
          cp.sandboxGetTaskId(SandboxGetTaskIdRequest.newBuilder().setSandboxId(sandboxId).build());
      if (r.hasTaskResult()) {
        throw new IllegalStateException("the bench sandbox ended before it had a task");
      }
      if (r.hasTaskId() && !r.getTaskId().isEmpty()) {
        task = r.getTaskId();
      } else {
        Thread.sleep(50);
      }
    }
    if (task == null) {
      throw new IllegalStateException("the bench sandbox got no task in 30 s");
    }
    taskId = task;
    TaskGetCommandRouterAccessResponse access =
        cp.taskGetCommandRouterAccess(
            TaskGetCommandRouterAccessRequest.newBuilder().setTaskId(taskId).build());
    URI uri = URI.create(access.getUrl());
    routerChannel =
        NettyChannelBuilder.forAddress(uri.getHost(), uri.getPort() == -1 ? 443 : uri.getPort())
            .usePlaintext()
            .initialFlowControlWindow(WINDOW)
            .flowControlWindow(WINDOW)
            .maxInboundMessageSize(MAX_MESSAGE)
            .keepAliveTime(30, TimeUnit.SECONDS)
            .keepAliveTimeout(10, TimeUnit.SECONDS)
            .keepAliveWithoutCalls(true)
            .build();
    Metadata auth = new Metadata();
    auth.put(
        Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
        "Bearer " + access.getJwt());
    router =
        TaskCommandRouterGrpc.newBlockingStub(routerChannel)
            .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(auth));
  }

  /** Runs {@code command}, reads its stdout to EOF; returns the bytes read (checked all-zero). */
  long execZeros(List<String> command) {
    String execId = start(command);
    long n = 0;
    Iterator<TaskExecStdioReadResponse> it = read(execId);
    while (it.hasNext()) {
      ByteString data = it.next().getData();
      for (int i = 0; i < data.size(); i++) {
        if (data.byteAt(i) != 0) {
          throw new IllegalStateException("non-zero byte at offset " + (n + i));
        }
      }
      n += data.size();
    }
    requireExit0(execId);
    return n;
  }

  /** Runs {@code command}, reads its stdout to EOF, waits; returns stdout as text. */
  String execText(List<String> command) {
    String execId = start(command);
    ByteString out = ByteString.EMPTY;
    Iterator<TaskExecStdioReadResponse> it = read(execId);
    while (it.hasNext()) {
      out = out.concat(it.next().getData());
    }
    requireExit0(execId);
    return out.toStringUtf8();
  }

  private String start(List<String> command) {
    String execId = UUID.randomUUID().toString();
    router.taskExecStart(
        TaskExecStartRequest.newBuilder()
            .setTaskId(taskId)
            .setExecId(execId)
            .addAllCommandArgs(command)
            .setStdoutConfig(TaskExecStdoutConfig.TASK_EXEC_STDOUT_CONFIG_PIPE)
            .setStderrConfig(TaskExecStderrConfig.TASK_EXEC_STDERR_CONFIG_DEVNULL)
            .build());
    return execId;
  }

  private Iterator<TaskExecStdioReadResponse> read(String execId) {
    return router.taskExecStdioRead(
        TaskExecStdioReadRequest.newBuilder()
            .setTaskId(taskId)
            .setExecId(execId)
            .setOffset(0)
            .setFileDescriptor(TaskExecStdioFileDescriptor.TASK_EXEC_STDIO_FILE_DESCRIPTOR_STDOUT)
            .build());
  }

  private void requireExit0(String execId) {
    TaskExecWaitResponse r =
        router
            .withDeadlineAfter(60, TimeUnit.SECONDS)
            .taskExecWait(
                TaskExecWaitRequest.newBuilder().setTaskId(taskId).setExecId(execId).build());
    if (r.getExitStatusCase() != TaskExecWaitResponse.ExitStatusCase.CODE || r.getCode() != 0) {
      throw new IllegalStateException("bench exec ended with " + r);
    }
  }

  @Override
  public void close() {
    routerChannel.shutdownNow();
    try {
      control
          .stub()
          .sandboxTerminate(SandboxTerminateRequest.newBuilder().setSandboxId(sandboxId).build());
      routerChannel.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
