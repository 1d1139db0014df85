package dev.modal4j.internal.objects;

import dev.modal4j.internal.ClientContext;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Keeps an ephemeral object alive: one heartbeat RPC at once and then every 300 seconds, as Modal's
 * SDKs do; failures are ignored (the next beat tries again). {@link #close()} stops it, after which
 * the server reaps the object.
 */
public final class Heartbeat implements AutoCloseable {
  /** Modal's heartbeat interval for ephemeral objects. */
  public static final Duration INTERVAL = Duration.ofSeconds(300);

  private final ScheduledFuture<?> task;
  private final AtomicBoolean closed = new AtomicBoolean();

  private Heartbeat(ScheduledFuture<?> task) {
    this.task = task;
  }

  /** Starts beating; {@code beat} sends one heartbeat and returns its future. */
  public static Heartbeat start(
      ClientContext context, Supplier<? extends java.util.concurrent.Future<?>> beat) {
    ScheduledFuture<?> task =
        context
            .scheduler()
            .scheduleAtFixedRate(
                () -> {
                  try {
                    beat.get();
                  } catch (RuntimeException e) {
                    // ignored: the next beat retries; a closed client cancels this task
                  }
                },
                0,
                INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
    return new Heartbeat(task);
  }

  /** Whether {@link #close()} was called. */
  public boolean isClosed() {
    return closed.get();
  }

  /** Stops the heartbeats; idempotent. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      task.cancel(false);
    }
  }
}
