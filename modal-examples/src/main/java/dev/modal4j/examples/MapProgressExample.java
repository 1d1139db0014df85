package dev.modal4j.examples;

import dev.modal4j.ModalClient;
import dev.modal4j.functions.Function;
import dev.modal4j.functions.MapParams;
import dev.modal4j.functions.MapProgress;
import java.util.Locale;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A long map with a progress bar drawn in the terminal: {@code square} over 200,000 inputs, read
 * lazily, results in order, with a {@link dev.modal4j.functions.MapProgressListener} redrawing one
 * line.
 */
public final class MapProgressExample {
  private static final int INPUTS = 200_000;
  private static final int BAR_WIDTH = 40;

  private MapProgressExample() {}

  /** Runs the example with {@code modal}. */
  public static void run(ModalClient modal) {
    Function square = modal.functions().fromName(Examples.APP, "square");
    ProgressBar bar = new ProgressBar(INPUTS);
    MapParams params = MapParams.builder().progressListener(bar::update).build();
    long sum = 0;
    long start = System.nanoTime();
    try (Stream<Long> squares =
        square.map(Long.class, IntStream.range(0, INPUTS).boxed(), params)) {
      for (Long y : (Iterable<Long>) squares::iterator) {
        sum += y;
      }
    }
    bar.finish();
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "sum of squares below %,d = %,d (%.1f s, %,.0f inputs/s)%n",
        INPUTS,
        sum,
        seconds,
        INPUTS / seconds);
  }

  /** Redraws one terminal line, at most every 100 ms. */
  static final class ProgressBar {
    private final long total;
    private long lastDrawNanos;

    ProgressBar(long total) {
      this.total = total;
    }

    synchronized void update(MapProgress p) {
      long now = System.nanoTime();
      if (now - lastDrawNanos < 100_000_000L && p.outputsReceived() < total) {
        return;
      }
      lastDrawNanos = now;
      draw(p);
    }

    synchronized void finish() {
      System.out.println();
    }

    private void draw(MapProgress p) {
      int filled = (int) (BAR_WIDTH * p.outputsReceived() / Math.max(1, total));
      String bar = "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled);
      System.out.printf(
          Locale.ROOT,
          "\r[%s] %,d/%,d done, %,d sent, %d retried, %d failed",
          bar,
          p.outputsReceived(),
          total,
          p.inputsSent(),
          p.retries(),
          p.failures());
      System.out.flush();
    }
  }

  /** Runs against real Modal when MODAL_TOKEN_ID is set, else against an embedded emulator. */
  public static void main(String[] args) {
    Examples.run(MapProgressExample::run);
  }
}
