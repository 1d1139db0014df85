package dev.modal4j.internal.config;

import dev.modal4j.InvalidException;
import dev.modal4j.internal.auth.OAuthCredentials;
import java.time.Clock;
import java.util.Map;

/**
 * OAuth machine credentials from {@code MODAL_OAUTH_*} and the profile's {@code oauth_*} fields, as
 * JS 0.11.1 reads them: the refresh token and the client id each from the environment else the
 * profile; the client secret and JWT key as a pair, both from the environment if either is set
 * there, else both from the profile.
 */
final class OAuthProfile {
  private OAuthProfile() {}

  static OAuthOverrides configured(Map<String, String> env, ConfigFile file, String profile) {
    String refresh = value(env, "MODAL_OAUTH_REFRESH_TOKEN", file, profile, "oauth_refresh_token");
    String clientId = value(env, "MODAL_OAUTH_CLIENT_ID", file, profile, "oauth_client_id");
    String envSecret = nonEmpty(env.get("MODAL_OAUTH_CLIENT_SECRET"));
    String envKey = nonEmpty(env.get("MODAL_OAUTH_JWT_KEY"));
    String secret;
    String key;
    if (envSecret != null || envKey != null) {
      secret = envSecret;
      key = envKey;
    } else {
      secret = file == null ? null : nonEmpty(file.value(profile, "oauth_client_secret"));
      key = file == null ? null : nonEmpty(file.value(profile, "oauth_jwt_key"));
    }
    return new OAuthOverrides(refresh, clientId, secret, key);
  }

  /** The credentials; all of refresh token, client id and exactly one of secret or key. */
  static OAuthCredentials credentials(OAuthOverrides o) {
    if (o.refreshToken() == null
        || o.clientId() == null
        || (o.clientSecret() == null) == (o.jwtKey() == null)) {
      throw new InvalidException(
          "OAuth refresh token, client ID, and exactly one of client secret or JWT key must all"
              + " be configured.");
    }
    return o.jwtKey() != null
        ? OAuthCredentials.withJwtKey(o.refreshToken(), o.clientId(), o.jwtKey(), Clock.systemUTC())
        : OAuthCredentials.withSecret(o.refreshToken(), o.clientId(), o.clientSecret());
  }

  private static String value(
      Map<String, String> env, String var, ConfigFile file, String profile, String key) {
    String v = nonEmpty(env.get(var));
    if (v == null && file != null) {
      v = nonEmpty(file.value(profile, key));
    }
    return v;
  }

  private static String nonEmpty(String v) {
    return v == null || v.isEmpty() ? null : v;
  }
}
