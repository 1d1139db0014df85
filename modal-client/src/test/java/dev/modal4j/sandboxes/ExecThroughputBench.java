package dev.modal4j.sandboxes;

import dev.modal4j.ModalClient;
import dev.modal4j.proto.router.TaskCommandRouterGrpc;
import dev.modal4j.proto.router.TaskExecStdioFileDescriptor;
import dev.modal4j.proto.router.TaskExecStdioReadRequest;
import dev.modal4j.proto.router.TaskExecStdioReadResponse;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Not part of the suite (run with -Dtest=ExecThroughputBench): exec stdout through the SDK against
 * a raw blocking stub reading the same stream from the same scripted router.
 */
class ExecThroughputBench {
  @Test
  void measure() throws Exception {
    int size = Integer.getInteger("bench.mib", 256) * 1024 * 1024;
    try (FakeRouter fake = new FakeRouter()) {
      byte[] data = new byte[size];
      for (int i = 0; i < size; i += 4096) {
        data[i] = (byte) i;
      }
      fake.stdout = data;
      fake.chunkSize = Integer.getInteger("bench.chunk", 1024 * 1024);
      try (ModalClient modal =
          ModalClient.builder()
              .channel(fake.controlChannel())
              .serverUrl("http://127.0.0.1:1")
              .tokenId("ak")
              .tokenSecret("as")
              .environmentVariables(Map.of())
              .build()) {
        Sandbox sb = modal.sandboxes().fromId(FakeRouter.SANDBOX_ID);
        ManagedChannel raw =
            NettyChannelBuilder.forTarget(fake.routerUrl().replace("https://", ""))
                .usePlaintext()
                .flowControlWindow(64 * 1024 * 1024)
                .maxInboundMessageSize(100 * 1024 * 1024)
                .build();
        Metadata h = new Metadata();
        h.put(
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
            "Bearer " + fake.acceptedJwt);
        var stub =
            TaskCommandRouterGrpc.newBlockingStub(raw)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(h));
        byte[] buf = new byte[64 * 1024];
        for (int round = 0; round < 3; round++) {
          long t0 = System.nanoTime();
          long n = 0;
          Iterator<TaskExecStdioReadResponse> it =
              stub.taskExecStdioRead(
                  TaskExecStdioReadRequest.newBuilder()
                      .setTaskId(FakeRouter.TASK_ID)
                      .setExecId("x")
                      .setFileDescriptor(
                          TaskExecStdioFileDescriptor.TASK_EXEC_STDIO_FILE_DESCRIPTOR_STDOUT)
                      .build());
          while (it.hasNext()) {
            var d = it.next().getData();
            for (int off = 0; off < d.size(); off += buf.length) {
              int len = Math.min(buf.length, d.size() - off);
              d.copyTo(buf, off, 0, len);
              n += len;
            }
          }
          double rawMbs = n / 1e6 / ((System.nanoTime() - t0) / 1e9);
          t0 = System.nanoTime();
          ContainerProcess p =
              sb.exec(List.of("cat"), ExecParams.builder().mode(StreamMode.BINARY).build());
          long m = 0;
          var in = p.stdout();
          int r;
          while ((r = in.read(buf)) > 0) {
            m += r;
          }
          double sdkMbs = m / 1e6 / ((System.nanoTime() - t0) / 1e9);
          System.out.printf(
              "round %d: raw %.0f MB/s, sdk %.0f MB/s, ratio %.2f (%d/%d bytes)%n",
              round, rawMbs, sdkMbs, sdkMbs / rawMbs, n, m);
        }
        raw.shutdownNow();
        sb.detach();
      }
    }
  }
}
