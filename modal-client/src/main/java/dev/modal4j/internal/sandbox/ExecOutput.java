package dev.modal4j.internal.sandbox;

import com.google.protobuf.ByteString;
import dev.modal4j.ModalException;
import dev.modal4j.internal.rpc.CallPolicy;
import dev.modal4j.internal.rpc.StatusMapping;
import dev.modal4j.proto.router.TaskCommandRouterGrpc;
import dev.modal4j.proto.router.TaskExecStdioFileDescriptor;
import dev.modal4j.proto.router.TaskExecStdioReadRequest;
import dev.modal4j.proto.router.TaskExecStdioReadResponse;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.Status;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One output stream of an exec'd command (TaskExecStdioRead, protocol/resources.md §5.10), opened
 * on the first read. The server may send {@value #READ_AHEAD} messages beyond what the reader has
 * taken, no more. After a transient failure the stream is reopened from the byte offset received so
 * far (10 ms doubling, 10 retries, the budget reset by every message), so no byte is lost or
 * repeated; UNAUTHENTICATED refreshes the token once per attempt.
 */
public final class ExecOutput implements ByteSource {
  private static final Logger log = LoggerFactory.getLogger(ExecOutput.class);
  static final int READ_AHEAD = 8;
  private static final int MAX_RETRIES = 10;
  private static final long BASE_DELAY_NANOS = Duration.ofMillis(10).toNanos();
  private static final Duration DEADLINE_GRACE = Duration.ofSeconds(1);

  private final RouterClient client;
  private final String execId;
  private final TaskExecStdioFileDescriptor fd;
  private final long deadlineNanos;
  private final Supplier<ModalException> onDeadline;
  private final ChunkQueue queue = new ChunkQueue(this::credit);
  private final Object lock = new Object();
  private ClientCall<TaskExecStdioReadRequest, TaskExecStdioReadResponse> call;
  private boolean started;
  private boolean closed;
  private long offset;
  private int retriesLeft = MAX_RETRIES;
  private long delayNanos = BASE_DELAY_NANOS;
  private boolean authRetried;
  private String token;

  /**
   * @param deadlineNanos the exec's deadline on {@link System#nanoTime()}'s clock, or {@code
   *     Long.MAX_VALUE}
   * @param onDeadline the failure once that deadline has passed
   */
  public ExecOutput(
      RouterClient client,
      String execId,
      boolean stderr,
      long deadlineNanos,
      Supplier<ModalException> onDeadline) {
    this.client = client;
    this.execId = execId;
    this.fd =
        stderr
            ? TaskExecStdioFileDescriptor.TASK_EXEC_STDIO_FILE_DESCRIPTOR_STDERR
            : TaskExecStdioFileDescriptor.TASK_EXEC_STDIO_FILE_DESCRIPTOR_STDOUT;
    this.deadlineNanos = deadlineNanos;
    this.onDeadline = onDeadline;
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
      if (call != null) {
        call.request(1);
      }
    }
  }

  private void open() {
    synchronized (lock) {
      if (closed) {
        return;
      }
      if (client.isClosed()) {
        queue.fail(client.closedException());
        return;
      }
      Duration timeout = null;
      if (deadlineNanos != Long.MAX_VALUE) {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
          queue.fail(onDeadline.get());
          return;
        }
        timeout = Duration.ofNanos(left).plus(DEADLINE_GRACE);
      }
      TaskExecStdioReadRequest request =
          TaskExecStdioReadRequest.newBuilder()
              .setTaskId(client.taskId())
              .setExecId(execId)
              .setOffset(offset)
              .setFileDescriptor(fd)
              .build();
      ClientCall<TaskExecStdioReadRequest, TaskExecStdioReadResponse> c =
          client
              .channel()
              .newCall(
                  TaskCommandRouterGrpc.getTaskExecStdioReadMethod(), client.callOptions(timeout));
      call = c;
      token = client.auth().token();
      try {
        c.start(new Listener(c), RouterAuth.headers(token));
        c.request(Math.max(1, READ_AHEAD - queue.size()));
        c.sendMessage(request);
        c.halfClose();
      } catch (RuntimeException e) {
        c.cancel("modal4j failed to start the stream", e);
        queue.fail(StatusMapping.toException(e));
      }
    }
  }

  private void onFailure(Status status, Metadata trailers) {
    Status.Code code = status.getCode();
    if (client.isClosed()) {
      queue.fail(client.closedException());
      return;
    }
    if (deadlineNanos != Long.MAX_VALUE && System.nanoTime() - deadlineNanos >= 0) {
      queue.fail(onDeadline.get());
      return;
    }
    if (code == Status.Code.UNAUTHENTICATED && !authRetried) {
      authRetried = true;
      String refused;
      synchronized (lock) {
        refused = token;
      }
      client
          .auth()
          .refresh(refused)
          .whenComplete(
              (v, t) -> {
                if (t != null) {
                  queue.fail(StatusMapping.toException(t));
                } else {
                  open();
                }
              });
      return;
    }
    if (!CallPolicy.RETRYABLE_CODES.contains(code) || retriesLeft <= 0) {
      queue.fail(StatusMapping.toException(status, trailers));
      return;
    }
    long sleep = delayNanos;
    if (deadlineNanos != Long.MAX_VALUE && deadlineNanos - System.nanoTime() <= sleep) {
      queue.fail(onDeadline.get());
      return;
    }
    retriesLeft--;
    delayNanos *= 2;
    log.debug("Reopening exec {} {} at offset {} after {}", execId, fd, offset, code);
    client.later(this::open, sleep, () -> queue.fail(client.closedException()));
  }

  @Override
  public void close() {
    ClientCall<?, ?> c;
    synchronized (lock) {
      closed = true;
      c = call;
      call = null;
    }
    queue.discard();
    if (c != null) {
      c.cancel("The reader closed the stream", null);
    }
  }

  private final class Listener extends ClientCall.Listener<TaskExecStdioReadResponse> {
    private final ClientCall<TaskExecStdioReadRequest, TaskExecStdioReadResponse> mine;

    Listener(ClientCall<TaskExecStdioReadRequest, TaskExecStdioReadResponse> mine) {
      this.mine = mine;
    }

    @Override
    public void onMessage(TaskExecStdioReadResponse message) {
      ByteString data = message.getData();
      synchronized (lock) {
        offset += data.size();
        retriesLeft = MAX_RETRIES;
        delayNanos = BASE_DELAY_NANOS;
        authRetried = false;
      }
      if (data.isEmpty()) {
        mine.request(1);
      } else {
        queue.offer(data);
      }
    }

    @Override
    public void onClose(Status status, Metadata trailers) {
      synchronized (lock) {
        if (closed) {
          return;
        }
        if (call == mine) {
          call = null;
        }
      }
      if (status.isOk()) {
        queue.end();
      } else {
        onFailure(status, trailers);
      }
    }
  }
}
