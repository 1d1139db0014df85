package dev.modal4j.testing.functions;

import java.util.Map;

/**
 * The demo app {@code modal4j-demo}, the emulator's twin of {@code
 * modal-examples/python/demo_app.py}: echo, square, add, sleep, fail, countdown (generator),
 * square_ip (input plane), web (web endpoint) and log_lines (prints {@code line 1} ... {@code line
 * n}). The class {@code Greeter} is added by the classes area.
 */
public final class DemoApp {
  /** The app's name. */
  public static final String NAME = "modal4j-demo";

  private DemoApp() {}

  /** Deploys the demo app into an emulator: its functions and its class {@code Greeter}. */
  public static EmulatedApp deploy(dev.modal4j.testing.ModalEmulator emulator) {
    EmulatedApp app = deploy(emulator.deploy(NAME));
    dev.modal4j.testing.classes.DemoClasses.deploy(emulator.classes());
    return app;
  }

  /** Deploys the demo app's functions into a functions backend. */
  public static EmulatedApp deploy(FunctionsBackend functions) {
    return deploy(functions.deploy(NAME));
  }

  /** Deploys the demo app's functions into {@code app}. */
  public static EmulatedApp deploy(EmulatedApp app) {
    return app.function("echo", (args, kwargs) -> PyValues.arg("echo", args, kwargs, 0, "value"))
        .function(
            "square",
            (args, kwargs) -> {
              Object x = PyValues.arg("square", args, kwargs, 0, "x");
              return PyValues.multiply(x, x);
            })
        .function(
            "add",
            (args, kwargs) ->
                PyValues.add(
                    PyValues.arg("add", args, kwargs, 0, "a"),
                    PyValues.arg("add", args, kwargs, 1, "b")))
        .function("sleep", DemoApp::sleep)
        .function("log_lines", DemoApp::logLines)
        .function(
            "fail",
            (args, kwargs) -> {
              throw new IllegalArgumentException(
                  String.valueOf(PyValues.arg("fail", args, kwargs, 0, "message")));
            })
        .generator(
            "countdown",
            (args, kwargs, out) -> {
              long n = number("countdown", PyValues.arg("countdown", args, kwargs, 0, "n"));
              for (long i = n; i >= 1; i--) {
                out.emit(i);
              }
            })
        .inputPlaneFunction(
            "square_ip",
            (args, kwargs) -> {
              Object x = PyValues.arg("square_ip", args, kwargs, 0, "x");
              return PyValues.multiply(x, x);
            })
        .webEndpoint(
            "web",
            (args, kwargs) ->
                Map.of("hello", String.valueOf(kwargs.getOrDefault("name", "world"))));
  }

  private static Object sleep(java.util.List<Object> args, Map<String, Object> kwargs)
      throws InterruptedException {
    Object seconds = PyValues.arg("sleep", args, kwargs, 0, "seconds");
    number("sleep", seconds);
    double s = ((Number) seconds).doubleValue();
    Thread.sleep(Math.max(0, Math.round(s * 1000)));
    return seconds;
  }

  private static Object logLines(java.util.List<Object> args, Map<String, Object> kwargs)
      throws InterruptedException {
    long n = number("log_lines", PyValues.arg("log_lines", args, kwargs, 0, "n"));
    Object delay = args.size() > 1 ? args.get(1) : kwargs.getOrDefault("delay", 0.0);
    number("log_lines", delay);
    long pauseMillis = Math.round(((Number) delay).doubleValue() * 1000);
    for (long i = 1; i <= n; i++) {
      if (i > 1 && pauseMillis > 0) {
        Thread.sleep(pauseMillis);
      }
      FunctionOutput.stdout().println("line " + i);
    }
    return n;
  }

  private static long number(String function, Object v) {
    if (!(v instanceof Number)) {
      throw new PythonException(
          "TypeError", function + "() expects a number, got " + (v == null ? "None" : v));
    }
    return ((Number) v).longValue();
  }
}
