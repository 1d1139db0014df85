package dev.modal4j.internal.blob;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A transfer that throws an {@link Error} (an OutOfMemoryError while reading a 64 MiB body into one
 * array) fails the transfer's future; before, the executor thread died with it and the blob call,
 * and the {@code remote} behind it, never completed.
 */
@Timeout(30)
class HttpRetryErrorTest {
  private final ExecutorService executor = Executors.newFixedThreadPool(1);
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void stop() {
    executor.shutdownNow();
    scheduler.shutdownNow();
  }

  @Test
  void anErrorInTheTransferFailsTheFuture() {
    assertThatThrownBy(
            () ->
                HttpRetry.<byte[]>run(
                        () -> {
                          throw new OutOfMemoryError("Java heap space (thrown by the test)");
                        },
                        3,
                        Duration.ofMillis(1),
                        executor,
                        scheduler)
                    .get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(OutOfMemoryError.class);
  }
}
