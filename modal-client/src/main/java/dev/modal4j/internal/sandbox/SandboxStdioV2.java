package dev.modal4j.internal.sandbox;

import com.google.protobuf.ByteString;
import dev.modal4j.internal.Futures;
import dev.modal4j.internal.rpc.CallPolicy;
import dev.modal4j.internal.rpc.StatusMapping;
import dev.modal4j.proto.router.SandboxStdioFileDescriptor;
import dev.modal4j.proto.router.SandboxStdioReadV2Request;
import dev.modal4j.proto.router.SandboxStdioReadV2Response;
import dev.modal4j.proto.router.TaskCommandRouterGrpc;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.Status;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stdout or stderr of a V2 sandbox's entrypoint (the router's SandboxStdioReadV2,
 * protocol/resources.md §5.8), opened on the first read. A few messages are read ahead at most.
 * After a transient failure the stream is reopened from the byte offset reached (each message says
 * where it starts, so output the router no longer holds is skipped, with a warning), 10 ms
 * doubling, 10 retries, the budget reset by every message; UNAUTHENTICATED refreshes the token once
 * per attempt.
 */
public final class SandboxStdioV2 implements ByteSource {
  private static final Logger log = LoggerFactory.getLogger(SandboxStdioV2.class);
  private static final int READ_AHEAD = 8;
  private static final int MAX_RETRIES = 10;
  private static final long BASE_DELAY_NANOS = Duration.ofMillis(10).toNanos();

  private final Supplier<CompletableFuture<RouterClient>> router;
  private final String sandboxId;
  private final SandboxStdioFileDescriptor fd;
  private final ChunkQueue queue = new ChunkQueue(this::credit);
  private final Object lock = new Object();
  private RouterClient client;
  private ClientCall<SandboxStdioReadV2Request, SandboxStdioReadV2Response> call;
  private boolean started;
  private boolean closed;
  private long offset;
  private boolean warnedDropped;
  private int retriesLeft = MAX_RETRIES;
  private long delayNanos = BASE_DELAY_NANOS;
  private boolean authRetried;
  private String token;

  /** The entrypoint's stderr if {@code stderr}, else its stdout, read through {@code router}. */
  public SandboxStdioV2(
      Supplier<CompletableFuture<RouterClient>> router, String sandboxId, boolean stderr) {
    this.router = router;
    this.sandboxId = sandboxId;
    this.fd =
        stderr
            ? SandboxStdioFileDescriptor.SANDBOX_STDIO_FILE_DESCRIPTOR_STDERR
            : SandboxStdioFileDescriptor.SANDBOX_STDIO_FILE_DESCRIPTOR_STDOUT;
  }

  @Override
  public ByteString next() {
    boolean first;
    synchronized (lock) {
      first = !started && !closed;
      started = true;
    }
    if (first) {
      try {
        router
            .get()
            .whenComplete(
                (c, t) -> {
                  if (t != null) {
                    queue.fail(StatusMapping.toException(Futures.unwrap(t)));
                    return;
                  }
                  synchronized (lock) {
                    client = c;
                  }
                  open();
                });
      } catch (RuntimeException e) {
        queue.fail(StatusMapping.toException(e));
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
      SandboxStdioReadV2Request request =
          SandboxStdioReadV2Request.newBuilder()
              .setTaskId(client.taskId())
              .setOffset(offset)
              .setFileDescriptor(fd)
              .build();
      ClientCall<SandboxStdioReadV2Request, SandboxStdioReadV2Response> c =
          client
              .channel()
              .newCall(
                  TaskCommandRouterGrpc.getSandboxStdioReadV2Method(), client.callOptions(null));
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
    retriesLeft--;
    delayNanos *= 2;
    log.debug("Reopening {} of sandbox {} at offset {} after {}", fd, sandboxId, offset, code);
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

  private final class Listener extends ClientCall.Listener<SandboxStdioReadV2Response> {
    private final ClientCall<SandboxStdioReadV2Request, SandboxStdioReadV2Response> mine;

    Listener(ClientCall<SandboxStdioReadV2Request, SandboxStdioReadV2Response> mine) {
      this.mine = mine;
    }

    @Override
    public void onMessage(SandboxStdioReadV2Response message) {
      ByteString data = message.getData();
      synchronized (lock) {
        long start = message.getStartingOffset();
        if (start > offset && !warnedDropped) {
          warnedDropped = true;
          log.warn(
              "Sandbox {} {}: {} bytes were dropped; only the latest output is kept",
              sandboxId,
              fd,
              start - offset);
        }
        offset = Math.max(offset, start) + data.size();
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
