package dev.modal4j.internal.config;

/**
 * OAuth credentials given explicitly to the client builder; any may be null (not given).
 *
 * @param refreshToken the OAuth refresh token
 * @param clientId the OAuth client id ({@code oc-...})
 * @param clientSecret the OAuth client secret ({@code ov-...})
 * @param jwtKey the PEM of the RSA key that signs client assertions
 */
public record OAuthOverrides(
    String refreshToken, String clientId, String clientSecret, String jwtKey) {
  /** Nothing given. */
  public static final OAuthOverrides NONE = new OAuthOverrides(null, null, null, null);

  /** Whether any OAuth value was given. */
  public boolean any() {
    return refreshToken != null || clientId != null || clientSecret != null || jwtKey != null;
  }

  @Override
  public String toString() {
    return "OAuthOverrides{clientId=" + clientId + ", secrets=<redacted>}";
  }
}
