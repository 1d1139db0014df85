package dev.modal4j.internal.sandbox;

import com.google.protobuf.ByteString;
import dev.modal4j.ModalException;
import dev.modal4j.internal.Futures;
import dev.modal4j.proto.router.SandboxStdinWriteV2Request;
import dev.modal4j.proto.router.TaskCommandRouterGrpc;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The stdin of a V2 sandbox's entrypoint (the router's SandboxStdinWriteV2): every write is sent at
 * once at the offset of the bytes written before it, so a retried write is never applied twice;
 * {@link #close()} sends EOF. Failures are thrown as {@link IOException}s caused by the {@link
 * ModalException}.
 */
public final class SandboxStdinV2 extends OutputStream {
  private final Supplier<CompletableFuture<RouterClient>> router;
  private final String sandboxId;
  private long offset;
  private boolean closed;

  /** The entrypoint stdin of V2 sandbox {@code sandboxId}, written through {@code router}. */
  public SandboxStdinV2(Supplier<CompletableFuture<RouterClient>> router, String sandboxId) {
    this.router = router;
    this.sandboxId = sandboxId;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    if (closed) {
      throw new IOException("The sandbox's stdin is closed");
    }
    if (len == 0) {
      return;
    }
    send(ByteString.copyFrom(b, off, len), false);
    offset += len;
  }

  private void send(ByteString data, boolean eof) throws IOException {
    try {
      Futures.join(
          router
              .get()
              .thenCompose(
                  c ->
                      c.unary(
                          TaskCommandRouterGrpc.getSandboxStdinWriteV2Method(),
                          SandboxStdinWriteV2Request.newBuilder()
                              .setTaskId(c.taskId())
                              .setOffset(offset)
                              .setData(data)
                              .setEof(eof)
                              .build(),
                          RouterPolicy.DEFAULT)));
    } catch (ModalException e) {
      throw new IOException(
          "Writing to the stdin of " + sandboxId + " failed: " + e.getMessage(), e);
    }
  }

  /** Sends EOF: the entrypoint reads no more input. Idempotent. */
  @Override
  public synchronized void close() throws IOException {
    if (!closed) {
      closed = true;
      send(ByteString.EMPTY, true);
    }
  }
}
