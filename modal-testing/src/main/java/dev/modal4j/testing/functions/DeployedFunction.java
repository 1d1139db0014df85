package dev.modal4j.testing.functions;

import dev.modal4j.proto.AutoscalerSettings;
import dev.modal4j.proto.FunctionHandleMetadata;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** A function registered in the emulator: its id, app, handle metadata and runtime counters. */
public final class DeployedFunction {
  private final String id;
  private final String appId;
  private final String environment;
  private final FunctionDefinition definition;
  private final FunctionHandleMetadata metadata;
  private final AtomicInteger queued = new AtomicInteger();
  private final AtomicInteger running = new AtomicInteger();
  private AutoscalerSettings autoscaler;

  DeployedFunction(
      String id,
      String appId,
      String environment,
      FunctionDefinition definition,
      FunctionHandleMetadata metadata) {
    this.id = id;
    this.appId = appId;
    this.environment = environment;
    this.definition = definition;
    this.metadata = metadata;
    this.autoscaler =
        AutoscalerSettings.newBuilder()
            .setMinContainers(0)
            .setMaxContainers(100)
            .setBufferContainers(0)
            .setScaledownWindow(60)
            .build();
  }

  /** The function id ({@code fu-...}). */
  public String id() {
    return id;
  }

  /** The id of the app it belongs to ({@code ap-...}). */
  public String appId() {
    return appId;
  }

  /** The environment it is deployed in. */
  public String environment() {
    return environment;
  }

  /** What was registered. */
  public FunctionDefinition definition() {
    return definition;
  }

  /** The handle metadata FunctionGet returns (without the dynamic input_plane_url). */
  public FunctionHandleMetadata metadata() {
    return metadata;
  }

  /** The body serving {@code methodName} ({@code ""} or absent = the function's own body). */
  public Optional<FunctionBody> body(String methodName) {
    return Optional.ofNullable(definition.bodies().get(methodName == null ? "" : methodName));
  }

  /** Inputs waiting for a worker. */
  public AtomicInteger queuedInputs() {
    return queued;
  }

  /** Inputs running on a worker. */
  public AtomicInteger runningInputs() {
    return running;
  }

  /** Current autoscaler settings. */
  public synchronized AutoscalerSettings autoscaler() {
    return autoscaler;
  }

  /** Merges the fields set in {@code update} into the settings and returns the result. */
  public synchronized AutoscalerSettings updateAutoscaler(AutoscalerSettings update) {
    autoscaler = autoscaler.toBuilder().mergeFrom(update).build();
    return autoscaler;
  }
}
