package dev.modal4j.testing.functions;

import java.util.Map;
import java.util.Optional;

/**
 * An app deployed in the emulator. Each method deploys one function under a name and returns this
 * app, so calls chain:
 *
 * <pre>{@code
 * emulator.deploy("my-app")
 *     .function("square", (args, kwargs) -> ((Number) args.get(0)).longValue() * 2)
 *     .generator("count", (args, kwargs, out) -> { out.emit(1); out.emit(2); })
 *     .webEndpoint("web");
 * }</pre>
 */
public final class EmulatedApp {
  private final FunctionRegistry registry;
  private final String name;

  EmulatedApp(FunctionRegistry registry, String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("app name must not be blank");
    }
    this.registry = registry;
    this.name = name;
  }

  /** The app's name. */
  public String name() {
    return name;
  }

  /** The app's id, once a function has been deployed in it. */
  public Optional<String> appId() {
    return registry.appId("", name);
  }

  /** Deploys a function with default settings. */
  public EmulatedApp function(String functionName, FunctionHandler handler) {
    return function(functionName, handler, FunctionSpec.defaults());
  }

  /** Deploys a function with the given settings. */
  public EmulatedApp function(String functionName, FunctionHandler handler, FunctionSpec spec) {
    return deploy(functionName, FunctionBody.function(handler), spec);
  }

  /** Deploys a generator function with default settings. */
  public EmulatedApp generator(String functionName, GeneratorHandler handler) {
    return generator(functionName, handler, FunctionSpec.defaults());
  }

  /** Deploys a generator function with the given settings. */
  public EmulatedApp generator(String functionName, GeneratorHandler handler, FunctionSpec spec) {
    return deploy(functionName, FunctionBody.generator(handler), spec);
  }

  /** Deploys a function served through the input plane. */
  public EmulatedApp inputPlaneFunction(String functionName, FunctionHandler handler) {
    return function(functionName, handler, FunctionSpec.builder().inputPlane(true).build());
  }

  /** Deploys a web endpoint answering {@code {"ok": true}}. */
  public EmulatedApp webEndpoint(String functionName) {
    return webEndpoint(functionName, (args, kwargs) -> Map.of("ok", true));
  }

  /** Deploys a web endpoint; HTTP requests to its web_url run the handler (query as kwargs). */
  public EmulatedApp webEndpoint(String functionName, FunctionHandler handler) {
    return deploy(functionName, FunctionBody.webEndpoint(handler), FunctionSpec.defaults());
  }

  /** The deployed function with this name, if any. */
  public Optional<DeployedFunction> lookup(String functionName) {
    return registry.byTag("", name, functionName);
  }

  private EmulatedApp deploy(String functionName, FunctionBody body, FunctionSpec spec) {
    if (functionName == null || functionName.isBlank() || functionName.contains(".")) {
      throw new IllegalArgumentException(
          "function name must be non-blank and contain no '.', got '" + functionName + "'");
    }
    registry.register(FunctionDefinition.builder(name, functionName).spec(spec).body(body).build());
    return this;
  }
}
