package dev.modal4j.internal.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Values given explicitly to the client builder; any may be null (not given).
 *
 * @param env the process environment to read ({@code System.getenv()} in production)
 * @param home the home directory holding {@code .modal.toml}
 */
public record Overrides(
    String tokenId,
    String tokenSecret,
    String environment,
    String serverUrl,
    String profile,
    Path configPath,
    Duration maxThrottleWait,
    Map<String, String> env,
    Path home) {

  @Override
  public String toString() {
    return "Overrides{tokenId="
        + tokenId
        + ", tokenSecret="
        + (tokenSecret == null ? "null" : "<redacted>")
        + ", environment="
        + environment
        + ", serverUrl="
        + serverUrl
        + ", profile="
        + profile
        + "}";
  }
}
