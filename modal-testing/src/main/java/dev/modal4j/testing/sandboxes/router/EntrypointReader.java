package dev.modal4j.testing.sandboxes.router;

import dev.modal4j.proto.router.SandboxStdioReadV2Response;
import dev.modal4j.testing.sandboxes.EntrypointOutput;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One SandboxStdioReadV2 stream: sends a V2 entrypoint's output from an offset to its end, in
 * messages of up to {@link StdioReader#MAX_MESSAGE} bytes, each with the offset of its first byte
 * ({@code starting_offset}; later than asked when older bytes were no longer kept), only while the
 * transport is ready. Like {@link StdioReader}, it holds no thread and runs one pass at a time.
 */
final class EntrypointReader implements Runnable {
  private final ServerCallStreamObserver<SandboxStdioReadV2Response> out;
  private final EntrypointOutput output;
  private final AtomicInteger runs = new AtomicInteger();
  private long position;
  private volatile boolean done;

  EntrypointReader(
      ServerCallStreamObserver<SandboxStdioReadV2Response> out,
      EntrypointOutput output,
      long offset) {
    this.out = out;
    this.output = output;
    this.position = offset;
  }

  /** Starts sending; call once, from the handler. */
  void start() {
    output.position(this, position);
    out.setOnCancelHandler(
        () -> {
          done = true;
          output.leave(this, this);
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
        if (!done) {
          done = true;
          output.leave(this, this);
          out.onError(
              Status.INTERNAL.withDescription("stdio read failed: " + e).asRuntimeException());
        }
      }
    } while (runs.decrementAndGet() != 0);
  }

  private void drain() {
    while (!done && out.isReady()) {
      EntrypointOutput.Read read = output.read(position, StdioReader.MAX_MESSAGE, this);
      if (read instanceof EntrypointOutput.Data data) {
        out.onNext(
            SandboxStdioReadV2Response.newBuilder()
                .setData(data.bytes())
                .setStartingOffset(data.start())
                .build());
        position = data.start() + data.bytes().size();
        output.position(this, position);
      } else if (read instanceof EntrypointOutput.End) {
        done = true;
        output.leave(this, this);
        out.onCompleted();
        return;
      } else {
        return;
      }
    }
  }
}
