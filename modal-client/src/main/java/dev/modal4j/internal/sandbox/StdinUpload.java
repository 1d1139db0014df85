package dev.modal4j.internal.sandbox;

import com.google.protobuf.ByteString;
import dev.modal4j.ModalException;
import dev.modal4j.internal.Futures;
import dev.modal4j.internal.rpc.CallPolicy;
import dev.modal4j.internal.rpc.StatusMapping;
import dev.modal4j.proto.router.TaskCommandRouterGrpc;
import dev.modal4j.proto.router.TaskExecStdinStatusRequest;
import dev.modal4j.proto.router.TaskExecStdinStatusResponse;
import dev.modal4j.proto.router.TaskExecStdinWriteStreamEnd;
import dev.modal4j.proto.router.TaskExecStdinWriteStreamRequest;
import dev.modal4j.proto.router.TaskExecStdinWriteStreamResponse;
import dev.modal4j.proto.router.TaskExecStdinWriteStreamStart;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.Status;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams a whole input into an exec's stdin with TaskExecStdinWriteStream (protocol/resources.md
 * §5.10): a start at the offset, data in chunks of {@value #CHUNK} bytes sent only while the
 * transport is ready (so at most a few chunks are in memory), then the end, which closes stdin.
 * After a resumable failure it asks TaskExecStdinStatus how much arrived, reopens the source there
 * and goes on (at most {@value #MAX_RESUMES} times); a source that cannot be reopened fails
 * instead. Blocking; runs on the caller's thread.
 */
public final class StdinUpload {
  private static final Logger log = LoggerFactory.getLogger(StdinUpload.class);

  /** Bytes per data message, as Modal's SDKs send them. */
  public static final int CHUNK = 256 * 1024;

  static final int MAX_RESUMES = 9;

  /** Where the bytes come from: opened at an offset, again after a failure. */
  public interface Source {
    /**
     * The input from byte {@code offset} on.
     *
     * @throws IOException if it cannot be read, or cannot be reopened there
     */
    InputStream openAt(long offset) throws IOException;
  }

  /**
   * The exec's stdin stopped taking bytes because the process ended (FAILED_PRECONDITION/ABORTED).
   */
  public static final class ProcessEnded extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ProcessEnded(ModalException cause) {
      super(cause.getMessage(), cause, false, false);
    }
  }

  private final RouterClient client;
  private final String execId;

  /** The stdin of exec {@code execId} on {@code client}'s task. */
  public StdinUpload(RouterClient client, String execId) {
    this.client = client;
    this.execId = execId;
  }

  /**
   * Sends everything {@code source} holds, then closes stdin.
   *
   * @throws ProcessEnded if the process stopped taking input (read its exit status instead)
   * @throws UncheckedIOException if the source cannot be read (stdin is then left open, so the
   *     remote side never takes a partial input as whole)
   * @throws ModalException for other failures
   */
  public void send(Source source) {
    long offset = 0;
    int resumes = 0;
    boolean authRetried = false;
    while (true) {
      Attempt attempt = new Attempt();
      String token = client.auth().token();
      Status failure;
      try (InputStream in = source.openAt(offset)) {
        failure = attempt.run(in, offset, token);
      } catch (IOException e) {
        attempt.cancel(e);
        throw new UncheckedIOException("Reading the input failed: " + e.getMessage(), e);
      }
      if (failure == null) {
        return;
      }
      Status.Code code = failure.getCode();
      if (code == Status.Code.FAILED_PRECONDITION || code == Status.Code.ABORTED) {
        throw new ProcessEnded(StatusMapping.toException(failure, new Metadata()));
      }
      boolean auth = code == Status.Code.UNAUTHENTICATED;
      if (!(auth || CallPolicy.RETRYABLE_CODES.contains(code)) || resumes >= MAX_RESUMES) {
        throw StatusMapping.toException(failure, new Metadata());
      }
      if (auth) {
        if (authRetried) {
          throw StatusMapping.toException(failure, new Metadata());
        }
        authRetried = true;
        Futures.join(client.auth().refresh(token));
      }
      resumes++;
      TaskExecStdinStatusResponse status = status();
      log.debug(
          "Resuming stdin of exec {} at {} after {} (attempt {})",
          execId,
          status.getNumBytesWritten(),
          code,
          resumes + 1);
      if (status.getClosed()) {
        if (attempt.sentEnd && status.getNumBytesWritten() == attempt.sentUpTo) {
          return;
        }
        throw new ProcessEnded(
            StatusMapping.toException(
                Status.FAILED_PRECONDITION.withDescription("The command's stdin is closed"),
                new Metadata()));
      }
      offset = status.getNumBytesWritten();
    }
  }

  private TaskExecStdinStatusResponse status() {
    return Futures.join(
        client.unary(
            TaskCommandRouterGrpc.getTaskExecStdinStatusMethod(),
            TaskExecStdinStatusRequest.newBuilder()
                .setTaskId(client.taskId())
                .setExecId(execId)
                .build(),
            RouterPolicy.DEFAULT));
  }

  /** One TaskExecStdinWriteStream call. */
  private final class Attempt extends ClientCall.Listener<TaskExecStdinWriteStreamResponse> {
    private final CompletableFuture<Status> closed = new CompletableFuture<>();
    private final Object ready = new Object();
    private ClientCall<TaskExecStdinWriteStreamRequest, TaskExecStdinWriteStreamResponse> call;
    private long sentUpTo;
    private boolean sentEnd;

    /** Null when the router took everything, else the status it failed with. */
    Status run(InputStream in, long offset, String token) throws IOException {
      if (client.isClosed()) {
        throw client.closedException();
      }
      call =
          client
              .channel()
              .newCall(
                  TaskCommandRouterGrpc.getTaskExecStdinWriteStreamMethod(),
                  client.callOptions(null));
      call.start(this, RouterAuth.headers(token));
      call.request(1);
      call.sendMessage(
          TaskExecStdinWriteStreamRequest.newBuilder()
              .setStart(
                  TaskExecStdinWriteStreamStart.newBuilder()
                      .setTaskId(client.taskId())
                      .setExecId(execId)
                      .setOffset(offset))
              .build());
      sentUpTo = offset;
      byte[] buf = new byte[CHUNK];
      while (true) {
        int n = in.readNBytes(buf, 0, buf.length);
        if (n == 0) {
          break;
        }
        if (!awaitReady()) {
          return closedEarly();
        }
        call.sendMessage(
            TaskExecStdinWriteStreamRequest.newBuilder()
                .setData(ByteString.copyFrom(buf, 0, n))
                .build());
        sentUpTo += n;
        if (n < buf.length) {
          break;
        }
      }
      if (!awaitReady()) {
        return closedEarly();
      }
      call.sendMessage(
          TaskExecStdinWriteStreamRequest.newBuilder()
              .setEnd(TaskExecStdinWriteStreamEnd.getDefaultInstance())
              .build());
      sentEnd = true;
      call.halfClose();
      Status status = join();
      return status.isOk() ? null : status;
    }

    /** The status of a call that closed before the end was sent (OK would mean a lost input). */
    private Status closedEarly() {
      Status status = closed.join();
      return status.isOk()
          ? Status.ABORTED.withDescription("The router ended the stdin stream before its end")
          : status;
    }

    /** Waits until the call takes another message; false once it has closed. */
    private boolean awaitReady() throws InterruptedIOException {
      synchronized (ready) {
        while (!call.isReady() && !closed.isDone()) {
          try {
            ready.wait(1000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            call.cancel("interrupted", e);
            throw new InterruptedIOException("interrupted while sending stdin");
          }
        }
      }
      return !closed.isDone();
    }

    private Status join() throws InterruptedIOException {
      try {
        return closed.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        call.cancel("interrupted", e);
        throw new InterruptedIOException("interrupted while sending stdin");
      } catch (java.util.concurrent.ExecutionException e) {
        return Status.fromThrowable(e.getCause());
      }
    }

    void cancel(Throwable cause) {
      if (call != null) {
        call.cancel("the input could not be read", cause);
      }
    }

    @Override
    public void onReady() {
      synchronized (ready) {
        ready.notifyAll();
      }
    }

    @Override
    public void onClose(Status status, Metadata trailers) {
      closed.complete(status);
      synchronized (ready) {
        ready.notifyAll();
      }
    }
  }
}
