package dev.modal4j.examples;

import dev.modal4j.ModalClient;
import dev.modal4j.functions.Function;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Streams the items of a generator function, as a Java Stream and with a callback. */
public final class GeneratorExample {
  private GeneratorExample() {}

  /** Runs the example with {@code modal}. */
  public static void run(ModalClient modal) {
    Function countdown = modal.functions().fromName(Examples.APP, "countdown");
    try (Stream<Integer> items = countdown.remoteGen(Integer.class, 5)) {
      items.forEach(i -> System.out.println("countdown: " + i));
    }
    long n =
        countdown
            .remoteGenAsync(Integer.class, i -> System.out.println("async countdown: " + i), 3)
            .orTimeout(60, TimeUnit.SECONDS)
            .join();
    System.out.println("async generator yielded " + n + " items");
  }

  /** Runs against real Modal when MODAL_TOKEN_ID is set, else against an embedded emulator. */
  public static void main(String[] args) {
    Examples.run(GeneratorExample::run);
  }
}
