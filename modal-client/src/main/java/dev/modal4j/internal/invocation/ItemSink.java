package dev.modal4j.internal.invocation;

import java.util.function.Consumer;

/**
 * Receives a generator's items in order. The SDK asks the server for one more item each time a
 * {@code consumed} callback runs, so the items held between the server and the consumer never
 * exceed {@link GeneratorCall#PREFETCH}.
 */
@FunctionalInterface
public interface ItemSink<T> {

  /**
   * Takes one item; {@code consumed} must be run once, when the consumer is done with it (at once,
   * or later from another thread).
   */
  void accept(T item, Runnable consumed);

  /** A sink that hands each item to {@code consumer} and counts it consumed when that returns. */
  static <T> ItemSink<T> of(Consumer<? super T> consumer) {
    return (item, consumed) -> {
      try {
        consumer.accept(item);
      } finally {
        consumed.run();
      }
    };
  }
}
