package dev.modal4j.testing.oauth;

import java.security.interfaces.RSAPublicKey;
import java.util.Objects;
import java.util.Optional;

/**
 * An OAuth client registered with the emulator: its id and how it authenticates, with a client
 * secret or with client assertions signed by the RSA key whose public half is registered here.
 */
public final class OAuthClient {
  private final String clientId;
  private final String clientSecret;
  private final RSAPublicKey publicKey;

  private OAuthClient(String clientId, String clientSecret, RSAPublicKey publicKey) {
    this.clientId = requireText(clientId, "clientId");
    this.clientSecret = clientSecret;
    this.publicKey = publicKey;
  }

  /** A client that authenticates with {@code clientSecret} ({@code ov-...}). */
  public static OAuthClient withSecret(String clientId, String clientSecret) {
    return new OAuthClient(clientId, requireText(clientSecret, "clientSecret"), null);
  }

  /** A client that authenticates with RS256 client assertions verified by {@code publicKey}. */
  public static OAuthClient withPublicKey(String clientId, RSAPublicKey publicKey) {
    return new OAuthClient(clientId, null, Objects.requireNonNull(publicKey, "publicKey"));
  }

  /** The client id ({@code oc-...}). */
  public String clientId() {
    return clientId;
  }

  /** The client secret, for a client that uses one. */
  public Optional<String> clientSecret() {
    return Optional.ofNullable(clientSecret);
  }

  /** The public key that verifies the client's assertions, for a client that uses them. */
  public Optional<RSAPublicKey> publicKey() {
    return Optional.ofNullable(publicKey);
  }

  private static String requireText(String s, String name) {
    if (s == null || s.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
    return s;
  }

  @Override
  public String toString() {
    return "OAuthClient{clientId="
        + clientId
        + (clientSecret != null ? ", clientSecret=<redacted>" : ", publicKey=RSA")
        + "}";
  }
}
