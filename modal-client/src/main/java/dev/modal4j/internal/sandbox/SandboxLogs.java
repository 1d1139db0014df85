package dev.modal4j.internal.sandbox;

import com.google.protobuf.ByteString;
import dev.modal4j.ServiceException;
import dev.modal4j.internal.ClientContext;
import dev.modal4j.internal.rpc.RpcInvoker;
import dev.modal4j.proto.FileDescriptor;
import dev.modal4j.proto.ModalClientGrpc;
import dev.modal4j.proto.SandboxGetLogsRequest;
import dev.modal4j.proto.TaskLogs;
import dev.modal4j.proto.TaskLogsBatch;
import io.grpc.stub.StreamObserver;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The entrypoint's stdout or stderr (SandboxGetLogs, protocol/resources.md §5.8), opened on the
 * first read: 55 s long polls, reopened from the last entry id until a batch says EOF, up to 10
 * retries on transient errors. One batch is read ahead at most.
 */
public final class SandboxLogs implements ByteSource {
  private static final Logger log = LoggerFactory.getLogger(SandboxLogs.class);
  private static final int MAX_RETRIES = 10;

  private final ClientContext context;
  private final String sandboxId;
  private final FileDescriptor fd;
  private final ChunkQueue queue = new ChunkQueue(this::credit);
  private final Object lock = new Object();
  private RpcInvoker.StreamHandle handle;
  private String lastEntryId = "0-0";
  private boolean started;
  private boolean closed;
  private boolean eof;
  private int retries;
  private long delayMillis = 10;

  /** The entrypoint's stderr if {@code stderr}, else its stdout. */
  public SandboxLogs(ClientContext context, String sandboxId, boolean stderr) {
    this.context = context;
    this.sandboxId = sandboxId;
    this.fd =
        stderr ? FileDescriptor.FILE_DESCRIPTOR_STDERR : FileDescriptor.FILE_DESCRIPTOR_STDOUT;
  }

  @Override
  public ByteString next() {
    synchronized (lock) {
      if (!started && !closed) {
        started = true;
        open();
      }
    }
    return queue.take();
  }

  private void credit() {
    synchronized (lock) {
      if (handle != null) {
        handle.request(1);
      }
    }
  }

  private void open() {
    synchronized (lock) {
      if (closed) {
        return;
      }
      SandboxGetLogsRequest request =
          SandboxGetLogsRequest.newBuilder()
              .setSandboxId(sandboxId)
              .setFileDescriptor(fd)
              .setTimeout(55)
              .setLastEntryId(lastEntryId)
              .build();
      try {
        handle =
            context
                .controlPlane()
                .serverStream(
                    ModalClientGrpc.getSandboxGetLogsMethod(),
                    request,
                    Math.max(1, 2 - queue.size()),
                    new Observer());
      } catch (RuntimeException e) {
        queue.fail(dev.modal4j.internal.rpc.StatusMapping.toException(e));
      }
    }
  }

  private boolean clientOpen() {
    try {
      context.checkOpen();
      return true;
    } catch (dev.modal4j.ClientClosedException e) {
      return false;
    }
  }

  @Override
  public void close() {
    RpcInvoker.StreamHandle h;
    synchronized (lock) {
      closed = true;
      h = handle;
      handle = null;
    }
    queue.discard();
    if (h != null) {
      h.cancel();
    }
  }

  private final class Observer implements StreamObserver<TaskLogsBatch> {
    @Override
    public void onNext(TaskLogsBatch batch) {
      StringBuilder text = new StringBuilder();
      for (TaskLogs item : batch.getItemsList()) {
        text.append(item.getData());
      }
      synchronized (lock) {
        if (!batch.getEntryId().isEmpty()) {
          lastEntryId = batch.getEntryId();
        }
        retries = 0;
        delayMillis = 10;
        if (batch.getEof()) {
          eof = true;
        }
      }
      if (text.length() > 0) {
        queue.offer(ByteString.copyFrom(text.toString(), StandardCharsets.UTF_8));
      } else {
        credit();
      }
      if (batch.getEof()) {
        queue.end();
        RpcInvoker.StreamHandle h;
        synchronized (lock) {
          h = handle;
        }
        if (h != null) {
          h.cancel();
        }
      }
    }

    @Override
    public void onError(Throwable t) {
      synchronized (lock) {
        if (closed || eof) {
          return;
        }
      }
      boolean transientError =
          t instanceof ServiceException || t instanceof dev.modal4j.CancelledException;
      if (transientError && clientOpen() && retries < MAX_RETRIES) {
        retries++;
        long delay = delayMillis;
        delayMillis *= 2;
        log.debug("Reopening the logs of {} after {}", sandboxId, t.toString());
        context
            .scheduler()
            .schedule(
                () -> context.executor().execute(SandboxLogs.this::open),
                delay,
                TimeUnit.MILLISECONDS);
      } else {
        queue.fail(
            t instanceof dev.modal4j.ModalException
                ? (dev.modal4j.ModalException) t
                : new dev.modal4j.ModalException(String.valueOf(t), t));
      }
    }

    @Override
    public void onCompleted() {
      synchronized (lock) {
        if (closed || eof) {
          return;
        }
      }
      open();
    }
  }
}
