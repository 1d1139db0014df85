package dev.modal4j.examples;

import dev.modal4j.FunctionTimeoutException;
import dev.modal4j.ModalClient;
import dev.modal4j.functions.Function;
import dev.modal4j.functions.FunctionCall;
import java.time.Duration;

/** Starts a call without waiting, polls it, finds it again by id, and cancels another. */
public final class SpawnExample {
  private SpawnExample() {}

  /** Runs the example with {@code modal}. */
  public static void run(ModalClient modal) {
    Function sleep = modal.functions().fromName(Examples.APP, "sleep");
    FunctionCall<Double> call = sleep.spawn(Double.class, 1.5);
    String id = call.functionCallId();
    System.out.println("spawned " + id);

    Double result = null;
    while (result == null) {
      try {
        result = call.get(Duration.ofMillis(500));
      } catch (FunctionTimeoutException stillRunning) {
        System.out.println("  still running...");
      }
    }
    System.out.println("sleep(1.5) returned " + result);

    FunctionCall<Double> sameCall = modal.functionCalls().fromId(id, Double.class);
    System.out.println("fetched again by id: " + sameCall.get());

    FunctionCall<Double> longCall = sleep.spawn(Double.class, 60);
    longCall.cancel();
    System.out.println("cancelled " + longCall.functionCallId());
  }

  /** Runs against real Modal when MODAL_TOKEN_ID is set, else against an embedded emulator. */
  public static void main(String[] args) {
    Examples.run(SpawnExample::run);
  }
}
