package dev.modal4j.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modal4j.InvalidException;
import dev.modal4j.ModalClient;
import dev.modal4j.NotFoundException;
import dev.modal4j.proto.AuthTokenGetRequest;
import dev.modal4j.proto.ProxyGetRequest;
import dev.modal4j.proto.ProxyGetResponse;
import dev.modal4j.secrets.SecretFromNameParams;
import dev.modal4j.testing.fixtures.Fixtures;
import dev.modal4j.volumes.VolumeFromNameParams;
import io.grpc.StatusRuntimeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FixturesTest {
  private static final String FILE =
      "{\"environments\": {\"dev\": {"
          + "\"secrets\": {\"openai\": {\"OPENAI_API_KEY\": \"sk-test\"}},"
          + "\"volumes\": {\"data\": {\"version\": 2}, \"old\": {}},"
          + "\"proxies\": [\"egress\"],"
          + "\"apps\": {\"my-app\": {\"functions\": {\"hello\": \"echo_string\","
          + " \"len\": \"bytelength\"}},"
          + " \"legacy\": {\"functions\": {\"hello\": \"echo_string\"}, \"cbor\": false}}}}}";

  private static ProxyGetResponse proxyGet(ModalEmulator emulator, String env, String name) {
    var stub = Stubs.credentials(emulator.inProcessChannel());
    String token = stub.authTokenGet(AuthTokenGetRequest.getDefaultInstance()).getToken();
    return Stubs.authenticated(emulator.inProcessChannel(), token)
        .proxyGet(ProxyGetRequest.newBuilder().setName(name).setEnvironmentName(env).build());
  }

  @Test
  void aFixturesFileIsParsedAndServed(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("fixtures.json"), FILE);
    try (ModalEmulator emulator = ModalEmulator.builder().fixtures(file).start();
        ModalClient modal = emulator.clientBuilder().environment("dev").build()) {
      assertThat(emulator.state().environments().names()).contains("main", "dev");
      assertThat(
              modal
                  .secrets()
                  .fromName(
                      "openai",
                      SecretFromNameParams.builder().requiredKeys("OPENAI_API_KEY").build())
                  .secretId())
          .startsWith("st-");
      assertThat(modal.volumes().fromName("data").version()).contains(2);
      assertThat(modal.volumes().fromName("old").version()).contains(1);
      assertThatThrownBy(
              () ->
                  modal
                      .volumes()
                      .fromName("data", VolumeFromNameParams.builder().environment("main").build()))
          .isInstanceOf(NotFoundException.class);
      ProxyGetResponse proxy = proxyGet(emulator, "dev", "egress");
      assertThat(proxy.getProxy().getProxyId()).startsWith("pr-");
      assertThat(proxy.getProxy().getName()).isEqualTo("egress");
      assertThatThrownBy(() -> proxyGet(emulator, "main", "egress"))
          .isInstanceOf(StatusRuntimeException.class)
          .hasMessageContaining("Proxy 'egress' not found");
      assertThat(modal.functions().fromName("my-app", "hello").remote(String.class, "fixtures"))
          .isEqualTo("output: fixtures");
      assertThat(modal.functions().fromName("my-app", "len").remote(Long.class, new byte[1234]))
          .isEqualTo(1234L);
      assertThatThrownBy(
              () -> modal.functions().fromName("legacy", "hello").remote(String.class, "x"))
          .isInstanceOf(InvalidException.class)
          .hasMessageContaining("Python SDK >= 1.2");
    }
  }

  @Test
  void builtInFixturesAreOptInForModalEmulatorAndHoldWhatModalsSuitesExpect() throws Exception {
    try (ModalEmulator plain = ModalEmulator.start()) {
      assertThat(plain.state().environments().names()).doesNotContain("libmodal");
    }
    try (ModalEmulator emulator = ModalEmulator.builder().builtInFixtures().start();
        ModalClient modal = emulator.clientBuilder().environment("libmodal").build()) {
      assertThat(
              modal
                  .secrets()
                  .fromName(
                      "libmodal-test-secret",
                      SecretFromNameParams.builder().requiredKeys("a", "b", "c").build())
                  .secretId())
          .startsWith("st-");
      String secretId =
          emulator.classes().secrets().secretId("libmodal", "libmodal-test-secret").orElseThrow();
      assertThat(emulator.classes().secrets().values(secretId).orElseThrow())
          .containsEntry("c", "hello world");
      modal
          .secrets()
          .fromName(
              "libmodal-aws-ecr-test",
              SecretFromNameParams.builder()
                  .requiredKeys("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY")
                  .build());
      modal
          .secrets()
          .fromName(
              "libmodal-gcp-artifact-registry-test",
              SecretFromNameParams.builder()
                  .requiredKeys("SERVICE_ACCOUNT_JSON", "REGISTRY_USERNAME", "REGISTRY_PASSWORD")
                  .build());
      assertThat(proxyGet(emulator, "libmodal", "libmodal-test-proxy").getProxy().getProxyId())
          .startsWith("pr-");

      var echo = modal.functions().fromName("libmodal-test-support", "echo_string");
      assertThat(echo.remote(String.class, List.of(), Map.of("s", "hello")))
          .isEqualTo("output: hello");
      var identity = modal.functions().fromName("libmodal-test-support", "identity_with_repr");
      assertThat(identity.remote(List.class, Map.of("a", "b")))
          .isEqualTo(List.of(Map.of("a", "b"), "{'a': 'b'}"));
      Instant when = Instant.parse("2024-01-15T10:30:45.123Z");
      List<?> dated = identity.remote(List.class, when);
      assertThat(dated.get(1))
          .isEqualTo(
              "datetime.datetime(2024, 1, 15, 10, 30, 45, 123000, tzinfo=datetime.timezone.utc)");
      assertThat(
              modal
                  .functions()
                  .fromName("libmodal-test-support", "input_plane")
                  .remote(String.class, "ip"))
          .isEqualTo("output: ip");
      assertThat(
              modal
                  .cls()
                  .fromName("libmodal-test-support", "EchoClsParametrized")
                  .instance(Map.of("name", "hello-init"))
                  .method("echo_parameter")
                  .remote(String.class))
          .isEqualTo("output: hello-init");
      assertThat(
              modal
                  .cls()
                  .fromName("libmodal-test-support", "EchoCls")
                  .instance()
                  .method("echo_string")
                  .remote(String.class, "c"))
          .isEqualTo("output: c");
      assertThat(modal.functions().fromName("libmodal-test-support", "web_endpoint").webUrl())
          .isPresent();
      assertThatThrownBy(
              () ->
                  modal
                      .functions()
                      .fromName("test-support-1-1", "identity_with_repr")
                      .remote(String.class, "x"))
          .isInstanceOf(InvalidException.class)
          .hasMessageContaining("Python SDK >= 1.2");
    }
  }

  @Test
  void bucketsAreReadRelativeToTheFixturesFile(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("buckets/raw"));
    Path file =
        Files.writeString(dir.resolve("f.json"), "{\"buckets\": {\"raw-data\": \"buckets/raw\"}}");
    Fixtures fixtures = Fixtures.parse(file);
    assertThat(fixtures.buckets())
        .containsExactly(Map.entry("raw-data", dir.resolve("buckets/raw").toAbsolutePath()));
    try (ModalEmulator emulator = ModalEmulator.builder().fixtures(fixtures).start()) {
      assertThat(emulator.classes().buckets().directory("raw-data"))
          .contains(dir.resolve("buckets/raw").toAbsolutePath());
      assertThat(emulator.classes().buckets().names()).containsExactly("raw-data");
    }
  }

  @Test
  void badFixturesAreRefusedNamingWhatIsWrong(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> Fixtures.parse("{\"environment\": {}}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown key 'environment'");
    assertThatThrownBy(
            () ->
                Fixtures.parse(
                    "{\"environments\": {\"e\": {\"volumes\": {\"v\": {\"version\": 3}}}}}"))
        .hasMessageContaining("environments.e.volumes.v.version");
    assertThatThrownBy(
            () ->
                Fixtures.parse(
                    "{\"environments\": {\"e\": {\"apps\": {\"a\": {\"functions\": {\"f\": \"rm_rf\"}}}}}}"))
        .hasMessageContaining("unknown handler 'rm_rf'");
    assertThatThrownBy(
            () -> Fixtures.parse("{\"environments\": {\"e\": {\"secrets\": {\"s\": {\"K\": 1}}}}}"))
        .hasMessageContaining("environments.e.secrets.s.K");
    assertThatThrownBy(() -> Fixtures.parse("not json")).hasMessageContaining("not valid JSON");
    assertThatThrownBy(
            () -> Fixtures.parse("{\"buckets\": {\"b\": \"" + dir.resolve("no-such-dir") + "\"}}"))
        .hasMessageContaining("buckets.b")
        .hasMessageContaining("does not exist");
    assertThatThrownBy(() -> Fixtures.parse("{\"buckets\": {\"b\": 7}}"))
        .hasMessageContaining("buckets.b");
    assertThatThrownBy(() -> ModalEmulator.builder().fixtures(dir.resolve("missing.json")))
        .isInstanceOf(java.io.UncheckedIOException.class);
    Path bad = Files.writeString(dir.resolve("bad.json"), "[]");
    assertThatThrownBy(() -> EmulatorMain.parse(new String[] {"--fixtures", bad.toString()}))
        .isInstanceOf(EmulatorMain.UsageException.class)
        .hasMessageContaining("--fixtures");
  }

  @Test
  void theStandaloneEmulatorSeedsBuiltInFixturesUnlessToldNot(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("f.json"), FILE);
    try (ModalEmulator emulator =
        EmulatorMain.start(new String[] {"--port=0", "--fixtures", file.toString()})) {
      assertThat(emulator.classes().secrets().secretId("libmodal", "libmodal-test-secret"))
          .isPresent();
      assertThat(emulator.classes().secrets().secretId("dev", "openai")).isPresent();
    }
    try (ModalEmulator emulator =
        EmulatorMain.start(new String[] {"--port=0", "--no-built-in-fixtures"})) {
      assertThat(emulator.classes().secrets().secretId("libmodal", "libmodal-test-secret"))
          .isEmpty();
      assertThat(emulator.classes().proxies().proxyId("libmodal", "libmodal-test-proxy")).isEmpty();
    }
  }
}
