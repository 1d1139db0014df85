package dev.modal4j.internal.auth;

import dev.modal4j.InvalidException;
import io.grpc.Metadata;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.util.Base64;
import java.util.Objects;
import java.util.UUID;

/**
 * OAuth machine credentials as Modal's JS SDK 0.11.1 sends them: a refresh token and a client id,
 * authenticated by either a client secret or a client assertion (an RS256 JWT signed with the
 * client's RSA key, minted afresh for each call). They go in headers on every call; the server
 * exchanges them for the auth token on AuthTokenGet. {@link #toString()} never shows a secret.
 */
public final class OAuthCredentials {
  /** The audience of client assertions. */
  public static final String ASSERTION_AUDIENCE = "modal-server";

  /** How long a client assertion is valid. */
  public static final long ASSERTION_LIFETIME_SECONDS = 5 * 60;

  private static final int MIN_RSA_BITS = 2048;
  private static final String INVALID_KEY =
      "oauth_jwt_key must be an unencrypted RSA private key encoded as PEM.";
  private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

  static final Metadata.Key<String> REFRESH_TOKEN = key("x-modal-refresh-token");
  static final Metadata.Key<String> CLIENT_ID = key("x-modal-oauth-client-id");
  static final Metadata.Key<String> CLIENT_SECRET = key("x-modal-oauth-client-secret");
  static final Metadata.Key<String> CLIENT_ASSERTION = key("x-modal-oauth-client-assertion");

  private final String refreshToken;
  private final String clientId;
  private final String clientSecret;
  private final RSAPrivateCrtKey jwtKey;
  private final String keyId;
  private final Clock clock;

  private OAuthCredentials(
      String refreshToken,
      String clientId,
      String clientSecret,
      RSAPrivateCrtKey jwtKey,
      Clock clock) {
    this.refreshToken = Objects.requireNonNull(refreshToken);
    this.clientId = Objects.requireNonNull(clientId);
    this.clientSecret = clientSecret;
    this.jwtKey = jwtKey;
    this.keyId = jwtKey == null ? null : thumbprint(jwtKey);
    this.clock = clock;
  }

  /** Credentials authenticated by a client secret ({@code ov-...}). */
  public static OAuthCredentials withSecret(String refreshToken, String clientId, String secret) {
    return new OAuthCredentials(
        refreshToken, clientId, Objects.requireNonNull(secret), null, Clock.systemUTC());
  }

  /**
   * Credentials authenticated by client assertions signed with {@code pem}, an unencrypted RSA
   * private key of at least 2048 bits (PKCS#8 {@code PRIVATE KEY} or PKCS#1 {@code RSA PRIVATE
   * KEY}); literal {@code \n} sequences count as newlines.
   *
   * @throws InvalidException if the key is not such a key
   */
  public static OAuthCredentials withJwtKey(
      String refreshToken, String clientId, String pem, Clock clock) {
    return new OAuthCredentials(refreshToken, clientId, null, parseKey(pem), clock);
  }

  /** The client id ({@code oc-...}); not secret. */
  public String clientId() {
    return clientId;
  }

  /** Whether calls carry client assertions (else the client secret). */
  public boolean usesJwtKey() {
    return jwtKey != null;
  }

  /** Adds the credential headers of one call. */
  public void addHeaders(Metadata headers) {
    headers.put(REFRESH_TOKEN, refreshToken);
    headers.put(CLIENT_ID, clientId);
    if (jwtKey != null) {
      headers.put(CLIENT_ASSERTION, assertion());
    } else {
      headers.put(CLIENT_SECRET, clientSecret);
    }
  }

  /** A fresh client assertion: iss = sub = client id, aud, iat, exp = iat + 5 min, random jti. */
  String assertion() {
    long now = clock.instant().getEpochSecond();
    String id = clientId.replace("\\", "\\\\").replace("\"", "\\\"");
    String header = json("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + keyId + "\"}");
    String payload =
        json(
            "{\"iss\":\""
                + id
                + "\",\"sub\":\""
                + id
                + "\",\"aud\":\""
                + ASSERTION_AUDIENCE
                + "\",\"iat\":"
                + now
                + ",\"exp\":"
                + (now + ASSERTION_LIFETIME_SECONDS)
                + ",\"jti\":\""
                + UUID.randomUUID()
                + "\"}");
    String signingInput = header + "." + payload;
    try {
      Signature s = Signature.getInstance("SHA256withRSA");
      s.initSign(jwtKey);
      s.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + B64URL.encodeToString(s.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA256withRSA is unavailable", e);
    }
  }

  /** The RFC 7638 thumbprint of the key's public part, as JS 0.11.1 computes the {@code kid}. */
  static String thumbprint(RSAPrivateCrtKey key) {
    String canonical =
        "{\"e\":\""
            + B64URL.encodeToString(unsigned(key.getPublicExponent().toByteArray()))
            + "\",\"kty\":\"RSA\",\"n\":\""
            + B64URL.encodeToString(unsigned(key.getModulus().toByteArray()))
            + "\"}";
    try {
      return B64URL.encodeToString(
          MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is unavailable", e);
    }
  }

  static RSAPrivateCrtKey parseKey(String pem) {
    if (pem == null) {
      throw new InvalidException(INVALID_KEY);
    }
    String text = pem.replace("\\n", "\n").trim();
    boolean pkcs1 = text.startsWith("-----BEGIN RSA PRIVATE KEY-----");
    if (!pkcs1 && !text.startsWith("-----BEGIN PRIVATE KEY-----")) {
      throw new InvalidException(INVALID_KEY);
    }
    String body =
        text.replaceAll("-----(BEGIN|END) (RSA )?PRIVATE KEY-----", "").replaceAll("\\s", "");
    try {
      byte[] der = Base64.getDecoder().decode(body);
      if (pkcs1) {
        der = Pkcs8.wrapRsa(der);
      }
      var key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
      if (!(key instanceof RSAPrivateCrtKey)) {
        throw new InvalidException(INVALID_KEY);
      }
      RSAPrivateCrtKey rsa = (RSAPrivateCrtKey) key;
      if (rsa.getModulus().bitLength() < MIN_RSA_BITS) {
        throw new InvalidException("oauth_jwt_key must be at least 2048 bits.");
      }
      return rsa;
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      throw new InvalidException(INVALID_KEY);
    }
  }

  private static byte[] unsigned(byte[] twosComplement) {
    if (twosComplement.length > 1 && twosComplement[0] == 0) {
      return java.util.Arrays.copyOfRange(twosComplement, 1, twosComplement.length);
    }
    return twosComplement;
  }

  private static String json(String text) {
    return B64URL.encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static Metadata.Key<String> key(String name) {
    return Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER);
  }

  @Override
  public String toString() {
    return "OAuthCredentials{clientId="
        + clientId
        + ", refreshToken=<redacted>, "
        + (jwtKey != null ? "jwtKey=<redacted>" : "clientSecret=<redacted>")
        + "}";
  }
}
