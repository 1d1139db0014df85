package dev.modal4j.internal.blob;

import dev.modal4j.InvalidException;
import dev.modal4j.ModalException;
import dev.modal4j.ServiceException;
import dev.modal4j.internal.transport.ChannelRule;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * HTTP transfers of volume blocks to and from the URLs Modal hands out, each retried with doubling
 * delays (GETs 5 attempts from 100 ms, PUTs 11 attempts from 500 ms, as Modal's Python SDK does).
 * Bodies are streamed; nothing is held beyond the buffer the caller passes.
 */
public final class BlockTransfer {
  static final int GET_ATTEMPTS = 5;
  static final Duration GET_BASE_DELAY = Duration.ofMillis(100);
  static final int PUT_ATTEMPTS = 11;
  static final Duration PUT_BASE_DELAY = Duration.ofMillis(500);

  private final Executor executor;
  private final ScheduledExecutorService scheduler;
  private final boolean allowInsecure;

  /**
   * Transfers on {@code executor} (blocking I/O), retries timed on {@code scheduler}.
   *
   * @param allowInsecure whether plaintext URLs to hosts that are not loopback are allowed
   */
  public BlockTransfer(
      Executor executor, ScheduledExecutorService scheduler, boolean allowInsecure) {
    this.executor = executor;
    this.scheduler = scheduler;
    this.allowInsecure = allowInsecure;
  }

  /** GETs exactly {@code length} bytes from {@code url} into the start of {@code buffer}. */
  public CompletableFuture<byte[]> get(String url, byte[] buffer, int length) {
    return checked(url, "volume block download")
        .thenCompose(
            u ->
                HttpRetry.run(
                    () -> {
                      HttpTransfer.getInto(url, buffer, length);
                      return buffer;
                    },
                    GET_ATTEMPTS,
                    GET_BASE_DELAY,
                    executor,
                    scheduler))
        .exceptionallyCompose(e -> CompletableFuture.failedFuture(wrap("download", e)));
  }

  /**
   * GETs exactly {@code length} bytes from {@code url} into {@code channel} at {@code position}; a
   * retry rewrites the same range.
   */
  public CompletableFuture<Long> getToFile(
      String url, FileChannel channel, long position, long length) {
    return checked(url, "volume block download")
        .thenCompose(
            u ->
                HttpRetry.run(
                    () -> HttpTransfer.getToChannel(url, channel, position, length),
                    GET_ATTEMPTS,
                    GET_BASE_DELAY,
                    executor,
                    scheduler))
        .exceptionallyCompose(e -> CompletableFuture.failedFuture(wrap("download", e)));
  }

  /**
   * PUTs {@code length} bytes of {@code source} from {@code offset} to {@code url} and completes
   * with the response body (at most 1 MiB of it).
   */
  public CompletableFuture<byte[]> put(String url, RangeSource source, long offset, long length) {
    return checked(url, "volume block upload")
        .thenCompose(
            u ->
                HttpRetry.run(
                    () -> HttpTransfer.putRange(url, source, offset, length, null),
                    PUT_ATTEMPTS,
                    PUT_BASE_DELAY,
                    executor,
                    scheduler))
        .exceptionallyCompose(e -> CompletableFuture.failedFuture(wrap("upload", e)));
  }

  private CompletableFuture<String> checked(String url, String what) {
    try {
      ChannelRule.checkServedUrl(url, what, allowInsecure);
      return CompletableFuture.completedFuture(url);
    } catch (InvalidException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private static Throwable wrap(String what, Throwable e) {
    Throwable cause = HttpRetry.unwrap(e);
    if (cause instanceof ModalException) {
      return cause;
    }
    if (cause instanceof IOException) {
      return new ServiceException("volume block " + what + " failed: " + cause.getMessage(), cause);
    }
    return new ModalException("volume block " + what + " failed: " + cause, cause);
  }
}
