package dev.modal4j.testing.functions.internal;

import dev.modal4j.proto.AutoscalerSettings;
import dev.modal4j.proto.FunctionGetCurrentStatsRequest;
import dev.modal4j.proto.FunctionGetRequest;
import dev.modal4j.proto.FunctionGetResponse;
import dev.modal4j.proto.FunctionStats;
import dev.modal4j.proto.FunctionUpdateSchedulingParamsRequest;
import dev.modal4j.proto.FunctionUpdateSchedulingParamsResponse;
import dev.modal4j.proto.ModalClientGrpc;
import dev.modal4j.testing.functions.DeployedFunction;
import dev.modal4j.testing.functions.FunctionRegistry;
import dev.modal4j.testing.internal.EmulatorArea;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;

/** FunctionGet, FunctionGetCurrentStats and FunctionUpdateSchedulingParams. */
public final class FunctionLookupArea implements EmulatorArea {
  private final FunctionRegistry registry;

  /** Creates the area over a registry. */
  public FunctionLookupArea(FunctionRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void bind(ServerServiceDefinition.Builder service) {
    Rpcs.unary(service, ModalClientGrpc.getFunctionGetMethod(), this::get);
    Rpcs.unary(service, ModalClientGrpc.getFunctionGetCurrentStatsMethod(), this::stats);
    Rpcs.unary(service, ModalClientGrpc.getFunctionUpdateSchedulingParamsMethod(), this::schedule);
  }

  private FunctionGetResponse get(FunctionGetRequest req) {
    if (req.getAppName().isEmpty() || req.getObjectTag().isEmpty()) {
      throw InputValidator.invalid("app_name and object_tag are required");
    }
    String env = req.getEnvironmentName();
    if (!registry.appExists(env, req.getAppName())) {
      throw dev.modal4j.testing.internal.SharedObjects.notFound(
          "App", req.getAppName(), registry.environmentName(registry.environment(env)));
    }
    if (req.getAppVersion() > 1) {
      throw Status.NOT_FOUND
          .withDescription("App '" + req.getAppName() + "' has no version " + req.getAppVersion())
          .asRuntimeException();
    }
    DeployedFunction f =
        registry
            .byTag(env, req.getAppName(), req.getObjectTag())
            .orElseThrow(
                () ->
                    Status.NOT_FOUND
                        .withDescription(
                            "Function '"
                                + req.getObjectTag()
                                + "' not found in app '"
                                + req.getAppName()
                                + "'")
                        .asRuntimeException());
    return FunctionGetResponse.newBuilder()
        .setFunctionId(f.id())
        .setHandleMetadata(registry.handleMetadata(f))
        .build();
  }

  private FunctionStats stats(FunctionGetCurrentStatsRequest req) {
    DeployedFunction f = function(req.getFunctionId());
    int running = f.runningInputs().get();
    int max = f.autoscaler().hasMaxContainers() ? f.autoscaler().getMaxContainers() : 100;
    return FunctionStats.newBuilder()
        .setBacklog(Math.max(0, f.queuedInputs().get()))
        .setNumTotalTasks(Math.max(running, f.autoscaler().getMinContainers()))
        .setNumRunningInputs(running)
        .setInputHeadroom(Math.max(0, max - running))
        .build();
  }

  private FunctionUpdateSchedulingParamsResponse schedule(
      FunctionUpdateSchedulingParamsRequest req) {
    DeployedFunction f = function(req.getFunctionId());
    AutoscalerSettings s = req.getSettings();
    AutoscalerSettings merged = f.autoscaler().toBuilder().mergeFrom(s).build();
    if (merged.hasMaxContainers()
        && merged.hasMinContainers()
        && merged.getMinContainers() > merged.getMaxContainers()) {
      throw InputValidator.invalid(
          "min_containers ("
              + merged.getMinContainers()
              + ") must not exceed max_containers ("
              + merged.getMaxContainers()
              + ")");
    }
    return FunctionUpdateSchedulingParamsResponse.newBuilder()
        .setCurrentSettings(f.updateAutoscaler(s))
        .build();
  }

  private DeployedFunction function(String id) {
    return registry
        .byId(id)
        .orElseThrow(
            () ->
                Status.NOT_FOUND
                    .withDescription("Function " + id + " not found")
                    .asRuntimeException());
  }
}
