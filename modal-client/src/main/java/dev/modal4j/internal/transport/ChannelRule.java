package dev.modal4j.internal.transport;

import dev.modal4j.InvalidException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

/**
 * The one rule for every connection modal4j makes, to the server it was configured with and to the
 * URLs the server hands out (blob uploads and downloads; later the command router and tunnels):
 * {@code https://}, or {@code http://} only to a loopback host, unless the client was built with
 * {@code allowInsecure(true)}.
 */
public final class ChannelRule {
  private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "::1");

  private ChannelRule() {}

  /**
   * Whether a connection with {@code scheme} may go to {@code host}.
   *
   * @param scheme {@code https} or {@code http} (any case); every other scheme is refused
   * @param host the host, without IPv6 brackets
   * @param allowInsecure whether {@code http} may reach a host that is not loopback
   * @return true when the rule allows the connection
   */
  public static boolean permits(String scheme, String host, boolean allowInsecure) {
    String s = scheme == null ? "" : scheme.toLowerCase(Locale.ROOT);
    if (s.equals("https")) {
      return true;
    }
    return s.equals("http") && (allowInsecure || isLoopback(host));
  }

  /**
   * Whether {@code host} is one of localhost, 127.0.0.1, ::1.
   *
   * @param host the host, without IPv6 brackets
   * @return true for a loopback host
   */
  public static boolean isLoopback(String host) {
    return host != null && LOOPBACK.contains(host.toLowerCase(Locale.ROOT));
  }

  /**
   * Checks a URL the server handed out before anything connects to it. The exception names only the
   * URL's scheme and host: such URLs often carry credentials in their path or query.
   *
   * @param url the URL as the server sent it
   * @param what what the URL is for, e.g. "blob upload", for the message
   * @param allowInsecure whether {@code http} may reach a host that is not loopback
   * @return the parsed URL
   * @throws InvalidException if the URL is malformed or the rule refuses it
   */
  public static URI checkServedUrl(String url, String what, boolean allowInsecure) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException | NullPointerException e) {
      throw new InvalidException("Modal handed out a malformed " + what + " URL");
    }
    String host = uri.getHost();
    if (host != null && host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (host == null || host.isEmpty()) {
      throw new InvalidException("Modal handed out a " + what + " URL without a host");
    }
    if (!permits(scheme, host, allowInsecure)) {
      throw new InvalidException(
          "Refusing the "
              + what
              + " URL Modal handed out ("
              + scheme
              + "://"
              + host
              + "/...): only https://, or http:// to a loopback host, is allowed; use"
              + " allowInsecure(true) on the ModalClient builder to allow plaintext to other hosts");
    }
    return uri;
  }
}
