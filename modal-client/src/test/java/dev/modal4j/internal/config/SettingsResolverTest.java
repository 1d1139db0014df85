package dev.modal4j.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modal4j.AuthException;
import dev.modal4j.InvalidException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(10)
class SettingsResolverTest {
  @TempDir Path home;

  private final Map<String, String> env = new HashMap<>();

  private static final String TWO_PROFILES =
      "[alpha]\n"
          + "token_id = \"ak-alpha\"\n"
          + "token_secret = \"as-alpha\"\n"
          + "environment = \"alpha-env\"\n"
          + "server_url = \"https://alpha.example:443\"\n"
          + "\n"
          + "[beta]\n"
          + "token_id = \"ak-beta\"\n"
          + "token_secret = \"as-beta\"\n"
          + "environment = \"beta-env\"\n"
          + "active = true\n";

  private void writeConfig(String text) throws IOException {
    Files.writeString(home.resolve(".modal.toml"), text);
  }

  private ClientSettings resolve() {
    return resolve(null, null, null, null, null, null, null);
  }

  private ClientSettings resolve(
      String id,
      String secret,
      String environment,
      String url,
      String profile,
      Path config,
      Duration throttle) {
    return SettingsResolver.resolve(
        new Overrides(id, secret, environment, url, profile, config, throttle, env, home));
  }

  @Test
  void activeProfileIsUsedWhenNothingElseIsSet() throws IOException {
    writeConfig(TWO_PROFILES);
    ClientSettings s = resolve();
    assertThat(s.tokenId()).isEqualTo("ak-beta");
    assertThat(s.tokenSecret()).isEqualTo("as-beta");
    assertThat(s.environment()).isEqualTo("beta-env");
    assertThat(s.serverUrl()).isEqualTo(ClientSettings.DEFAULT_SERVER_URL);
    assertThat(s.profile()).contains("beta");
  }

  @Test
  void theSandboxV2SwitchIsOffUnlessTheEnvOrTheProfileTurnsItOn() throws IOException {
    env.put("MODAL_TOKEN_ID", "ak-x");
    env.put("MODAL_TOKEN_SECRET", "as-x");
    assertThat(resolve().sandboxV2()).as("unset").isFalse();
    for (String off : new String[] {"", "0", "false", "FALSE"}) {
      env.put("MODAL_SANDBOX_V2", off);
      assertThat(resolve().sandboxV2()).as("'%s'", off).isFalse();
    }
    for (String on : new String[] {"1", "true", "True", "yes"}) {
      env.put("MODAL_SANDBOX_V2", on);
      assertThat(resolve().sandboxV2()).as("'%s'", on).isTrue();
    }
    env.remove("MODAL_SANDBOX_V2");
    writeConfig("[p]\nsandbox_v2 = true\nactive = true\n");
    assertThat(resolve().sandboxV2()).as("the profile's boolean").isTrue();
    env.put("MODAL_SANDBOX_V2", "0");
    assertThat(resolve().sandboxV2()).as("the env beats the profile").isFalse();
  }

  @Test
  void modalProfileSelectsAProfile() throws IOException {
    writeConfig(TWO_PROFILES);
    env.put("MODAL_PROFILE", "alpha");
    ClientSettings s = resolve();
    assertThat(s.tokenId()).isEqualTo("ak-alpha");
    assertThat(s.serverUrl()).isEqualTo("https://alpha.example:443");
  }

  @Test
  void builderProfileBeatsModalProfile() throws IOException {
    writeConfig(TWO_PROFILES);
    env.put("MODAL_PROFILE", "alpha");
    assertThat(resolve(null, null, null, null, "beta", null, null).tokenId()).isEqualTo("ak-beta");
  }

  @Test
  void envBeatsProfileAndBuilderBeatsEnv() throws IOException {
    writeConfig(TWO_PROFILES);
    env.put("MODAL_TOKEN_ID", "ak-env");
    env.put("MODAL_TOKEN_SECRET", "as-env");
    env.put("MODAL_ENVIRONMENT", "env-env");
    env.put("MODAL_SERVER_URL", "https://env.example");
    ClientSettings fromEnv = resolve();
    assertThat(fromEnv.tokenId()).isEqualTo("ak-env");
    assertThat(fromEnv.tokenSecret()).isEqualTo("as-env");
    assertThat(fromEnv.environment()).isEqualTo("env-env");
    assertThat(fromEnv.serverUrl()).isEqualTo("https://env.example");

    ClientSettings explicit =
        resolve("ak-b", "as-b", "b-env", "https://b.example", null, null, Duration.ofSeconds(3));
    assertThat(explicit.tokenId()).isEqualTo("ak-b");
    assertThat(explicit.tokenSecret()).isEqualTo("as-b");
    assertThat(explicit.environment()).isEqualTo("b-env");
    assertThat(explicit.serverUrl()).isEqualTo("https://b.example");
    assertThat(explicit.maxThrottleWait()).contains(Duration.ofSeconds(3));
  }

  @Test
  void noActiveProfileMeansNoProfileEvenIfOneIsNamedDefault() throws IOException {
    writeConfig("[default]\ntoken_id = \"ak-d\"\ntoken_secret = \"as-d\"\n");
    assertThatThrownBy(this::resolve).isInstanceOf(AuthException.class);
    env.put("MODAL_TOKEN_ID", "ak-env");
    env.put("MODAL_TOKEN_SECRET", "as-env");
    ClientSettings s = resolve();
    assertThat(s.tokenId()).isEqualTo("ak-env");
    assertThat(s.profile()).isEmpty();
  }

  @Test
  void modalConfigPathPointsAtAnotherFileAndBuilderPathBeatsIt() throws IOException {
    Path other = home.resolve("other.toml");
    Files.writeString(other, "[p]\nactive = true\ntoken_id = \"ak-o\"\ntoken_secret = \"as-o\"\n");
    Path third = home.resolve("third.toml");
    Files.writeString(third, "[q]\nactive = true\ntoken_id = \"ak-t\"\ntoken_secret = \"as-t\"\n");
    writeConfig(TWO_PROFILES);
    env.put("MODAL_CONFIG_PATH", other.toString());
    assertThat(resolve().tokenId()).isEqualTo("ak-o");
    assertThat(resolve().configPath()).contains(other);
    assertThat(resolve(null, null, null, null, null, third, null).tokenId()).isEqualTo("ak-t");
  }

  @Test
  void missingFileIsFineWhenEnvHasCredentials() {
    env.put("MODAL_TOKEN_ID", "ak-env");
    env.put("MODAL_TOKEN_SECRET", "as-env");
    ClientSettings s = resolve();
    assertThat(s.environment()).isEmpty();
    assertThat(s.maxThrottleWait()).isEmpty();
  }

  @Test
  void malformedTomlNamesTheFileButNotItsContents() throws IOException {
    writeConfig("[default]\ntoken_id = \"ak-x\"\ntoken_secret = as-leaked-secret-42\n");
    assertThatThrownBy(this::resolve)
        .isInstanceOf(InvalidException.class)
        .hasMessageContaining(home.resolve(".modal.toml").toString())
        .hasMessageContaining("line 3")
        .hasNoCause()
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("as-leaked-secret-42"));
  }

  @Test
  void topLevelValueThatIsNotATableIsRejected() throws IOException {
    writeConfig("token_id = \"ak-x\"\n");
    assertThatThrownBy(this::resolve)
        .isInstanceOf(InvalidException.class)
        .hasMessageContaining(".modal.toml")
        .hasMessageContaining("token_id");
  }

  @Test
  void missingCredentialsSayHowToSetThem() {
    assertThatThrownBy(this::resolve)
        .isInstanceOf(AuthException.class)
        .hasMessageContaining("MODAL_TOKEN_ID")
        .hasMessageContaining("MODAL_TOKEN_SECRET")
        .hasMessageContaining("modal token set");
    env.put("MODAL_TOKEN_ID", "ak-only");
    assertThatThrownBy(this::resolve).hasMessageContaining("no token secret");
  }

  @Test
  void unknownProfileIsNamedInTheAuthError() throws IOException {
    writeConfig(TWO_PROFILES);
    env.put("MODAL_PROFILE", "gamma");
    assertThatThrownBy(this::resolve)
        .isInstanceOf(AuthException.class)
        .hasMessageContaining("'gamma' is not in");
  }

  @Test
  void maxThrottleWaitFromEnv() {
    env.put("MODAL_TOKEN_ID", "ak");
    env.put("MODAL_TOKEN_SECRET", "as");
    env.put("MODAL_MAX_THROTTLE_WAIT", "2.5");
    assertThat(resolve().maxThrottleWait()).contains(Duration.ofMillis(2500));
    env.put("MODAL_MAX_THROTTLE_WAIT", "0");
    assertThat(resolve().maxThrottleWait()).contains(Duration.ZERO);
    env.put("MODAL_MAX_THROTTLE_WAIT", "soon");
    assertThatThrownBy(this::resolve)
        .isInstanceOf(InvalidException.class)
        .hasMessageContaining("MODAL_MAX_THROTTLE_WAIT");
    env.put("MODAL_MAX_THROTTLE_WAIT", "-1");
    assertThatThrownBy(this::resolve).isInstanceOf(InvalidException.class);
  }

  @Test
  void logLevelFromEnvOrProfile() throws IOException {
    writeConfig(
        "[p]\nactive = true\ntoken_id = \"a\"\ntoken_secret = \"b\"\nloglevel = \"INFO\"\n");
    assertThat(resolve().logLevel()).contains("INFO");
    env.put("MODAL_LOGLEVEL", "DEBUG");
    assertThat(resolve().logLevel()).contains("DEBUG");
  }

  @Test
  void toStringHidesTheSecret() throws IOException {
    writeConfig(TWO_PROFILES);
    ClientSettings s = resolve();
    assertThat(s.toString()).contains("ak-beta").doesNotContain("as-beta");
    Overrides o = new Overrides("ak", "as-hidden", null, null, null, null, null, env, home);
    assertThat(o.toString()).doesNotContain("as-hidden");
  }
}
