package dev.modal4j.testing.oauth;

import io.grpc.Metadata;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The emulator's OAuth clients and the refresh tokens issued to them, and the check of the OAuth
 * headers a client sends (as Modal's JS SDK 0.11.1 sends them): {@code x-modal-refresh-token},
 * {@code x-modal-oauth-client-id}, and {@code x-modal-oauth-client-secret} or {@code
 * x-modal-oauth-client-assertion}. A refresh token is valid only for the client it was issued to,
 * until it is {@linkplain #revoke(String) revoked}.
 */
public final class OAuthClients {
  /** The header carrying the refresh token. */
  public static final Metadata.Key<String> REFRESH_TOKEN = key("x-modal-refresh-token");

  private static final Metadata.Key<String> CLIENT_ID = key("x-modal-oauth-client-id");
  private static final Metadata.Key<String> CLIENT_SECRET = key("x-modal-oauth-client-secret");
  private static final Metadata.Key<String> CLIENT_ASSERTION =
      key("x-modal-oauth-client-assertion");

  private final Map<String, OAuthClient> clients = new ConcurrentHashMap<>();
  private final Map<String, String> refreshTokens = new ConcurrentHashMap<>();
  private final Set<String> revoked = ConcurrentHashMap.newKeySet();
  private final SecureRandom random = new SecureRandom();
  private final ClientAssertions assertions;

  /** Clients registered with {@code clients}; assertion times checked against {@code clock}. */
  public OAuthClients(Collection<OAuthClient> clients, Clock clock) {
    clients.forEach(this::register);
    this.assertions = new ClientAssertions(clock);
  }

  /** Registers (or replaces) a client. */
  public OAuthClients register(OAuthClient client) {
    clients.put(client.clientId(), client);
    return this;
  }

  /**
   * Issues a new refresh token to the registered client {@code clientId}.
   *
   * @throws IllegalArgumentException if no such client is registered
   */
  public String issueRefreshToken(String clientId) {
    if (!clients.containsKey(clientId)) {
      throw new IllegalArgumentException("no OAuth client " + clientId + " is registered");
    }
    byte[] bytes = new byte[24];
    random.nextBytes(bytes);
    String token = "rt-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    refreshTokens.put(token, clientId);
    return token;
  }

  /** Revokes a refresh token: exchanges with it fail from now on. */
  public void revoke(String refreshToken) {
    if (refreshTokens.containsKey(refreshToken)) {
      revoked.add(refreshToken);
    }
  }

  /** Whether the headers carry OAuth credentials (rather than a token id and secret). */
  public static boolean present(Metadata headers) {
    return headers.containsKey(REFRESH_TOKEN)
        || headers.containsKey(CLIENT_ID)
        || headers.containsKey(CLIENT_SECRET)
        || headers.containsKey(CLIENT_ASSERTION);
  }

  /** Empty if the OAuth headers authenticate a registered client, else why not. */
  public Optional<String> check(Metadata headers) {
    String refresh = headers.get(REFRESH_TOKEN);
    String clientId = headers.get(CLIENT_ID);
    if (blank(refresh) || blank(clientId)) {
      return Optional.of(
          "OAuth credentials need x-modal-refresh-token and x-modal-oauth-client-id");
    }
    OAuthClient client = clients.get(clientId);
    if (client == null) {
      return Optional.of("Unknown OAuth client " + clientId);
    }
    String secret = headers.get(CLIENT_SECRET);
    String assertion = headers.get(CLIENT_ASSERTION);
    if (client.clientSecret().isPresent()) {
      if (blank(secret) || !equal(secret, client.clientSecret().get())) {
        return Optional.of("Invalid OAuth client secret for " + clientId);
      }
    } else {
      if (blank(assertion)) {
        return Optional.of("OAuth client " + clientId + " must send a client assertion");
      }
      String why = assertions.check(client, assertion);
      if (why != null) {
        return Optional.of("Invalid OAuth client assertion for " + clientId + ": " + why);
      }
    }
    String owner = refreshTokens.get(refresh);
    if (owner == null || !owner.equals(clientId)) {
      return Optional.of("Invalid OAuth refresh token for client " + clientId);
    }
    if (revoked.contains(refresh)) {
      return Optional.of("The OAuth refresh token has been revoked");
    }
    return Optional.empty();
  }

  private static boolean equal(String a, String b) {
    return MessageDigest.isEqual(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static Metadata.Key<String> key(String name) {
    return Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER);
  }

  @Override
  public String toString() {
    return "OAuthClients{" + clients.keySet() + "}";
  }
}
