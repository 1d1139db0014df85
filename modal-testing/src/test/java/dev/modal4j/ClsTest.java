package dev.modal4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.modal4j.functions.AutoscalerSettings;
import dev.modal4j.functions.Cls;
import dev.modal4j.functions.ClsInstance;
import dev.modal4j.functions.ClsOptions;
import dev.modal4j.functions.FunctionCall;
import dev.modal4j.functions.UpdateAutoscalerParams;
import dev.modal4j.proto.ClassParameterSet;
import dev.modal4j.proto.FunctionBindParamsRequest;
import dev.modal4j.secrets.Secret;
import dev.modal4j.testing.EmulatorStats;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ClsTest {
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
  private static ClassesEnv env;
  private final RequestCapture capture = new RequestCapture();
  private ModalClient modal;
  private Cls greeter;

  @BeforeAll
  static void start() {
    env = new ClassesEnv();
  }

  @AfterAll
  static void stop() {
    env.close();
  }

  @BeforeEach
  void connect() {
    modal = env.client(capture);
    greeter = modal.cls().fromName("modal4j-demo", "Greeter");
  }

  @AfterEach
  void disconnect() {
    modal.close();
  }

  private static EmulatorStats stats() {
    return env.emulator.stats();
  }

  @Test
  void greetsWithTheDefaultGreeting() {
    assertThat(greeter.instance().method("greet").remote(String.class, "Ada"))
        .isEqualTo("Hello, Ada!");
  }

  @Test
  void greetsWithTheGivenGreeting() {
    ClsInstance hi = greeter.instance(Map.of("greeting", "Hi"));
    assertThat(hi.method("greet").remote(String.class, "Ada")).isEqualTo("Hi, Ada!");
    assertThat(hi.method("greet").remote(String.class, java.util.List.of(), Map.of("name", "Bo")))
        .isEqualTo("Hi, Bo!");
    FunctionBindParamsRequest sent = capture.of(FunctionBindParamsRequest.class).get(0);
    assertThat(sent.getFunctionId()).isEqualTo(greeter.serviceFunctionId());
    assertThat(sent.hasFunctionOptions()).isFalse();
  }

  @Test
  void unknownClassIsNotFound() {
    assertThatThrownBy(() -> modal.cls().fromName("modal4j-demo", "Nope"))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("Class 'modal4j-demo/Nope' not found");
    assertThatThrownBy(() -> modal.cls().fromName("no-such-app", "Greeter"))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("Class 'no-such-app/Greeter' not found");
  }

  @Test
  void wrongTypeAndUnknownParametersAreRefusedWithoutAnyRpc() {
    long before = stats().total();
    assertThatThrownBy(() -> greeter.instance(Map.of("greeting", 42)))
        .isInstanceOf(InvalidException.class)
        .hasMessage("Parameter 'greeting' must be a String, got Integer");
    assertThatThrownBy(() -> greeter.instance(Map.of("colour", "red")))
        .isInstanceOf(InvalidException.class)
        .hasMessage(
            "Class 'modal4j-demo/Greeter' has no parameter 'colour'; its parameters are: greeting");
    assertThatThrownBy(
            () -> greeter.withOptions(ClsOptions.builder().cpu(2).cpuLimit(1).build()).instance())
        .isInstanceOf(InvalidException.class)
        .hasMessageContaining("cpuLimit");
    assertThat(stats().total()).isEqualTo(before);
    assertThat(capture.of(FunctionBindParamsRequest.class)).isEmpty();
  }

  @Test
  void gpuAndMemoryOptionsReachTheServerAndTheInstance() throws Exception {
    ClsInstance big =
        greeter
            .withOptions(ClsOptions.builder().gpu("A100-80G:2").memoryMiB(4096).build())
            .instance(Map.of("greeting", "Big"));
    FunctionBindParamsRequest sent = capture.of(FunctionBindParamsRequest.class).get(0);
    var resources = sent.getFunctionOptions().getResources();
    assertThat(resources.getGpuConfig().getGpuType()).isEqualTo("A100-80GB");
    assertThat(resources.getGpuConfig().getCount()).isEqualTo(2);
    assertThat(resources.getMemoryMb()).isEqualTo(4096);
    assertThat(
            ClassParameterSet.parseFrom(sent.getSerializedParams())
                .getParameters(0)
                .getStringValue())
        .isEqualTo("Big");
    Map<String, Object> reported = big.method("resources").remote(MAP);
    assertThat(reported).containsEntry("gpu", "A100-80GB:2").containsEntry("memory_mb", 4096);
    assertThat(((Number) reported.get("cpu")).doubleValue()).isEqualTo(0.125);

    Map<String, Object> plain = greeter.instance().method("resources").remote(MAP);
    assertThat(plain).containsEntry("gpu", null).containsEntry("memory_mb", 128);
  }

  @Test
  void sameParametersBindOnceAndDifferentOnesSeparately() {
    long before = stats().count("FunctionBindParams");
    ClsInstance a = greeter.instance(Map.of("greeting", "Same"));
    ClsInstance b = greeter.instance(Map.of("greeting", "Same"));
    assertThat(stats().count("FunctionBindParams")).isEqualTo(before + 1);
    assertThat(b.functionId()).isEqualTo(a.functionId());

    ClsInstance c = greeter.instance(Map.of("greeting", "Other"));
    ClsInstance d =
        greeter
            .withOptions(ClsOptions.builder().cpu(1).build())
            .instance(Map.of("greeting", "Same"));
    assertThat(stats().count("FunctionBindParams")).isEqualTo(before + 3);
    assertThat(c.functionId()).isNotEqualTo(a.functionId());
    assertThat(d.functionId()).isNotIn(a.functionId(), c.functionId());
    assertThat(c.method("greet").remote(String.class, "X")).isEqualTo("Other, X!");

    try (ModalClient other = env.client()) {
      ClsInstance e =
          other.cls().fromName("modal4j-demo", "Greeter").instance(Map.of("greeting", "Same"));
      assertThat(e.functionId()).isEqualTo(a.functionId());
    }
  }

  @Test
  void unknownMethodListsTheMethods() {
    assertThat(greeter.instance().methodNames()).containsExactly("greet", "resources");
    assertThatThrownBy(() -> greeter.instance().method("shout"))
        .isInstanceOf(NotFoundException.class)
        .hasMessage(
            "Method 'shout' not found on class 'modal4j-demo/Greeter'; its methods are: greet,"
                + " resources");
  }

  @Test
  void spawnWorksThroughTheBoundFunction() {
    FunctionCall<String> call =
        greeter.instance(Map.of("greeting", "Later")).method("greet").spawn(String.class, "Ada");
    assertThat(call.get(Duration.ofSeconds(10))).isEqualTo("Later, Ada!");
  }

  @Test
  void envBecomesAnEphemeralSecretNextToTheGivenSecrets() {
    String named = env.classes.secrets().create("", "cls-test", Map.of("K", "v"));
    Secret secret = modal.secrets().fromName("cls-test");
    long secretsBefore = stats().count("SecretGetOrCreate");
    greeter
        .withOptions(ClsOptions.builder().secrets(secret).env(Map.of("GREETING_ENV", "1")).build())
        .instance();
    assertThat(stats().count("SecretGetOrCreate")).isEqualTo(secretsBefore + 1);
    FunctionBindParamsRequest sent = capture.of(FunctionBindParamsRequest.class).get(0);
    assertThat(sent.getFunctionOptions().getSecretIdsList()).hasSize(2).startsWith(named);
    assertThat(sent.getFunctionOptions().getReplaceSecretIds()).isTrue();
    String envSecret = sent.getFunctionOptions().getSecretIds(1);
    assertThat(env.classes.secrets().values(envSecret)).contains(Map.of("GREETING_ENV", "1"));
  }

  @Test
  void laterOptionsWinAndEarlierOnesStay() {
    greeter
        .withOptions(ClsOptions.builder().gpu("T4").timeout(Duration.ofSeconds(30)).build())
        .withOptions(ClsOptions.builder().gpu("h100").build())
        .withConcurrency(8, 4)
        .withBatching(16, Duration.ofMillis(250))
        .instance();
    var options = capture.of(FunctionBindParamsRequest.class).get(0).getFunctionOptions();
    assertThat(options.getResources().getGpuConfig().getGpuType()).isEqualTo("H100");
    assertThat(options.getResources().getGpuConfig().getCount()).isEqualTo(1);
    assertThat(options.getTimeoutSecs()).isEqualTo(30);
    assertThat(options.getMaxConcurrentInputs()).isEqualTo(8);
    assertThat(options.getTargetConcurrentInputs()).isEqualTo(4);
    assertThat(options.getBatchMaxSize()).isEqualTo(16);
    assertThat(options.getBatchLingerMs()).isEqualTo(250);
  }

  @Test
  void updateAutoscalerAppliesToTheInstance() {
    ClsInstance instance = greeter.instance(Map.of("greeting", "Scaled"));
    AutoscalerSettings settings =
        instance.updateAutoscaler(
            UpdateAutoscalerParams.builder().minContainers(2).maxContainers(5).build());
    assertThat(settings.minContainers()).hasValue(2);
    assertThat(settings.maxContainers()).hasValue(5);
    AutoscalerSettings service =
        modal
            .cls()
            .fromName("modal4j-demo", "Greeter")
            .instance(Map.of("greeting", "Other2"))
            .updateAutoscaler(UpdateAutoscalerParams.builder().bufferContainers(1).build());
    assertThat(service.minContainers()).hasValue(0);
  }

  @Test
  void cloudBucketMountsTravelInTheBindOptionsWithTheirMapSecretCreatedOnce() {
    dev.modal4j.secrets.Secret creds =
        modal
            .secrets()
            .fromMap(Map.of("AWS_ACCESS_KEY_ID", "AKIAEXAMPLE", "AWS_SECRET_ACCESS_KEY", "k"));
    long secretsBefore = stats().count("SecretGetOrCreate");
    ClsOptions options =
        ClsOptions.builder()
            .cloudBucketMounts(
                Map.of(
                    "/data",
                    dev.modal4j.sandboxes.CloudBucketMount.builder("my-bucket")
                        .secret(creds)
                        .readOnly(true)
                        .build()))
            .build();
    assertThat(
            greeter
                .withOptions(options)
                .instance(Map.of("greeting", "B1"))
                .method("greet")
                .remote(String.class, "X"))
        .isEqualTo("B1, X!");
    assertThat(
            greeter
                .withOptions(options)
                .instance(Map.of("greeting", "B2"))
                .method("greet")
                .remote(String.class, "Y"))
        .isEqualTo("B2, Y!");
    assertThat(stats().count("SecretGetOrCreate")).isEqualTo(secretsBefore + 1);
    List<FunctionBindParamsRequest> sent = capture.of(FunctionBindParamsRequest.class);
    assertThat(sent).hasSize(2);
    var mounts = sent.get(0).getFunctionOptions().getCloudBucketMountsList();
    assertThat(mounts).hasSize(1);
    assertThat(mounts.get(0).getBucketName()).isEqualTo("my-bucket");
    assertThat(mounts.get(0).getMountPath()).isEqualTo("/data");
    assertThat(mounts.get(0).getReadOnly()).isTrue();
    assertThat(mounts.get(0).getCredentialsSecretId())
        .isEqualTo(creds.secretId())
        .startsWith("st-");
    assertThat(sent.get(0).getFunctionOptions().getReplaceCloudBucketMounts()).isTrue();
  }
}
