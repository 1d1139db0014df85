package dev.modal4j.sandboxes;

import dev.modal4j.ModalClient;
import dev.modal4j.apps.App;
import dev.modal4j.apps.AppFromNameParams;
import dev.modal4j.proto.ModalClientGrpc;
import dev.modal4j.proto.SandboxGetTaskIdRequest;
import dev.modal4j.proto.TaskGetCommandRouterAccessRequest;
import dev.modal4j.proto.TaskGetCommandRouterAccessResponse;
import dev.modal4j.proto.router.TaskCommandRouterGrpc;
import dev.modal4j.proto.router.TaskExecStartRequest;
import dev.modal4j.proto.router.TaskExecStdioFileDescriptor;
import dev.modal4j.proto.router.TaskExecStdioReadRequest;
import dev.modal4j.proto.router.TaskExecStdoutConfig;
import dev.modal4j.proto.router.TaskExecWaitRequest;
import dev.modal4j.testing.ModalEmulator;
import dev.modal4j.testing.sandboxes.SandboxBackendType;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Not part of the suite (run with -Dtest=ExecEmulatorBench): exec stdout throughput and the echo
 * round trip through the SDK against raw stubs, on the emulator's process backend.
 */
class ExecEmulatorBench {
  private static final int MIB = Integer.getInteger("bench.mib", 256);

  @Test
  void measure() throws Exception {
    try (ModalEmulator emulator =
            ModalEmulator.builder().sandboxBackend(SandboxBackendType.PROCESS).start();
        ModalClient modal = emulator.newClient()) {
      App app =
          modal.apps().fromName("bench", AppFromNameParams.builder().createIfMissing(true).build());
      Sandbox sb = modal.sandboxes().create(app, modal.images().fromRegistry("alpine:3.21"));
      Metadata cp = new Metadata();
      cp.put(
          Metadata.Key.of("x-modal-token-id", Metadata.ASCII_STRING_MARSHALLER),
          ModalEmulator.TOKEN_ID);
      cp.put(
          Metadata.Key.of("x-modal-token-secret", Metadata.ASCII_STRING_MARSHALLER),
          ModalEmulator.TOKEN_SECRET);
      var control =
          ModalClientGrpc.newBlockingStub(emulator.inProcessChannel())
              .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(cp));
      String taskId =
          control
              .sandboxGetTaskId(
                  SandboxGetTaskIdRequest.newBuilder().setSandboxId(sb.sandboxId()).build())
              .getTaskId();
      TaskGetCommandRouterAccessResponse access =
          control.taskGetCommandRouterAccess(
              TaskGetCommandRouterAccessRequest.newBuilder().setTaskId(taskId).build());
      URI url = URI.create(access.getUrl());
      ManagedChannel raw =
          NettyChannelBuilder.forAddress(url.getHost(), url.getPort())
              .usePlaintext()
              .flowControlWindow(64 * 1024 * 1024)
              .maxInboundMessageSize(100 * 1024 * 1024)
              .build();
      Metadata h = new Metadata();
      h.put(
          Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
          "Bearer " + access.getJwt());
      var router =
          TaskCommandRouterGrpc.newBlockingStub(raw)
              .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(h));
      List<String> big = List.of("head", "-c", Long.toString(MIB * 1024L * 1024L), "/dev/zero");
      byte[] buf = new byte[64 * 1024];
      for (int round = 0; round < 4; round++) {
        long t0 = System.nanoTime();
        long n = rawRead(router, taskId, big, buf);
        double rawMbs = n / 1e6 / ((System.nanoTime() - t0) / 1e9);
        t0 = System.nanoTime();
        ContainerProcess p = sb.exec(big, ExecParams.builder().mode(StreamMode.BINARY).build());
        long m = 0;
        int r;
        while ((r = p.stdout().read(buf)) > 0) {
          m += r;
        }
        p.waitFor();
        double sdkMbs = m / 1e6 / ((System.nanoTime() - t0) / 1e9);
        System.out.printf(
            "throughput round %d: raw %.0f MB/s, sdk %.0f MB/s, sdk/raw %.2f (%d/%d bytes)%n",
            round, rawMbs, sdkMbs, sdkMbs / rawMbs, n, m);
      }
      List<String> echo = List.of("echo", "x");
      List<Long> rawT = new ArrayList<>();
      List<Long> sdkT = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        long t0 = System.nanoTime();
        rawRead(router, taskId, echo, buf);
        rawT.add(System.nanoTime() - t0);
        t0 = System.nanoTime();
        ContainerProcess p = sb.exec(echo);
        p.stdout().readText();
        p.waitFor();
        sdkT.add(System.nanoTime() - t0);
      }
      rawT = rawT.subList(10, rawT.size());
      sdkT = sdkT.subList(10, sdkT.size());
      Collections.sort(rawT);
      Collections.sort(sdkT);
      double rawP50 = rawT.get(rawT.size() / 2) / 1e6;
      double sdkP50 = sdkT.get(sdkT.size() / 2) / 1e6;
      System.out.printf(
          "echo round trip p50: raw %.2f ms, sdk %.2f ms, sdk/raw %.2f%n",
          rawP50, sdkP50, sdkP50 / rawP50);
      raw.shutdownNow();
      sb.terminate();
    }
  }

  private static long rawRead(
      TaskCommandRouterGrpc.TaskCommandRouterBlockingStub router,
      String taskId,
      List<String> command,
      byte[] buf) {
    String execId = UUID.randomUUID().toString();
    router.taskExecStart(
        TaskExecStartRequest.newBuilder()
            .setTaskId(taskId)
            .setExecId(execId)
            .addAllCommandArgs(command)
            .setStdoutConfig(TaskExecStdoutConfig.TASK_EXEC_STDOUT_CONFIG_PIPE)
            .build());
    var it =
        router.taskExecStdioRead(
            TaskExecStdioReadRequest.newBuilder()
                .setTaskId(taskId)
                .setExecId(execId)
                .setFileDescriptor(
                    TaskExecStdioFileDescriptor.TASK_EXEC_STDIO_FILE_DESCRIPTOR_STDOUT)
                .build());
    long n = 0;
    while (it.hasNext()) {
      var d = it.next().getData();
      for (int off = 0; off < d.size(); off += buf.length) {
        int len = Math.min(buf.length, d.size() - off);
        d.copyTo(buf, off, 0, len);
        n += len;
      }
    }
    router.taskExecWait(
        TaskExecWaitRequest.newBuilder().setTaskId(taskId).setExecId(execId).build());
    return n;
  }
}
