package dev.modal4j.bench;

import dev.modal4j.ModalClient;
import dev.modal4j.functions.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The only class that touches the modal4j SDK: a {@code ModalClient} on the emulator and the SDK's
 * {@code remote} and {@code map} as {@link Caller} and {@link MapRunner}.
 */
final class SdkBindings implements AutoCloseable {

  private final ModalClient modal;

  private SdkBindings(ModalClient modal) {
    this.modal = modal;
  }

  /** Opens an SDK client on the emulator at {@code url}. */
  static SdkBindings open(String url) {
    return new SdkBindings(
        ModalClient.builder()
            .serverUrl(url)
            .tokenId(BenchMain.TOKEN_ID)
            .tokenSecret(BenchMain.TOKEN_SECRET)
            .build());
  }

  /**
   * The SDK's blocking {@code remote} of {@code function}: byte arrays come back typed as {@code
   * byte[]}, anything else untyped ({@code Object}).
   */
  Caller remote(String function) {
    Function fn = modal.functions().fromName(BenchMain.APP, function);
    return arg ->
        arg instanceof byte[] ? fn.remote(byte[].class, arg) : fn.remote(Object.class, arg);
  }

  /**
   * The SDK's {@code map} of {@code function} over a lazy stream of {@code 0..n-1}, in the default
   * (input) order, every output checked by a {@link MapTally}.
   */
  MapRunner map(String function) {
    Function fn = modal.functions().fromName(BenchMain.APP, function);
    return n -> {
      MapTally tally = new MapTally(n);
      try (Stream<Long> out = fn.map(Long.class, IntStream.range(0, n).boxed())) {
        out.forEach(tally::acceptValue);
      }
      return tally;
    };
  }

  /**
   * Puts {@code n} small items through an ephemeral queue with the SDK's {@code putMany} and {@code
   * getMany}, in batches of {@code batch} (Modal holds at most 5,000 per partition); returns the
   * items read back, checked in order.
   */
  QueueBench.RoundTrip queueRoundTrip() {
    return (n, batch) -> {
      long seen = 0;
      try (dev.modal4j.queues.Queue q = modal.queues().ephemeral()) {
        dev.modal4j.queues.QueueGetParams get =
            dev.modal4j.queues.QueueGetParams.builder()
                .timeout(java.time.Duration.ofSeconds(30))
                .build();
        for (int start = 0; start < n; start += batch) {
          int size = Math.min(batch, n - start);
          java.util.List<Integer> items = new java.util.ArrayList<>(size);
          for (int i = 0; i < size; i++) {
            items.add(start + i);
          }
          q.putMany(items);
          int got = 0;
          while (got < size) {
            for (Integer v : q.getMany(size - got, Integer.class, get)) {
              if (v != seen) {
                throw new IllegalStateException("queue item " + seen + " came back as " + v);
              }
              seen++;
              got++;
            }
          }
        }
      }
      return seen;
    };
  }

  @Override
  public void close() {
    modal.close();
  }
}
