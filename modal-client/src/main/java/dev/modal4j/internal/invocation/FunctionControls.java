package dev.modal4j.internal.invocation;

import dev.modal4j.ServiceException;
import dev.modal4j.functions.AutoscalerSettings;
import dev.modal4j.functions.FunctionStats;
import dev.modal4j.functions.InputInfo;
import dev.modal4j.functions.UpdateAutoscalerParams;
import dev.modal4j.internal.ClientContext;
import dev.modal4j.internal.rpc.CallPolicy;
import dev.modal4j.proto.FunctionGetCallGraphRequest;
import dev.modal4j.proto.FunctionGetCurrentStatsRequest;
import dev.modal4j.proto.FunctionUpdateSchedulingParamsRequest;
import dev.modal4j.proto.ModalClientGrpc;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Stats, autoscaler overrides and call graphs (protocol §6, §11). */
public final class FunctionControls {
  static final CallPolicy STATS_POLICY =
      CallPolicy.DEFAULT.toBuilder().attemptTimeout(Duration.ofSeconds(10)).build();

  private FunctionControls() {}

  /** FunctionGetCurrentStats. */
  public static CompletableFuture<FunctionStats> currentStats(
      ClientContext ctx, String functionId) {
    return ctx.controlPlane()
        .unary(
            ModalClientGrpc.getFunctionGetCurrentStatsMethod(),
            FunctionGetCurrentStatsRequest.newBuilder().setFunctionId(functionId).build(),
            STATS_POLICY)
        .thenApply(s -> new FunctionStats(s.getBacklog(), s.getNumTotalTasks()));
  }

  /** FunctionUpdateSchedulingParams; completes with the settings Modal reports back. */
  public static CompletableFuture<AutoscalerSettings> updateAutoscaler(
      ClientContext ctx, String functionId, UpdateAutoscalerParams params) {
    dev.modal4j.proto.AutoscalerSettings.Builder settings =
        dev.modal4j.proto.AutoscalerSettings.newBuilder();
    params.minContainers().ifPresent(settings::setMinContainers);
    params.maxContainers().ifPresent(settings::setMaxContainers);
    params.bufferContainers().ifPresent(settings::setBufferContainers);
    params.scaledownWindow().ifPresent(w -> settings.setScaledownWindow((int) w.getSeconds()));
    FunctionUpdateSchedulingParamsRequest request =
        FunctionUpdateSchedulingParamsRequest.newBuilder()
            .setFunctionId(functionId)
            .setWarmPoolSizeOverride(0)
            .setSettings(settings)
            .build();
    return ctx.controlPlane()
        .unary(ModalClientGrpc.getFunctionUpdateSchedulingParamsMethod(), request)
        .thenApply(
            r -> {
              if (!r.hasCurrentSettings()) {
                throw new ServiceException(
                    "FunctionUpdateSchedulingParams answered without the current settings");
              }
              return toPublic(r.getCurrentSettings());
            });
  }

  static AutoscalerSettings toPublic(dev.modal4j.proto.AutoscalerSettings s) {
    return new AutoscalerSettings(
        s.hasMinContainers() ? s.getMinContainers() : null,
        s.hasMaxContainers() ? s.getMaxContainers() : null,
        s.hasBufferContainers() ? s.getBufferContainers() : null,
        s.hasScaledownWindow()
            ? Duration.ofSeconds(Integer.toUnsignedLong(s.getScaledownWindow()))
            : null);
  }

  /** FunctionGetCallGraph, rebuilt into a tree. */
  public static CompletableFuture<List<InputInfo>> callGraph(
      ClientContext ctx, String functionCallId) {
    return ctx.controlPlane()
        .unary(
            ModalClientGrpc.getFunctionGetCallGraphMethod(),
            FunctionGetCallGraphRequest.newBuilder().setFunctionCallId(functionCallId).build())
        .thenApply(CallGraphBuilder::build);
  }
}
