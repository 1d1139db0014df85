package dev.modal4j.testing.classes;

import dev.modal4j.testing.functions.PythonException;

/**
 * The classes of the demo app {@code modal4j-demo}: {@code Greeter}, with parameter {@code
 * greeting: str = "Hello"}; {@code greet(name)} returns {@code "<greeting>, <name>!"} and {@code
 * resources()} the resources the instance was bound with.
 */
public final class DemoClasses {
  /** The demo app's name. */
  public static final String APP = "modal4j-demo";

  private DemoClasses() {}

  /** The Greeter class. */
  public static EmulatedClass greeter() {
    return EmulatedClass.builder("Greeter")
        .stringParameter("greeting", "Hello")
        .method(
            "greet",
            (self, args, kwargs) -> {
              Object name = args.isEmpty() ? kwargs.get("name") : args.get(0);
              if (name == null) {
                throw new PythonException(
                    "TypeError", "Greeter.greet() missing 1 required positional argument: 'name'");
              }
              return self.parameter("greeting") + ", " + name + "!";
            })
        .method("resources", (self, args, kwargs) -> self.resources())
        .build();
  }

  /** Deploys the demo app's classes. */
  public static void deploy(ClassesBackend classes) {
    classes.deploy(APP, greeter());
  }
}
