package dev.modal4j.sandboxes;

import dev.modal4j.InvalidException;
import dev.modal4j.internal.Args;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A port of a sandbox forwarded to the outside, from {@link Sandbox#tunnels(java.time.Duration)}: a
 * TLS endpoint, and for unencrypted ports also a raw TCP one.
 */
public final class Tunnel {
  private final String host;
  private final int port;
  private final String unencryptedHost;
  private final Integer unencryptedPort;

  Tunnel(String host, int port, String unencryptedHost, Integer unencryptedPort) {
    this.host = host;
    this.port = port;
    this.unencryptedHost = unencryptedHost;
    this.unencryptedPort = unencryptedPort;
  }

  /** The TLS endpoint's host. */
  public String host() {
    return host;
  }

  /** The TLS endpoint's port. */
  public int port() {
    return port;
  }

  /** The raw TCP endpoint's host, for unencrypted ports. */
  public Optional<String> unencryptedHost() {
    return Optional.ofNullable(unencryptedHost);
  }

  /** The raw TCP endpoint's port, for unencrypted ports. */
  public OptionalInt unencryptedPort() {
    return unencryptedPort == null ? OptionalInt.empty() : OptionalInt.of(unencryptedPort);
  }

  /** The public HTTPS URL: {@code https://host}, with {@code :port} unless it is 443. */
  public String url() {
    return port == 443 ? "https://" + host : "https://" + host + ":" + port;
  }

  /** The TLS endpoint as an unresolved socket address. */
  public InetSocketAddress tlsSocket() {
    return InetSocketAddress.createUnresolved(host, port);
  }

  /**
   * Opens a TLS connection to the tunnel with the JVM's default trust (what real Modal's
   * certificates need), checking that the certificate is for {@link #host()}.
   *
   * @throws IOException if the connection or the TLS handshake fails
   */
  public SSLSocket connectTls() throws IOException {
    try {
      return connectTls(SSLContext.getDefault());
    } catch (NoSuchAlgorithmException e) {
      throw new IOException("no default TLS context", e);
    }
  }

  /**
   * Opens a TLS connection to the tunnel trusting what {@code context} trusts (for the emulator:
   * {@code ModalEmulator.tunnelSslContext()}), checking that the certificate is for {@link
   * #host()}.
   *
   * @throws InvalidException if {@code context} is null
   * @throws IOException if the connection or the TLS handshake fails
   */
  public SSLSocket connectTls(SSLContext context) throws IOException {
    Args.notNull(context, "context");
    SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket();
    try {
      SSLParameters parameters = socket.getSSLParameters();
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      socket.setSSLParameters(parameters);
      socket.connect(new InetSocketAddress(host, port), 10_000);
      socket.startHandshake();
      return socket;
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  /**
   * The raw TCP endpoint as an unresolved socket address.
   *
   * @throws InvalidException if the port was not opened as unencrypted
   */
  public InetSocketAddress tcpSocket() {
    if (unencryptedHost == null || unencryptedHost.isEmpty() || unencryptedPort == null) {
      throw new InvalidException("This tunnel is not configured for unencrypted TCP.");
    }
    return InetSocketAddress.createUnresolved(unencryptedHost, unencryptedPort);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Tunnel)) {
      return false;
    }
    Tunnel t = (Tunnel) o;
    return t.host.equals(host)
        && t.port == port
        && Objects.equals(t.unencryptedHost, unencryptedHost)
        && Objects.equals(t.unencryptedPort, unencryptedPort);
  }

  @Override
  public int hashCode() {
    return Objects.hash(host, port, unencryptedHost, unencryptedPort);
  }

  @Override
  public String toString() {
    return "Tunnel{"
        + host
        + ":"
        + port
        + (unencryptedHost != null ? ", tcp=" + unencryptedHost + ":" + unencryptedPort : "")
        + "}";
  }
}
