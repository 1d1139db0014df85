package dev.modal4j.queues;

import dev.modal4j.ModalClient;
import dev.modal4j.testing.ModalEmulator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.BooleanSupplier;

/**
 * An emulator on a clock the test moves, and a client on it. Shared by the queue and dict tests.
 */
public final class ObjectsEnv implements AutoCloseable {
  /** A clock the test moves by hand. */
  public static final class ManualClock extends Clock {
    private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

    /** Moves the clock forward. */
    public void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  public final ManualClock clock = new ManualClock();
  public final ModalEmulator emulator = ModalEmulator.builder().clock(clock).start();
  public final ModalClient modal = emulator.newClient();

  /** Waits for a condition (an event), failing after a deadline. */
  public static void await(BooleanSupplier condition, Duration deadline, String what) {
    long end = System.nanoTime() + deadline.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - end > 0) {
        throw new AssertionError("timed out waiting until " + what);
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  @Override
  public void close() {
    modal.close();
    emulator.close();
  }
}
