package dev.modal4j.testing.sandboxes.router;

import dev.modal4j.proto.router.TaskExecStdioReadResponse;
import dev.modal4j.testing.Faults;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One TaskExecStdioRead stream: sends an {@link OutputBuffer} from an offset to its end, in
 * messages of up to {@link #MAX_MESSAGE} bytes, only while the transport is ready. It holds no
 * thread: it runs when gRPC says the stream is ready again and when the buffer has more, one run at
 * a time.
 *
 * <p>An injected drop ({@link Faults#dropExecOutputAfter}) ends the stream with UNAVAILABLE after
 * exactly the fault's number of bytes, all of which were sent before the status.
 */
final class StdioReader implements Runnable {
  static final int MAX_MESSAGE = 1024 * 1024;

  /**
   * While the process is writing, smaller messages than this wait up to {@link #LINGER_MICROS} for
   * more bytes: many small pipe reads become one message, which costs far less to send.
   */
  static final int MIN_MESSAGE = 256 * 1024;

  static final long LINGER_MICROS = 2000;

  private final ServerCallStreamObserver<TaskExecStdioReadResponse> out;
  private final OutputBuffer buffer;
  private final Faults faults;
  private final AtomicInteger runs = new AtomicInteger();
  private final long dropAt;
  private final ScheduledExecutorService timer;
  private volatile boolean lingering;
  private volatile boolean flush;
  private long position;
  private long sent;
  private volatile boolean done;

  StdioReader(
      ServerCallStreamObserver<TaskExecStdioReadResponse> out,
      OutputBuffer buffer,
      long offset,
      Faults faults,
      ScheduledExecutorService timer) {
    this.out = out;
    this.timer = timer;
    this.buffer = buffer;
    this.position = offset;
    this.faults = faults;
    this.dropAt = faults.execOutputDropPoint();
  }

  /** Starts sending; call once, from the handler. */
  void start() {
    buffer.position(this, position);
    out.setOnCancelHandler(
        () -> {
          done = true;
          buffer.leave(this, false);
        });
    out.setOnReadyHandler(this);
    run();
  }

  @Override
  public void run() {
    if (runs.getAndIncrement() != 0) {
      return;
    }
    do {
      try {
        drain();
      } catch (RuntimeException e) {
        finish(Status.INTERNAL.withDescription("stdio read failed: " + e).asRuntimeException());
      }
    } while (runs.decrementAndGet() != 0);
  }

  private void drain() {
    while (!done && out.isReady()) {
      int max = MAX_MESSAGE;
      if (dropAt >= 0) {
        long left = dropAt - sent;
        if (left <= 0) {
          if (faults.takeExecOutputDrop()) {
            finish(
                Status.UNAVAILABLE
                    .withDescription("stdio stream dropped after " + sent + " bytes (fault)")
                    .asRuntimeException());
            return;
          }
        } else {
          max = (int) Math.min(max, left);
        }
      }
      OutputBuffer.Read read = buffer.read(position, max, flush ? 0 : MIN_MESSAGE, this);
      if (read instanceof OutputBuffer.Few) {
        if (!lingering) {
          lingering = true;
          timer.schedule(this::flushNow, LINGER_MICROS, TimeUnit.MICROSECONDS);
        }
        return;
      }
      flush = false;
      if (read instanceof OutputBuffer.Data data) {
        out.onNext(TaskExecStdioReadResponse.newBuilder().setData(data.bytes()).build());
        position += data.bytes().size();
        sent += data.bytes().size();
        buffer.position(this, position);
      } else if (read instanceof OutputBuffer.End) {
        done = true;
        buffer.leave(this, true);
        out.onCompleted();
        return;
      } else if (read instanceof OutputBuffer.Gone gone) {
        finish(
            Status.OUT_OF_RANGE
                .withDescription(
                    "output below byte "
                        + gone.oldest()
                        + " is no longer kept; asked from "
                        + position)
                .asRuntimeException());
        return;
      } else {
        return;
      }
    }
  }

  private void flushNow() {
    lingering = false;
    flush = true;
    run();
  }

  private void finish(RuntimeException status) {
    if (done) {
      return;
    }
    done = true;
    buffer.leave(this, false);
    out.onError(status);
  }
}
