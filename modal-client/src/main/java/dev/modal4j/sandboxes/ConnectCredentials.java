package dev.modal4j.sandboxes;

/**
 * A URL and token for HTTP connections to a sandbox: send requests to {@link #url()} with the
 * header {@code Authorization: Bearer <token>}. {@link #toString()} never shows the token.
 */
public final class ConnectCredentials {
  private final String url;
  private final String token;

  ConnectCredentials(String url, String token) {
    this.url = url;
    this.token = token;
  }

  /** The URL to send requests to. */
  public String url() {
    return url;
  }

  /** The bearer token; keep it secret. */
  public String token() {
    return token;
  }

  @Override
  public String toString() {
    return "ConnectCredentials{url=" + url + ", token=***}";
  }
}
