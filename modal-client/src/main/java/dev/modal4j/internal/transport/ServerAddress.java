package dev.modal4j.internal.transport;

import dev.modal4j.InvalidException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** A parsed server URL: host, port, and whether the connection uses TLS. */
public final class ServerAddress {
  private final String url;
  private final String host;
  private final int port;
  private final boolean plaintext;

  private ServerAddress(String url, String host, int port, boolean plaintext) {
    this.url = url;
    this.host = host;
    this.port = port;
    this.plaintext = plaintext;
  }

  /**
   * Parses {@code https://host[:port]} or {@code http://host[:port]}.
   *
   * @param allowInsecure whether {@code http://} may reach a host that is not loopback
   * @throws InvalidException for any other URL, or plaintext to a remote host when not allowed
   */
  public static ServerAddress parse(String url, boolean allowInsecure) {
    URI uri;
    try {
      uri = new URI(url.trim());
    } catch (URISyntaxException e) {
      throw new InvalidException("Invalid Modal server URL '" + url + "': " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    String host = uri.getHost();
    if (host == null || host.isEmpty()) {
      throw new InvalidException("Invalid Modal server URL '" + url + "': no host");
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    boolean plaintext;
    int defaultPort;
    switch (scheme) {
      case "https":
        plaintext = false;
        defaultPort = 443;
        break;
      case "http":
        plaintext = true;
        defaultPort = 80;
        break;
      default:
        throw new InvalidException(
            "Invalid Modal server URL '" + url + "': the scheme must be https:// or http://");
    }
    if (!ChannelRule.permits(scheme, host, allowInsecure)) {
      throw new InvalidException(
          "Refusing a plaintext (http://) connection to non-loopback host '"
              + host
              + "' ("
              + url
              + "): use https://, or allowInsecure(true) on the ModalClient builder");
    }
    int port = uri.getPort() == -1 ? defaultPort : uri.getPort();
    return new ServerAddress(url, host, port, plaintext);
  }

  /**
   * An address already checked by the caller, e.g. a URL Modal handed out and {@link ChannelRule}
   * allowed.
   */
  public static ServerAddress of(String url, String host, int port, boolean plaintext) {
    return new ServerAddress(url, host, port, plaintext);
  }

  /** Whether {@code host} is one of localhost, 127.0.0.1, ::1 (see {@link ChannelRule}). */
  public static boolean isLoopback(String host) {
    return ChannelRule.isLoopback(host);
  }

  /** The URL as given. */
  public String url() {
    return url;
  }

  /** The host, without IPv6 brackets. */
  public String host() {
    return host;
  }

  /** The port (443 / 80 by default). */
  public int port() {
    return port;
  }

  /** Whether the connection is plaintext (http://). */
  public boolean plaintext() {
    return plaintext;
  }

  @Override
  public String toString() {
    return url;
  }
}
