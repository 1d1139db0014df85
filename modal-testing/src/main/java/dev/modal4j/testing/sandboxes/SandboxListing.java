package dev.modal4j.testing.sandboxes;

import dev.modal4j.proto.GPUConfig;
import dev.modal4j.proto.SandboxGetFromNameRequest;
import dev.modal4j.proto.SandboxGetFromNameResponse;
import dev.modal4j.proto.SandboxHandleMetadata;
import dev.modal4j.proto.SandboxInfo;
import dev.modal4j.proto.SandboxListRequest;
import dev.modal4j.proto.SandboxListResponse;
import dev.modal4j.proto.SandboxTag;
import dev.modal4j.proto.SandboxTagsGetRequest;
import dev.modal4j.proto.SandboxTagsGetResponse;
import dev.modal4j.proto.SandboxTagsSetRequest;
import dev.modal4j.proto.TaskInfo;
import dev.modal4j.testing.EmulatorState;
import dev.modal4j.testing.RegisteredApp;
import dev.modal4j.testing.classes.KnownGpus;
import io.grpc.Status;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** SandboxGetFromName, SandboxList and the tags RPCs over the registry. */
final class SandboxListing {
  /** How many sandboxes one SandboxList page holds at most. */
  static final int PAGE_SIZE = 100;

  private final EmulatorState state;
  private final SandboxRegistry sandboxes;

  SandboxListing(EmulatorState state, SandboxRegistry sandboxes) {
    this.state = state;
    this.sandboxes = sandboxes;
  }

  SandboxGetFromNameResponse fromName(SandboxGetFromNameRequest request) {
    return fromName(request, false);
  }

  /** SandboxGetFromNameV2: V1 sandboxes too (Modal mirrors them into its V2 store). */
  SandboxGetFromNameResponse fromNameV2(SandboxGetFromNameRequest request) {
    return fromName(request, true);
  }

  private SandboxGetFromNameResponse fromName(SandboxGetFromNameRequest request, boolean v2) {
    String name = request.getSandboxName();
    String appName = request.getAppName();
    EmulatedSandbox sandbox =
        state
            .apps()
            .find(request.getEnvironmentName(), appName)
            .flatMap(app -> sandboxes.running(app.appId(), name))
            .filter(s -> v2 || !s.v2())
            .orElseThrow(
                () ->
                    Status.NOT_FOUND
                        .withDescription(
                            "Sandbox with name '" + name + "' not found in App '" + appName + "'")
                        .asRuntimeException());
    return SandboxGetFromNameResponse.newBuilder()
        .setSandboxId(sandbox.sandboxId())
        .setMetadata(SandboxHandleMetadata.newBuilder().setAppId(sandbox.appId()))
        .build();
  }

  SandboxListResponse list(SandboxListRequest request) {
    return list(request, false);
  }

  /** SandboxListV2: V1 and V2 sandboxes alike. */
  SandboxListResponse listV2(SandboxListRequest request) {
    return list(request, true);
  }

  private SandboxListResponse list(SandboxListRequest request, boolean v2) {
    String appId = request.getAppId();
    String env;
    if (!appId.isEmpty()) {
      RegisteredApp app =
          state
              .apps()
              .byId(appId)
              .orElseThrow(
                  () ->
                      Status.NOT_FOUND
                          .withDescription("App '" + appId + "' not found")
                          .asRuntimeException());
      env = app.environment();
    } else {
      env = state.environments().resolve(request.getEnvironmentName());
    }
    Map<String, String> wanted = tagMap(request.getTagsList());
    double before = request.getBeforeTimestamp();
    List<EmulatedSandbox> page =
        sandboxes.list(
            s ->
                (appId.isEmpty() ? s.environment().equals(env) : s.appId().equals(appId))
                    && (request.getIncludeFinished() || !s.finished())
                    && (before <= 0 || seconds(s.createdAt()) < before)
                    && (v2 || !s.v2())
                    && s.hasTags(wanted));
    SandboxListResponse.Builder response = SandboxListResponse.newBuilder();
    page.stream().limit(PAGE_SIZE).forEach(s -> response.addSandboxes(info(s)));
    return response.build();
  }

  SandboxTagsGetResponse tags(SandboxTagsGetRequest request) {
    EmulatedSandbox sandbox = sandboxes.get(request.getSandboxId());
    SandboxTagsGetResponse.Builder response = SandboxTagsGetResponse.newBuilder();
    sandbox
        .tags()
        .forEach((k, v) -> response.addTags(SandboxTag.newBuilder().setTagName(k).setTagValue(v)));
    return response.build();
  }

  com.google.protobuf.Empty setTags(SandboxTagsSetRequest request) {
    EmulatedSandbox sandbox = sandboxes.get(request.getSandboxId());
    SandboxDefinitions.check(dev.modal4j.proto.Sandbox.getDefaultInstance(), request.getTagsList());
    sandbox.tags(tagMap(request.getTagsList()));
    return com.google.protobuf.Empty.getDefaultInstance();
  }

  private static SandboxInfo info(EmulatedSandbox s) {
    var d = s.definition();
    TaskInfo.Builder task =
        TaskInfo.newBuilder()
            .setId(s.taskId())
            .setSandboxId(s.sandboxId())
            .setEnqueuedAt(seconds(s.createdAt()));
    s.startedAt().ifPresent(t -> task.setStartedAt(seconds(t)));
    s.finishedAt().ifPresent(t -> task.setFinishedAt(seconds(t)));
    s.result().ifPresent(task::setResult);
    GPUConfig gpu = d.getResources().getGpuConfig();
    String described = d.getResources().hasGpuConfig() ? KnownGpus.describe(gpu) : null;
    if (described != null) {
      String type = described.substring(0, described.lastIndexOf(':'));
      task.setGpuType(type)
          .setGpuConfig(GPUConfig.newBuilder().setGpuType(type).setCount(gpu.getCount()));
    }
    SandboxInfo.Builder info =
        SandboxInfo.newBuilder()
            .setId(s.sandboxId())
            .setCreatedAt(seconds(s.createdAt()))
            .setTaskInfo(task)
            .setAppId(s.appId())
            .setName(s.name().orElse(""))
            .setImageId(d.getImageId())
            .addAllRegions(d.getSchedulerPlacement().getRegionsList())
            .setTimeoutSecs(d.getTimeoutSecs() == 0 ? 300 : d.getTimeoutSecs());
    if (d.hasIdleTimeoutSecs()) {
      info.setIdleTimeoutSecs(d.getIdleTimeoutSecs());
    }
    s.tags().forEach((k, v) -> info.addTags(SandboxTag.newBuilder().setTagName(k).setTagValue(v)));
    return info.build();
  }

  static Map<String, String> tagMap(List<SandboxTag> tags) {
    Map<String, String> map = new LinkedHashMap<>();
    tags.forEach(t -> map.put(t.getTagName(), t.getTagValue()));
    return map;
  }

  static double seconds(Instant instant) {
    return instant.getEpochSecond() + instant.getNano() / 1e9;
  }
}
