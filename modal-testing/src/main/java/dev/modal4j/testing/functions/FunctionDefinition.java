package dev.modal4j.testing.functions;

import dev.modal4j.proto.FunctionHandleMetadata;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A function to register with {@link FunctionRegistry}: its app, tag, settings and bodies. Plain
 * functions have one body under the method name {@code ""}; class service functions (tag {@code
 * "Cls.*"}) have one body per method and customize their metadata (method metadata, parameter
 * schema). Used by other emulator areas; tests normally use {@link EmulatedApp}.
 */
public final class FunctionDefinition {
  private final String appName;
  private final String tag;
  private final FunctionSpec spec;
  private final Map<String, FunctionBody> bodies;
  private final UnaryOperator<FunctionHandleMetadata.Builder> metadata;

  private FunctionDefinition(Builder b) {
    this.appName = b.appName;
    this.tag = b.tag;
    this.spec = b.spec;
    this.bodies = Map.copyOf(b.bodies);
    this.metadata = b.metadata;
  }

  /** Starts a definition of {@code tag} in app {@code appName}; an empty tag means unnamed. */
  public static Builder builder(String appName, String tag) {
    return new Builder(appName, tag);
  }

  /** The app's name. */
  public String appName() {
    return appName;
  }

  /** The object tag FunctionGet finds it by; empty for functions found only by id. */
  public String tag() {
    return tag;
  }

  /** Deployment settings. */
  public FunctionSpec spec() {
    return spec;
  }

  /** Bodies by method name; {@code ""} is the function's own body. */
  public Map<String, FunctionBody> bodies() {
    return bodies;
  }

  /** The customization applied to the generated handle metadata. */
  public UnaryOperator<FunctionHandleMetadata.Builder> metadataCustomizer() {
    return metadata;
  }

  /** Builder of {@link FunctionDefinition}. */
  public static final class Builder {
    private final String appName;
    private final String tag;
    private FunctionSpec spec = FunctionSpec.defaults();
    private final Map<String, FunctionBody> bodies = new LinkedHashMap<>();
    private UnaryOperator<FunctionHandleMetadata.Builder> metadata = UnaryOperator.identity();

    private Builder(String appName, String tag) {
      this.appName = Objects.requireNonNull(appName, "appName");
      this.tag = Objects.requireNonNull(tag, "tag");
    }

    /** Sets the deployment settings. */
    public Builder spec(FunctionSpec spec) {
      this.spec = Objects.requireNonNull(spec, "spec");
      return this;
    }

    /** Sets the function's own body (method name {@code ""}). */
    public Builder body(FunctionBody body) {
      return method("", body);
    }

    /** Adds the body of one method, selected by {@code FunctionInput.method_name}. */
    public Builder method(String name, FunctionBody body) {
      bodies.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(body, "body"));
      return this;
    }

    /** Adjusts the generated handle metadata (e.g. method metadata, class parameter info). */
    public Builder metadata(UnaryOperator<FunctionHandleMetadata.Builder> customizer) {
      this.metadata = Objects.requireNonNull(customizer, "customizer");
      return this;
    }

    /** Builds the definition; it needs at least one body. */
    public FunctionDefinition build() {
      if (bodies.isEmpty()) {
        throw new IllegalStateException("function '" + tag + "' has no body");
      }
      return new FunctionDefinition(this);
    }
  }
}
