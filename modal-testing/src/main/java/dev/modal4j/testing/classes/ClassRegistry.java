package dev.modal4j.testing.classes;

import dev.modal4j.proto.ClassParameterInfo;
import dev.modal4j.proto.ClassParameterInfo.ParameterSerializationFormat;
import dev.modal4j.proto.FunctionHandleMetadata;
import dev.modal4j.testing.EmulatorState;
import dev.modal4j.testing.functions.DeployedFunction;
import dev.modal4j.testing.functions.FunctionBody;
import dev.modal4j.testing.functions.FunctionDefinition;
import dev.modal4j.testing.functions.FunctionRegistry;
import dev.modal4j.testing.functions.FunctionSpec;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The emulator's deployed classes. Each class is served by a service function {@code Name.*} in the
 * functions registry, with one body per method and the parameter schema in its metadata.
 */
public final class ClassRegistry {
  private final EmulatorState state;
  private final FunctionRegistry functions;
  private final Map<String, DeployedClass> byName = new ConcurrentHashMap<>();
  private final Map<String, DeployedClass> byServiceFunction = new ConcurrentHashMap<>();

  ClassRegistry(EmulatorState state, FunctionRegistry functions) {
    this.state = state;
    this.functions = functions;
  }

  /** Deploys {@code cls} into app {@code appName} of {@code environment} ("" = main). */
  public DeployedClass deploy(String environment, String appName, EmulatedClass cls) {
    String env = state.environments().resolve(environment);
    BoundInstance defaults =
        new BoundInstance(
            ParameterDecoder.decode(cls.schema(), com.google.protobuf.ByteString.EMPTY, true),
            null,
            BoundInstance.DEFAULT_CPU,
            BoundInstance.DEFAULT_MEMORY_MB);
    FunctionDefinition.Builder def =
        FunctionDefinition.builder(appName, cls.name() + ".*").spec(FunctionSpec.defaults());
    cls.methods().forEach((m, handler) -> def.method(m, body(handler, defaults)));
    ClassParameterInfo info =
        ClassParameterInfo.newBuilder()
            .setFormat(ParameterSerializationFormat.PARAM_SERIALIZATION_FORMAT_PROTO)
            .addAllSchema(cls.schema())
            .build();
    def.metadata(
        b -> b.setClassParameterInfo(info).putAllMethodHandleMetadata(methods(cls, b.getAppId())));
    DeployedFunction service = functions.registerInEnvironment(def.build(), env);
    DeployedClass deployed = new DeployedClass(state.newId("cs"), env, appName, cls, service);
    byName.put(key(env, appName, cls.name()), deployed);
    byServiceFunction.put(service.id(), deployed);
    return deployed;
  }

  /** The class {@code name} of app {@code appName} in {@code environment} ("" = main). */
  public Optional<DeployedClass> find(String environment, String appName, String name) {
    return Optional.ofNullable(
        byName.get(key(state.environments().resolve(environment), appName, name)));
  }

  /** The class served by this service function, if it is one. */
  public Optional<DeployedClass> byServiceFunction(String functionId) {
    return Optional.ofNullable(byServiceFunction.get(functionId));
  }

  FunctionRegistry functions() {
    return functions;
  }

  static FunctionBody body(MethodHandler handler, BoundInstance self) {
    return FunctionBody.function((args, kwargs) -> handler.call(self, args, kwargs));
  }

  private static Map<String, FunctionHandleMetadata> methods(EmulatedClass cls, String appId) {
    Map<String, FunctionHandleMetadata> out = new java.util.TreeMap<>();
    for (String m : cls.methods().keySet()) {
      out.put(
          m,
          FunctionRegistry.baseMetadata(
                  cls.name() + "." + m, null, FunctionSpec.defaults(), appId, "")
              .setIsMethod(true)
              .setUseMethodName(m)
              .build());
    }
    return out;
  }

  private static String key(String env, String app, String name) {
    return env + '\u0000' + app + '\u0000' + name;
  }
}
