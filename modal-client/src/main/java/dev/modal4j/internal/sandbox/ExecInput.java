package dev.modal4j.internal.sandbox;

import com.google.protobuf.ByteString;
import dev.modal4j.ModalException;
import dev.modal4j.internal.Futures;
import dev.modal4j.proto.router.TaskCommandRouterGrpc;
import dev.modal4j.proto.router.TaskExecStdinWriteRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * The stdin of an exec'd command: every write is sent at once with TaskExecStdinWrite at the offset
 * of the bytes written before it, so a retried write is never applied twice; {@link #close()} sends
 * EOF. Failures are thrown as {@link IOException}s caused by the {@link ModalException}.
 */
public final class ExecInput extends OutputStream {
  private final RouterClient client;
  private final String execId;
  private long offset;
  private boolean closed;

  /** The stdin of exec {@code execId} on {@code client}'s task. */
  public ExecInput(RouterClient client, String execId) {
    this.client = client;
    this.execId = execId;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    if (closed) {
      throw new IOException("The command's stdin is closed");
    }
    if (len == 0) {
      return;
    }
    send(ByteString.copyFrom(b, off, len), false);
    offset += len;
  }

  private void send(ByteString data, boolean eof) throws IOException {
    TaskExecStdinWriteRequest request =
        TaskExecStdinWriteRequest.newBuilder()
            .setTaskId(client.taskId())
            .setExecId(execId)
            .setOffset(offset)
            .setData(data)
            .setEof(eof)
            .build();
    try {
      Futures.join(
          client.unary(
              TaskCommandRouterGrpc.getTaskExecStdinWriteMethod(), request, RouterPolicy.DEFAULT));
    } catch (ModalException e) {
      throw new IOException("Writing to the command's stdin failed: " + e.getMessage(), e);
    }
  }

  /** Sends EOF: the command reads no more input. Idempotent. */
  @Override
  public synchronized void close() throws IOException {
    if (!closed) {
      closed = true;
      send(ByteString.EMPTY, true);
    }
  }
}
