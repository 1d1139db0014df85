package dev.modal4j.testing.classes;

import com.google.protobuf.ByteString;
import dev.modal4j.proto.ClassParameterSet;
import dev.modal4j.proto.FunctionBindParamsRequest;
import dev.modal4j.proto.FunctionBindParamsResponse;
import dev.modal4j.proto.FunctionOptions;
import dev.modal4j.proto.Resources;
import dev.modal4j.proto.VolumeMount;
import dev.modal4j.testing.functions.DeployedFunction;
import dev.modal4j.testing.functions.FunctionDefinition;
import dev.modal4j.testing.functions.FunctionRegistry;
import io.grpc.Status;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * FunctionBindParams: derives a bound function from a class service function (parameters and
 * options) or a plain function (options only). The same base, parameters and options give the same
 * bound function; anything different gives a new one.
 */
final class Bindings {
  private final ClassRegistry classes;
  private final SecretStore secrets;
  private final VolumeStore volumes;
  private final Map<String, DeployedFunction> bound = new ConcurrentHashMap<>();

  Bindings(ClassRegistry classes, SecretStore secrets, VolumeStore volumes) {
    this.classes = classes;
    this.secrets = secrets;
    this.volumes = volumes;
  }

  FunctionBindParamsResponse bind(FunctionBindParamsRequest request) {
    FunctionRegistry functions = classes.functions();
    DeployedFunction base =
        functions
            .byId(request.getFunctionId())
            .orElseThrow(
                () ->
                    Status.NOT_FOUND
                        .withDescription("Function " + request.getFunctionId() + " not found")
                        .asRuntimeException());
    DeployedClass cls = classes.byServiceFunction(base.id()).orElse(null);
    Map<String, Object> params;
    if (cls != null) {
      params = ParameterDecoder.decode(cls.definition().schema(), request.getSerializedParams());
    } else {
      params = Map.of();
      checkNoParameters(request.getSerializedParams());
    }
    FunctionOptions options = request.getFunctionOptions();
    BoundInstance self = instance(params, options);
    String key =
        base.id()
            + '\u0000'
            + ParameterEncoding.canonical(params)
            + '\u0000'
            + java.util.Base64.getEncoder().encodeToString(options.toByteArray());
    DeployedFunction fn = bound.computeIfAbsent(key, k -> register(base, cls, self));
    return FunctionBindParamsResponse.newBuilder()
        .setBoundFunctionId(fn.id())
        .setHandleMetadata(functions.handleMetadata(fn))
        .build();
  }

  private DeployedFunction register(DeployedFunction base, DeployedClass cls, BoundInstance self) {
    FunctionDefinition.Builder def =
        FunctionDefinition.builder(base.definition().appName(), "")
            .spec(base.definition().spec())
            .metadata(b -> base.metadata().toBuilder());
    if (cls != null) {
      cls.definition().methods().forEach((m, h) -> def.method(m, ClassRegistry.body(h, self)));
    } else {
      base.definition().bodies().forEach(def::method);
    }
    return classes.functions().registerInEnvironment(def.build(), base.environment());
  }

  private BoundInstance instance(Map<String, Object> params, FunctionOptions options) {
    for (String id : options.getSecretIdsList()) {
      if (secrets.values(id).isEmpty()) {
        throw Status.NOT_FOUND.withDescription("Secret " + id + " not found").asRuntimeException();
      }
    }
    for (VolumeMount m : options.getVolumeMountsList()) {
      if (volumes.name(m.getVolumeId()).isEmpty()) {
        throw Status.NOT_FOUND
            .withDescription("Volume " + m.getVolumeId() + " not found")
            .asRuntimeException();
      }
    }
    for (dev.modal4j.proto.CloudBucketMount m : options.getCloudBucketMountsList()) {
      String id = m.getCredentialsSecretId();
      if (!id.isEmpty() && secrets.values(id).isEmpty()) {
        throw Status.NOT_FOUND
            .withDescription(
                "Secret " + id + " of cloud bucket " + m.getBucketName() + " not found")
            .asRuntimeException();
      }
    }
    Resources r = options.getResources();
    String gpu = options.hasResources() ? KnownGpus.describe(r.getGpuConfig()) : null;
    double cpu = r.getMilliCpu() > 0 ? r.getMilliCpu() / 1000.0 : BoundInstance.DEFAULT_CPU;
    int memory = r.getMemoryMb() > 0 ? r.getMemoryMb() : BoundInstance.DEFAULT_MEMORY_MB;
    return new BoundInstance(params, gpu, cpu, memory);
  }

  private static void checkNoParameters(ByteString serialized) {
    try {
      if (ClassParameterSet.parseFrom(serialized).getParametersCount() == 0) {
        return;
      }
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      // refused below
    }
    throw Status.INVALID_ARGUMENT
        .withDescription("this function is not a class and takes no parameters")
        .asRuntimeException();
  }
}
