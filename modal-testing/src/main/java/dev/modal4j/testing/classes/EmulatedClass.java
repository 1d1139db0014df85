package dev.modal4j.testing.classes;

import com.google.protobuf.ByteString;
import dev.modal4j.proto.ClassParameterSpec;
import dev.modal4j.proto.GenericPayloadType;
import dev.modal4j.proto.ParameterType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A class to deploy in the emulator, like one declared with {@code @app.cls()}: its name, its
 * parameters ({@code modal.parameter()}, PROTO format) and its methods.
 *
 * <pre>{@code
 * EmulatedClass greeter = EmulatedClass.builder("Greeter")
 *     .stringParameter("greeting", "Hello")
 *     .method("greet", (self, args, kwargs) -> self.parameter("greeting") + ", " + args.get(0) + "!")
 *     .build();
 * }</pre>
 */
public final class EmulatedClass {
  private final String name;
  private final List<ClassParameterSpec> schema;
  private final Map<String, MethodHandler> methods;

  private EmulatedClass(Builder b) {
    this.name = b.name;
    this.schema = List.copyOf(b.schema);
    this.methods = Map.copyOf(b.methods);
  }

  /** Starts a class named {@code name}. */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** The class name. */
  public String name() {
    return name;
  }

  /** The parameter schema, in declaration order. */
  public List<ClassParameterSpec> schema() {
    return schema;
  }

  /** The methods by name. */
  public Map<String, MethodHandler> methods() {
    return methods;
  }

  /** Builder of {@link EmulatedClass}. */
  public static final class Builder {
    private final String name;
    private final List<ClassParameterSpec> schema = new ArrayList<>();
    private final Map<String, MethodHandler> methods = new LinkedHashMap<>();

    private Builder(String name) {
      if (name == null || name.isEmpty() || name.contains(".")) {
        throw new IllegalArgumentException("invalid class name: '" + name + "'");
      }
      this.name = name;
    }

    /** A {@code str} parameter; {@code defaultValue} null means required. */
    public Builder stringParameter(String name, String defaultValue) {
      ClassParameterSpec.Builder s = spec(name, ParameterType.PARAM_TYPE_STRING);
      if (defaultValue != null) {
        s.setHasDefault(true).setStringDefault(defaultValue);
      }
      return add(s);
    }

    /** An {@code int} parameter; {@code defaultValue} null means required. */
    public Builder intParameter(String name, Long defaultValue) {
      ClassParameterSpec.Builder s = spec(name, ParameterType.PARAM_TYPE_INT);
      if (defaultValue != null) {
        s.setHasDefault(true).setIntDefault(defaultValue);
      }
      return add(s);
    }

    /** A {@code bool} parameter; {@code defaultValue} null means required. */
    public Builder boolParameter(String name, Boolean defaultValue) {
      ClassParameterSpec.Builder s = spec(name, ParameterType.PARAM_TYPE_BOOL);
      if (defaultValue != null) {
        s.setHasDefault(true).setBoolDefault(defaultValue);
      }
      return add(s);
    }

    /** A {@code bytes} parameter; {@code defaultValue} null means required. */
    public Builder bytesParameter(String name, byte[] defaultValue) {
      ClassParameterSpec.Builder s = spec(name, ParameterType.PARAM_TYPE_BYTES);
      if (defaultValue != null) {
        s.setHasDefault(true).setBytesDefault(ByteString.copyFrom(defaultValue));
      }
      return add(s);
    }

    /** Adds a method. */
    public Builder method(String name, MethodHandler handler) {
      methods.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(handler, "handler"));
      return this;
    }

    /** The class; it needs at least one method. */
    public EmulatedClass build() {
      if (methods.isEmpty()) {
        throw new IllegalStateException("class '" + name + "' has no method");
      }
      return new EmulatedClass(this);
    }

    private static ClassParameterSpec.Builder spec(String name, ParameterType type) {
      return ClassParameterSpec.newBuilder()
          .setName(Objects.requireNonNull(name, "name"))
          .setType(type)
          .setFullType(GenericPayloadType.newBuilder().setBaseType(type));
    }

    private Builder add(ClassParameterSpec.Builder spec) {
      if (schema.stream().anyMatch(s -> s.getName().equals(spec.getName()))) {
        throw new IllegalArgumentException("duplicate parameter: " + spec.getName());
      }
      schema.add(spec.build());
      return this;
    }
  }
}
