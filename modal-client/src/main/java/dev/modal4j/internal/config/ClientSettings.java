package dev.modal4j.internal.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** The resolved configuration of one client. {@link #toString()} never shows the secret. */
public final class ClientSettings {
  /** The server used when nothing else is configured. */
  public static final String DEFAULT_SERVER_URL = "https://api.modal.com:443";

  private final String tokenId;
  private final String tokenSecret;
  private final String environment;
  private final String serverUrl;
  private final Duration maxThrottleWait;
  private final String logLevel;
  private final String profile;
  private final Path configPath;
  private final String imageBuilderVersion;
  private final boolean sandboxV2;
  private dev.modal4j.internal.auth.OAuthCredentials oauth;

  ClientSettings(
      String tokenId,
      String tokenSecret,
      String environment,
      String serverUrl,
      Duration maxThrottleWait,
      String logLevel,
      String profile,
      Path configPath) {
    this(
        tokenId,
        tokenSecret,
        environment,
        serverUrl,
        maxThrottleWait,
        logLevel,
        profile,
        configPath,
        null,
        false);
  }

  private ClientSettings(
      String tokenId,
      String tokenSecret,
      String environment,
      String serverUrl,
      Duration maxThrottleWait,
      String logLevel,
      String profile,
      Path configPath,
      String imageBuilderVersion,
      boolean sandboxV2) {
    this.imageBuilderVersion = imageBuilderVersion;
    this.sandboxV2 = sandboxV2;
    this.tokenId = Objects.requireNonNull(tokenId);
    this.tokenSecret = Objects.requireNonNull(tokenSecret);
    this.environment = Objects.requireNonNull(environment);
    this.serverUrl = Objects.requireNonNull(serverUrl);
    this.maxThrottleWait = maxThrottleWait;
    this.logLevel = logLevel;
    this.profile = profile;
    this.configPath = configPath;
  }

  /** For tests and custom wiring: settings with the given credentials and defaults otherwise. */
  public static ClientSettings of(String tokenId, String tokenSecret, String serverUrl) {
    return new ClientSettings(tokenId, tokenSecret, "", serverUrl, null, null, null, null);
  }

  /** These settings authenticating with OAuth machine credentials instead of a token. */
  ClientSettings withOAuth(dev.modal4j.internal.auth.OAuthCredentials credentials) {
    ClientSettings s =
        new ClientSettings(
            "",
            "",
            environment,
            serverUrl,
            maxThrottleWait,
            logLevel,
            profile,
            configPath,
            imageBuilderVersion,
            sandboxV2);
    s.oauth = credentials;
    return s;
  }

  /** The OAuth machine credentials, when the client uses them instead of a token. */
  public Optional<dev.modal4j.internal.auth.OAuthCredentials> oauth() {
    return Optional.ofNullable(oauth);
  }

  /** The token id ({@code ak-...}); not secret. */
  public String tokenId() {
    return tokenId;
  }

  /** The token secret: only for the {@code x-modal-token-secret} header. */
  public String tokenSecret() {
    return tokenSecret;
  }

  /** The default environment; "" means the server's default. */
  public String environment() {
    return environment;
  }

  /** The control-plane URL. */
  public String serverUrl() {
    return serverUrl;
  }

  /** The cap on server-directed retry time; empty means unlimited, zero disables them. */
  public Optional<Duration> maxThrottleWait() {
    return Optional.ofNullable(maxThrottleWait);
  }

  /** MODAL_LOGLEVEL or the profile's loglevel, if set. */
  public Optional<String> logLevel() {
    return Optional.ofNullable(logLevel);
  }

  /** The profile the settings came from, if any. */
  public Optional<String> profile() {
    return Optional.ofNullable(profile);
  }

  /**
   * These settings with an image builder version (MODAL_IMAGE_BUILDER_VERSION or the profile's).
   */
  ClientSettings withImageBuilderVersion(String version) {
    return copyOAuth(
        new ClientSettings(
            tokenId,
            tokenSecret,
            environment,
            serverUrl,
            maxThrottleWait,
            logLevel,
            profile,
            configPath,
            version,
            sandboxV2));
  }

  private ClientSettings copyOAuth(ClientSettings s) {
    s.oauth = oauth;
    return s;
  }

  /** These settings with the V2 sandbox switch (MODAL_SANDBOX_V2 or the profile's sandbox_v2). */
  ClientSettings withSandboxV2(boolean on) {
    return copyOAuth(
        new ClientSettings(
            tokenId,
            tokenSecret,
            environment,
            serverUrl,
            maxThrottleWait,
            logLevel,
            profile,
            configPath,
            imageBuilderVersion,
            on));
  }

  /**
   * Whether sandboxes are created as V2 by default (MODAL_SANDBOX_V2 or the profile's {@code
   * sandbox_v2} set to anything but empty, {@code 0} or {@code false}); off when unset.
   */
  public boolean sandboxV2() {
    return sandboxV2;
  }

  /**
   * The image builder version to build with, if configured (MODAL_IMAGE_BUILDER_VERSION or the
   * profile's {@code image_builder_version}); else the environment's is asked for.
   */
  public Optional<String> imageBuilderVersion() {
    return Optional.ofNullable(imageBuilderVersion);
  }

  /** The config file that was consulted, if any. */
  public Optional<Path> configPath() {
    return Optional.ofNullable(configPath);
  }

  @Override
  public String toString() {
    return "ClientSettings{serverUrl="
        + serverUrl
        + ", environment="
        + environment
        + (oauth != null ? ", oauth=" + oauth : ", tokenId=" + tokenId + ", tokenSecret=<redacted>")
        + ", profile="
        + profile
        + ", maxThrottleWait="
        + maxThrottleWait
        + "}";
  }
}
