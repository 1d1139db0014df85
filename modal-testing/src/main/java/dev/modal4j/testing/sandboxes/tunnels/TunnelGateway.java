package dev.modal4j.testing.sandboxes.tunnels;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The ways into sandboxes from outside that the emulator runs itself: encrypted tunnels (TLS ended
 * with a certificate made at the emulator's start, then plain TCP to the sandbox port) and the
 * connect-token HTTP proxy. Everything listens on 127.0.0.1 only; {@link #close()} ends every
 * listener and connection.
 */
public final class TunnelGateway implements AutoCloseable {
  private final TunnelCertificates certificates = TunnelCertificates.generate();
  private final SSLContext serverContext = certificates.serverContext();
  private final Connections connections;
  private final Map<String, TlsListener> listeners = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();
  private ConnectProxy proxy;

  /**
   * A gateway whose listeners and connections run on {@code executor}.
   *
   * @param executor threads for accepting and copying (one per listener, two per connection)
   */
  public TunnelGateway(Executor executor) {
    this.connections = new Connections(executor);
  }

  /** The CA certificate the tunnels' server certificate chains to: what clients trust. */
  public X509Certificate certificate() {
    return certificates.ca();
  }

  /**
   * Key managers presenting the server certificate (for {@code localhost} and {@code 127.0.0.1})
   * that {@link #certificate()} signed, with its chain: for the emulator's other loopback TLS
   * endpoints (the command router), so that one CA stands behind all of them.
   */
  public KeyManagerFactory keyManagers() {
    return certificates.keyManagers();
  }

  /** A trust store holding only {@link #certificate()}. */
  public KeyStore trustStore() {
    return certificates.trustStore();
  }

  /** A client SSLContext trusting only {@link #certificate()}. */
  public SSLContext clientContext() {
    return certificates.clientContext();
  }

  /**
   * {@link #certificate()} in PEM, as {@code NODE_EXTRA_CA_CERTS} or curl's {@code --cacert} read
   * it.
   */
  public String certificatePem() {
    try {
      return "-----BEGIN CERTIFICATE-----\n"
          + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate().getEncoded())
          + "\n-----END CERTIFICATE-----\n";
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The port of the encrypted tunnel to a sandbox port, opened on first use and closed when {@code
   * ended} completes.
   *
   * @param sandboxId the sandbox
   * @param containerPort the port in the sandbox
   * @param hostPort where the port is reached on this host's loopback
   * @param h2 whether the tunnel offers ALPN h2
   * @param ended completes when the sandbox has ended
   * @throws IOException if no listener can be opened
   */
  public int tlsPort(
      String sandboxId, int containerPort, int hostPort, boolean h2, CompletionStage<?> ended)
      throws IOException {
    String key = sandboxId + ":" + containerPort;
    synchronized (listeners) {
      TlsListener existing = listeners.get(key);
      if (existing != null) {
        return existing.port();
      }
      TlsListener listener =
          TlsListener.open(
              serverContext,
              new InetSocketAddress(InetAddress.getLoopbackAddress(), hostPort),
              h2,
              connections);
      listeners.put(key, listener);
      ended.whenComplete(
          (r, e) -> {
            listeners.remove(key);
            listener.close();
          });
      return listener.port();
    }
  }

  /**
   * Issues a connect token: the proxy's URL and a new token whose requests go to {@code target}
   * with {@code userMetadata} in {@code X-Verified-User-Data}.
   *
   * @param userMetadata the metadata (line breaks become spaces); empty for no header
   * @param target where the sandbox port is reached now, empty once the sandbox is gone
   * @return the URL, then the token
   * @throws IOException if the proxy cannot be started
   */
  public List<String> issueToken(String userMetadata, Supplier<Optional<InetSocketAddress>> target)
      throws IOException {
    ConnectProxy p;
    synchronized (this) {
      if (proxy == null) {
        proxy = ConnectProxy.open(connections);
      }
      p = proxy;
    }
    byte[] bytes = new byte[24];
    random.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    p.grant(token, new ConnectProxy.Grant(userMetadata.replaceAll("[\r\n]", " "), target));
    return List.of(p.url(), token);
  }

  @Override
  public void close() {
    connections.close();
    listeners.clear();
  }
}
