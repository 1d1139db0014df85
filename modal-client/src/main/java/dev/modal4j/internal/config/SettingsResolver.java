package dev.modal4j.internal.config;

import dev.modal4j.AuthException;
import dev.modal4j.InvalidException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Resolves client settings: explicit builder values, then environment variables, then the active
 * profile of {@code ~/.modal.toml}, then defaults (protocol/functions.md §2).
 */
public final class SettingsResolver {
  private SettingsResolver() {}

  /** Resolves the settings or throws {@link AuthException} / {@link InvalidException}. */
  public static ClientSettings resolve(Overrides o) {
    return resolve(o, OAuthOverrides.NONE);
  }

  /**
   * Resolves the settings with explicit OAuth values as JS 0.11.1 does: explicit token values drop
   * any configured OAuth credentials, explicit OAuth values drop any configured token; token and
   * OAuth credentials together, or incomplete OAuth credentials, are refused.
   */
  public static ClientSettings resolve(Overrides o, OAuthOverrides oauthGiven) {
    Map<String, String> env = o.env() == null ? Map.of() : o.env();
    Path path = configPath(o, env);
    ConfigFile file = path == null ? null : ConfigFile.read(path);

    String profile = first(o.profile(), env.get("MODAL_PROFILE"));
    if (profile == null && file != null) {
      profile = file.activeProfile();
    }
    String p = profile;

    String tokenId = pick(o.tokenId(), env, "MODAL_TOKEN_ID", file, p, "token_id");
    String secret = pick(o.tokenSecret(), env, "MODAL_TOKEN_SECRET", file, p, "token_secret");
    OAuthOverrides oauth = OAuthProfile.configured(env, file, p);
    if (o.tokenId() != null || o.tokenSecret() != null) {
      oauth = OAuthOverrides.NONE;
    } else if (oauthGiven.any()) {
      tokenId = null;
      secret = null;
      oauth = oauthGiven;
    }
    String environment = pick(o.environment(), env, "MODAL_ENVIRONMENT", file, p, "environment");
    String serverUrl = pick(o.serverUrl(), env, "MODAL_SERVER_URL", file, p, "server_url");
    String logLevel = pick(null, env, "MODAL_LOGLEVEL", file, p, "loglevel");
    String builderVersion =
        pick(null, env, "MODAL_IMAGE_BUILDER_VERSION", file, p, "image_builder_version");
    String sandboxV2 = pick(null, env, "MODAL_SANDBOX_V2", file, p, "sandbox_v2");
    Duration throttle = o.maxThrottleWait();
    if (throttle == null) {
      throttle = throttleWait(env.get("MODAL_MAX_THROTTLE_WAIT"), "MODAL_MAX_THROTTLE_WAIT");
    }
    if (throttle == null && file != null) {
      throttle = throttleWait(file.value(p, "max_throttle_wait"), "max_throttle_wait in " + path);
    }
    if (throttle != null && throttle.isNegative()) {
      throw new InvalidException("maxThrottleWait must not be negative: " + throttle);
    }

    boolean hasToken = tokenId != null || secret != null;
    if (hasToken && oauth.any()) {
      throw new InvalidException(
          "Modal token credentials and OAuth credentials cannot both be configured.");
    }
    dev.modal4j.internal.auth.OAuthCredentials oauthCredentials = null;
    if (oauth.any()) {
      oauthCredentials = OAuthProfile.credentials(oauth);
      tokenId = "";
      secret = "";
    }
    if (tokenId == null || secret == null) {
      throw missingCredentials(tokenId == null, secret == null, file, profile);
    }
    ClientSettings resolved =
        new ClientSettings(
                tokenId,
                secret,
                environment == null ? "" : environment,
                serverUrl == null ? ClientSettings.DEFAULT_SERVER_URL : serverUrl,
                throttle,
                logLevel,
                profile,
                path)
            .withImageBuilderVersion(builderVersion)
            .withSandboxV2(flag(sandboxV2));
    return oauthCredentials == null ? resolved : resolved.withOAuth(oauthCredentials);
  }

  private static Path configPath(Overrides o, Map<String, String> env) {
    if (o.configPath() != null) {
      return o.configPath();
    }
    String fromEnv = env.get("MODAL_CONFIG_PATH");
    if (fromEnv != null && !fromEnv.isEmpty()) {
      return Path.of(fromEnv);
    }
    return o.home() == null ? null : o.home().resolve(".modal.toml");
  }

  private static String pick(
      String explicit,
      Map<String, String> env,
      String var,
      ConfigFile file,
      String profile,
      String key) {
    String v = first(explicit, env.get(var));
    if (v == null && file != null) {
      v = first(file.value(profile, key));
    }
    return v;
  }

  /** A boolean switch as Modal's SDKs read one: unset, empty, "0" and "false" are off. */
  private static boolean flag(String value) {
    if (value == null || value.isEmpty()) {
      return false;
    }
    String v = value.toLowerCase(java.util.Locale.ROOT);
    return !v.equals("0") && !v.equals("false");
  }

  private static String first(String... values) {
    for (String v : values) {
      if (v != null && !v.isEmpty()) {
        return v;
      }
    }
    return null;
  }

  private static Duration throttleWait(String text, String what) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      BigDecimal secs = new BigDecimal(text.trim());
      if (secs.signum() < 0) {
        throw new NumberFormatException();
      }
      return Duration.ofNanos(secs.movePointRight(9).longValueExact());
    } catch (NumberFormatException | ArithmeticException e) {
      throw new InvalidException(
          what + " must be a non-negative number of seconds, got '" + text + "'");
    }
  }

  private static AuthException missingCredentials(
      boolean noId, boolean noSecret, ConfigFile file, String profile) {
    String missing = noId && noSecret ? "token id and secret" : noId ? "token id" : "token secret";
    StringBuilder msg = new StringBuilder("Modal credentials not found: no ").append(missing);
    if (profile != null && file != null && !file.hasProfile(profile)) {
      msg.append(" (profile '").append(profile).append("' is not in ").append(file.path());
      msg.append(')');
    } else if (profile != null) {
      msg.append(" in profile '").append(profile).append('\'');
    }
    msg.append(". Set the MODAL_TOKEN_ID and MODAL_TOKEN_SECRET environment variables, pass")
        .append(" tokenId/tokenSecret to ModalClient.builder(), or run `modal token set`")
        .append(" to write them to ")
        .append(file == null ? "~/.modal.toml" : file.path().toString())
        .append('.');
    return new AuthException(msg.toString());
  }
}
