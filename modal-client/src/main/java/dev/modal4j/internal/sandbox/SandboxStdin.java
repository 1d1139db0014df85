package dev.modal4j.internal.sandbox;

import com.google.protobuf.ByteString;
import dev.modal4j.ConflictException;
import dev.modal4j.ModalException;
import dev.modal4j.internal.ClientContext;
import dev.modal4j.internal.Futures;
import dev.modal4j.proto.ModalClientGrpc;
import dev.modal4j.proto.SandboxStdinWriteRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * The entrypoint's stdin (SandboxStdinWrite): every write is sent at once with the next index (from
 * 1); {@link #close()} sends EOF, and a sandbox that has finished already is not an error then.
 */
public final class SandboxStdin extends OutputStream {
  private final ClientContext context;
  private final String sandboxId;
  private int index;
  private boolean closed;

  /** The stdin of sandbox {@code sandboxId}'s entrypoint. */
  public SandboxStdin(ClientContext context, String sandboxId) {
    this.context = context;
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
    if (len > 0) {
      send(ByteString.copyFrom(b, off, len), false);
    }
  }

  private void send(ByteString data, boolean eof) throws IOException {
    index++;
    SandboxStdinWriteRequest request =
        SandboxStdinWriteRequest.newBuilder()
            .setSandboxId(sandboxId)
            .setInput(data)
            .setIndex(index)
            .setEof(eof)
            .build();
    try {
      Futures.join(
          context.controlPlane().unary(ModalClientGrpc.getSandboxStdinWriteMethod(), request));
    } catch (ConflictException e) {
      if (!eof) {
        throw new IOException(
            "Writing to the stdin of " + sandboxId + " failed: " + e.getMessage(), e);
      }
    } catch (ModalException e) {
      throw new IOException(
          "Writing to the stdin of " + sandboxId + " failed: " + e.getMessage(), e);
    }
  }

  /** Sends EOF. Idempotent. */
  @Override
  public synchronized void close() throws IOException {
    if (!closed) {
      closed = true;
      send(ByteString.EMPTY, true);
    }
  }
}
