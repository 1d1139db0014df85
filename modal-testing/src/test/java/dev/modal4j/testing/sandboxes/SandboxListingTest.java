package dev.modal4j.testing.sandboxes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modal4j.proto.AppGetOrCreateRequest;
import dev.modal4j.proto.GPUConfig;
import dev.modal4j.proto.ObjectCreationType;
import dev.modal4j.proto.Resources;
import dev.modal4j.proto.SandboxCreateRequest;
import dev.modal4j.proto.SandboxGetFromNameRequest;
import dev.modal4j.proto.SandboxInfo;
import dev.modal4j.proto.SandboxListRequest;
import dev.modal4j.proto.SandboxTag;
import dev.modal4j.proto.SandboxTagsGetRequest;
import dev.modal4j.proto.SandboxTagsSetRequest;
import dev.modal4j.proto.SandboxTerminateRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SandboxListingTest {
  private static SandboxFixture fx;

  @BeforeAll
  static void start() {
    fx = new SandboxFixture();
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  @Test
  void aNameIsTakenWhileItsSandboxRunsAndFoundByFromName() {
    String id = fx.create(fx.definition("sleep", "60").setName("named-one"));
    assertThatThrownBy(() -> fx.create(fx.definition("sleep", "60").setName("named-one")))
        .isInstanceOf(StatusRuntimeException.class)
        .hasMessageContaining("ALREADY_EXISTS")
        .hasMessageContaining("already exists");
    assertThat(fromName("named-one")).isEqualTo(id);
    assertThat(fromName("named-one")).isEqualTo(id);

    fx.stub.sandboxTerminate(SandboxTerminateRequest.newBuilder().setSandboxId(id).build());
    assertThatThrownBy(() -> fromName("named-one"))
        .isInstanceOf(StatusRuntimeException.class)
        .hasMessageContaining("NOT_FOUND")
        .hasMessageContaining("Sandbox with name 'named-one' not found in App 'sandbox-tests'");
    String again = fx.create(fx.definition("sleep", "60").setName("named-one"));
    assertThat(fromName("named-one")).isEqualTo(again).isNotEqualTo(id);
    fx.stub.sandboxTerminate(SandboxTerminateRequest.newBuilder().setSandboxId(again).build());
  }

  @Test
  void theSameNameMayRunInAnotherApp() {
    String otherApp =
        fx.stub
            .appGetOrCreate(
                AppGetOrCreateRequest.newBuilder()
                    .setAppName("other-sandbox-app")
                    .setObjectCreationType(
                        ObjectCreationType.OBJECT_CREATION_TYPE_CREATE_IF_MISSING)
                    .build())
            .getAppId();
    fx.create(fx.definition().setName("shared-name"));
    String other =
        fx.stub
            .sandboxCreate(
                SandboxCreateRequest.newBuilder()
                    .setAppId(otherApp)
                    .setDefinition(fx.definition().setName("shared-name"))
                    .build())
            .getSandboxId();
    assertThat(other).startsWith("sb-");
  }

  @Test
  void listFiltersByEveryTagAndPagesNewestFirst() {
    String unique = "run-" + System.nanoTime();
    int count = SandboxListing.PAGE_SIZE + 2;
    List<String> created = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      created.add(fx.create(fx.definition(), Map.of("batch", unique, "i", Integer.toString(i))));
    }
    List<SandboxInfo> page1 = list(Map.of("batch", unique), 0);
    assertThat(page1).hasSize(SandboxListing.PAGE_SIZE);
    List<SandboxInfo> page2 =
        list(Map.of("batch", unique), page1.get(page1.size() - 1).getCreatedAt());
    assertThat(page2).hasSize(2);
    assertThat(list(Map.of("batch", unique), page2.get(1).getCreatedAt())).isEmpty();

    List<String> all = new ArrayList<>();
    page1.forEach(s -> all.add(s.getId()));
    page2.forEach(s -> all.add(s.getId()));
    List<String> newestFirst = new ArrayList<>(created);
    java.util.Collections.reverse(newestFirst);
    assertThat(all).containsExactlyElementsOf(newestFirst);
    assertThat(new HashSet<>(all)).hasSize(count);

    assertThat(list(Map.of("batch", unique, "i", "5"), 0))
        .extracting(SandboxInfo::getId)
        .containsExactly(created.get(5));
    assertThat(list(Map.of("batch", unique, "i", "5", "missing", "x"), 0)).isEmpty();
  }

  @Test
  void tagsAreReplacedAsAWholeAndFinishedSandboxesListOnlyWhenAsked() {
    String id = fx.create(fx.definition());
    assertThat(tags(id)).isEmpty();
    setTags(id, Map.of("a", "1", "b", "2"));
    assertThat(tags(id)).containsExactlyInAnyOrderEntriesOf(Map.of("a", "1", "b", "2"));
    setTags(id, Map.of("c", "3"));
    assertThat(tags(id)).containsExactlyEntriesOf(Map.of("c", "3"));
    String unique = "finished-" + System.nanoTime();
    setTags(id, Map.of("k", unique));
    assertThat(list(Map.of("k", unique), 0)).extracting(SandboxInfo::getId).containsExactly(id);

    fx.stub.sandboxTerminate(SandboxTerminateRequest.newBuilder().setSandboxId(id).build());
    assertThat(list(Map.of("k", unique), 0)).isEmpty();
    List<SandboxInfo> withFinished =
        fx.stub
            .sandboxList(
                SandboxListRequest.newBuilder()
                    .setAppId(fx.appId)
                    .setIncludeFinished(true)
                    .addTags(SandboxTag.newBuilder().setTagName("k").setTagValue(unique))
                    .build())
            .getSandboxesList();
    assertThat(withFinished).extracting(SandboxInfo::getId).containsExactly(id);
    assertThat(withFinished.get(0).getTaskInfo().getResult().getStatus())
        .isEqualTo(dev.modal4j.proto.GenericResult.GenericStatus.GENERIC_STATUS_TERMINATED);
    assertThat(withFinished.get(0).getTaskInfo().getFinishedAt()).isPositive();

    assertThatThrownBy(() -> tags("sb-unknown"))
        .isInstanceOf(StatusRuntimeException.class)
        .extracting(e -> Status.fromThrowable(e).getCode())
        .isEqualTo(Status.Code.NOT_FOUND);
  }

  @Test
  void listWithoutAnAppListsTheEnvironment() {
    String unique = "env-" + System.nanoTime();
    String id = fx.create(fx.definition(), Map.of("env-tag", unique));
    List<SandboxInfo> found =
        fx.stub
            .sandboxList(
                SandboxListRequest.newBuilder()
                    .setEnvironmentName("main")
                    .addTags(SandboxTag.newBuilder().setTagName("env-tag").setTagValue(unique))
                    .build())
            .getSandboxesList();
    assertThat(found).extracting(SandboxInfo::getId).containsExactly(id);
  }

  @Test
  void theGpuIsRecordedAndReportedInTheListing() {
    String unique = "gpu-" + System.nanoTime();
    String id =
        fx.create(
            fx.definition()
                .setResources(
                    Resources.newBuilder()
                        .setGpuConfig(GPUConfig.newBuilder().setGpuType("A100-80GB").setCount(1))),
            Map.of("gpu-test", unique));
    SandboxInfo info = list(Map.of("gpu-test", unique), 0).get(0);
    assertThat(info.getId()).isEqualTo(id);
    assertThat(info.getTaskInfo().getGpuType()).isEqualTo("A100-80GB");
    assertThat(info.getTaskInfo().getGpuConfig().getGpuType()).isEqualTo("A100-80GB");
    assertThat(info.getTaskInfo().getGpuConfig().getCount()).isEqualTo(1);
    assertThat(info.getTaskInfo().getId()).startsWith("ta-");
    assertThat(info.getTimeoutSecs()).isEqualTo(300);
    assertThat(
            fx.emulator
                .sandboxes()
                .get(id)
                .orElseThrow()
                .definition()
                .getResources()
                .getGpuConfig()
                .getGpuType())
        .isEqualTo("A100-80GB");

    String alias =
        fx.create(
            fx.definition()
                .setResources(
                    Resources.newBuilder()
                        .setGpuConfig(GPUConfig.newBuilder().setGpuType("A100-80G").setCount(2))),
            Map.of("gpu-test", unique + "-alias"));
    SandboxInfo aliasInfo = list(Map.of("gpu-test", unique + "-alias"), 0).get(0);
    assertThat(aliasInfo.getId()).isEqualTo(alias);
    assertThat(aliasInfo.getTaskInfo().getGpuConfig().getGpuType()).isEqualTo("A100-80GB");
    assertThat(aliasInfo.getTaskInfo().getGpuConfig().getCount()).isEqualTo(2);
  }

  private static String fromName(String name) {
    return fx.stub
        .sandboxGetFromName(
            SandboxGetFromNameRequest.newBuilder()
                .setAppName("sandbox-tests")
                .setSandboxName(name)
                .build())
        .getSandboxId();
  }

  private static List<SandboxInfo> list(Map<String, String> tags, double before) {
    SandboxListRequest.Builder request =
        SandboxListRequest.newBuilder().setAppId(fx.appId).setBeforeTimestamp(before);
    tags.forEach((k, v) -> request.addTags(SandboxTag.newBuilder().setTagName(k).setTagValue(v)));
    return fx.stub.sandboxList(request.build()).getSandboxesList();
  }

  private static Map<String, String> tags(String id) {
    Map<String, String> out = new LinkedHashMap<>();
    fx.stub
        .sandboxTagsGet(SandboxTagsGetRequest.newBuilder().setSandboxId(id).build())
        .getTagsList()
        .forEach(t -> out.put(t.getTagName(), t.getTagValue()));
    return out;
  }

  private static void setTags(String id, Map<String, String> tags) {
    SandboxTagsSetRequest.Builder request = SandboxTagsSetRequest.newBuilder().setSandboxId(id);
    tags.forEach((k, v) -> request.addTags(SandboxTag.newBuilder().setTagName(k).setTagValue(v)));
    fx.stub.sandboxTagsSet(request.build());
  }
}
