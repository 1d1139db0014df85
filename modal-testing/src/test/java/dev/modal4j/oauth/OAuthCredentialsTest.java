package dev.modal4j.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modal4j.AuthException;
import dev.modal4j.InvalidException;
import dev.modal4j.ModalClient;
import dev.modal4j.events.EventListener;
import dev.modal4j.events.TokenRefreshEvent;
import dev.modal4j.functions.Function;
import dev.modal4j.testing.ModalEmulator;
import dev.modal4j.testing.functions.DemoApp;
import dev.modal4j.testing.oauth.OAuthClient;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * OAuth machine credentials against the emulator, with each credential kind: a client secret, and
 * client assertions signed with an RSA key (PKCS#8 and PKCS#1 PEM); tokens refreshed before they
 * expire; a revoked refresh token failing clearly; bad configurations refused before any RPC.
 */
@Timeout(120)
class OAuthCredentialsTest {
  private static final String SECRET_CLIENT = "oc-secret";
  private static final String SECRET = "ov-top-secret";
  private static final String KEY_CLIENT = "oc-key";
  static KeyPair keys;
  static KeyPair otherKeys;
  static ModalEmulator emulator;

  @BeforeAll
  static void start() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    keys = g.generateKeyPair();
    otherKeys = g.generateKeyPair();
    emulator =
        ModalEmulator.builder()
            .tokenLifetime(Duration.ofSeconds(3))
            .oauthClient(OAuthClient.withSecret(SECRET_CLIENT, SECRET))
            .oauthClient(OAuthClient.withPublicKey(KEY_CLIENT, (RSAPublicKey) keys.getPublic()))
            .start();
    DemoApp.deploy(emulator);
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  private static ModalClient.Builder base(Map<String, String> env) {
    return ModalClient.builder()
        .serverUrl(emulator.url())
        .environmentVariables(env)
        .homeDirectory(Path.of("target", "no-home"));
  }

  private static String pkcs8Pem(KeyPair k) {
    return pem("PRIVATE KEY", k.getPrivate().getEncoded());
  }

  private static String pkcs1Pem(KeyPair k) {
    byte[] pkcs8 = k.getPrivate().getEncoded();
    // PrivateKeyInfo: SEQUENCE(4) INTEGER 0 (3) AlgorithmIdentifier (15) OCTET STRING (4) <key>
    byte[] pkcs1 = Arrays.copyOfRange(pkcs8, 26, pkcs8.length);
    assertThat(pkcs1[0]).isEqualTo((byte) 0x30);
    return pem("RSA PRIVATE KEY", pkcs1);
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  private static int square(ModalClient modal, int x) {
    Function f = modal.functions().fromName(DemoApp.NAME, "square");
    return f.remote(Integer.class, x);
  }

  @Test
  void clientSecretCredentialsGetATokenAndAreNeverShown() {
    String refresh = emulator.oauth().issueRefreshToken(SECRET_CLIENT);
    long before = emulator.stats().count("AuthTokenGet");
    try (ModalClient modal =
        base(Map.of())
            .oauthRefreshToken(refresh)
            .oauthClientId(SECRET_CLIENT)
            .oauthClientSecret(SECRET)
            .build()) {
      assertThat(square(modal, 6)).isEqualTo(36);
      assertThat(emulator.stats().count("AuthTokenGet") - before).isEqualTo(1);
      assertThat(modal.toString()).contains(SECRET_CLIENT).doesNotContain(SECRET, refresh);
    }
    assertThat(emulator.stats().calls("AuthTokenGet"))
        .allSatisfy(c -> assertThat(c.toString()).doesNotContain(SECRET).doesNotContain(refresh));
  }

  @Test
  void jwtKeyCredentialsSignAssertionsTheEmulatorVerifies() {
    String refresh = emulator.oauth().issueRefreshToken(KEY_CLIENT);
    String escaped = pkcs8Pem(keys).replace("\n", "\\n");
    try (ModalClient modal =
        base(Map.of())
            .oauthRefreshToken(refresh)
            .oauthClientId(KEY_CLIENT)
            .oauthJwtKey(escaped)
            .build()) {
      assertThat(square(modal, 7)).isEqualTo(49);
      assertThat(modal.toString()).doesNotContain("PRIVATE");
    }
    try (ModalClient modal =
        base(Map.of(
                "MODAL_OAUTH_REFRESH_TOKEN", refresh,
                "MODAL_OAUTH_CLIENT_ID", KEY_CLIENT,
                "MODAL_OAUTH_JWT_KEY", pkcs1Pem(keys)))
            .build()) {
      assertThat(square(modal, 8)).as("PKCS#1 key from MODAL_OAUTH_*").isEqualTo(64);
    }
    try (ModalClient wrongKey =
        base(Map.of())
            .oauthRefreshToken(refresh)
            .oauthClientId(KEY_CLIENT)
            .oauthJwtKey(pkcs8Pem(otherKeys))
            .build()) {
      assertThatThrownBy(() -> square(wrongKey, 2))
          .isInstanceOf(AuthException.class)
          .hasMessageContaining("client assertion");
    }
    try (ModalClient wrongSecret =
        base(Map.of())
            .oauthRefreshToken(emulator.oauth().issueRefreshToken(SECRET_CLIENT))
            .oauthClientId(SECRET_CLIENT)
            .oauthClientSecret("ov-wrong")
            .build()) {
      assertThatThrownBy(() -> square(wrongSecret, 2))
          .isInstanceOf(AuthException.class)
          .hasMessageContaining("client secret");
    }
  }

  @Test
  void tokensAreRefreshedBeforeTheyExpire() {
    List<TokenRefreshEvent> refreshes = new CopyOnWriteArrayList<>();
    List<Instant> refreshedAt = new CopyOnWriteArrayList<>();
    EventListener listener =
        new EventListener() {
          @Override
          public void tokenRefresh(TokenRefreshEvent e) {
            refreshes.add(e);
            refreshedAt.add(Instant.now());
          }
        };
    try (ModalClient modal =
        base(Map.of())
            .oauthRefreshToken(emulator.oauth().issueRefreshToken(SECRET_CLIENT))
            .oauthClientId(SECRET_CLIENT)
            .oauthClientSecret(SECRET)
            .eventListener(listener)
            .build()) {
      Instant deadline = Instant.now().plusSeconds(30);
      int i = 0;
      while (refreshes.size() < 3 && Instant.now().isBefore(deadline)) {
        assertThat(square(modal, i)).isEqualTo(i * i);
        i++;
      }
    }
    assertThat(refreshes).hasSizeGreaterThanOrEqualTo(3).allMatch(TokenRefreshEvent::success);
    for (int k = 1; k < refreshes.size(); k++) {
      Instant previousExpiry = refreshes.get(k - 1).expiry().orElseThrow();
      assertThat(refreshedAt.get(k))
          .as("refresh %d happened before the previous token expired", k)
          .isBefore(previousExpiry.plusSeconds(1));
    }
  }

  @Test
  void aRevokedRefreshTokenFailsClearly() {
    String refresh = emulator.oauth().issueRefreshToken(SECRET_CLIENT);
    try (ModalClient modal =
        base(Map.of())
            .oauthRefreshToken(refresh)
            .oauthClientId(SECRET_CLIENT)
            .oauthClientSecret(SECRET)
            .build()) {
      assertThat(square(modal, 3)).isEqualTo(9);
      emulator.oauth().revoke(refresh);
      // the cached auth token stays valid until the client refreshes it (at 50-60% of 3 s)
      Instant deadline = Instant.now().plusSeconds(30);
      Throwable failure = null;
      while (failure == null && Instant.now().isBefore(deadline)) {
        try {
          square(modal, 4);
        } catch (RuntimeException e) {
          failure = e;
        }
      }
      assertThat(failure)
          .isInstanceOf(AuthException.class)
          .hasMessageContaining("refresh token has been revoked");
    }
    try (ModalClient fresh =
        base(Map.of())
            .oauthRefreshToken(refresh)
            .oauthClientId(SECRET_CLIENT)
            .oauthClientSecret(SECRET)
            .build()) {
      assertThatThrownBy(() -> square(fresh, 5))
          .isInstanceOf(AuthException.class)
          .hasMessageContaining("revoked");
    }
  }

  @Test
  void badConfigurationsAreRefusedBeforeAnyRpc() throws Exception {
    long before = emulator.stats().total();
    // as in JS 0.11.1, an explicit token drops every configured or given OAuth value
    assertThatCode(
            () ->
                base(Map.of("MODAL_OAUTH_CLIENT_ID", KEY_CLIENT))
                    .tokenId("ak-x")
                    .tokenSecret("as-y")
                    .oauthRefreshToken("rt-x")
                    .build()
                    .close())
        .doesNotThrowAnyException();
    assertThatThrownBy(
            () ->
                base(Map.of(
                        "MODAL_TOKEN_ID",
                        "ak-x",
                        "MODAL_TOKEN_SECRET",
                        "as-y",
                        "MODAL_OAUTH_CLIENT_ID",
                        KEY_CLIENT))
                    .build())
        .isInstanceOf(InvalidException.class)
        .hasMessageContaining("cannot both be configured");
    assertThatThrownBy(() -> base(Map.of()).oauthClientId(KEY_CLIENT).build())
        .isInstanceOf(InvalidException.class)
        .hasMessageContaining("exactly one of client secret or JWT key");
    assertThatThrownBy(
            () ->
                base(Map.of())
                    .oauthRefreshToken("rt-x")
                    .oauthClientId(KEY_CLIENT)
                    .oauthClientSecret("ov-x")
                    .oauthJwtKey(pkcs8Pem(keys))
                    .build())
        .isInstanceOf(InvalidException.class)
        .hasMessageContaining("exactly one");
    assertThatThrownBy(
            () ->
                base(Map.of())
                    .oauthRefreshToken("rt-x")
                    .oauthClientId(KEY_CLIENT)
                    .oauthJwtKey("not a key")
                    .build())
        .isInstanceOf(InvalidException.class)
        .hasMessageContaining("unencrypted RSA private key");
    KeyPairGenerator small = KeyPairGenerator.getInstance("RSA");
    small.initialize(1024);
    assertThatThrownBy(
            () ->
                base(Map.of())
                    .oauthRefreshToken("rt-x")
                    .oauthClientId(KEY_CLIENT)
                    .oauthJwtKey(pkcs8Pem(small.generateKeyPair()))
                    .build())
        .isInstanceOf(InvalidException.class)
        .hasMessageContaining("2048 bits");
    assertThat(emulator.stats().total()).isEqualTo(before);
  }
}
