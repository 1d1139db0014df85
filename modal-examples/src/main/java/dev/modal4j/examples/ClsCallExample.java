package dev.modal4j.examples;

import dev.modal4j.ModalClient;
import dev.modal4j.functions.Cls;
import dev.modal4j.functions.ClsInstance;
import java.util.Map;

/**
 * Calls a method of a deployed class, with its default parameters and with a parameter given:
 * {@code Greeter} of the demo app, whose {@code greeting} parameter defaults to "Hello".
 */
public final class ClsCallExample {
  private ClsCallExample() {}

  /** Runs the example on {@code modal}. */
  public static void run(ModalClient modal) {
    Cls greeter = modal.cls().fromName("modal4j-demo", "Greeter");

    ClsInstance plain = greeter.instance();
    System.out.println(plain.method("greet").remote(String.class, "Ada"));

    ClsInstance hi = greeter.instance(Map.of("greeting", "Hi"));
    System.out.println(hi.method("greet").remote(String.class, "Grace"));
  }

  /**
   * Runs against Modal with the configured credentials (deploy modal-examples/python/demo_app.py
   * first); or call {@link #run} with a client of an emulator.
   */
  public static void main(String[] args) {
    Examples.run(ClsCallExample::run);
  }
}
