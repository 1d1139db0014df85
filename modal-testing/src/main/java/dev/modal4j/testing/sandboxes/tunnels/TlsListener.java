package dev.modal4j.testing.sandboxes.tunnels;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One encrypted tunnel: a loopback TLS listener that ends TLS with the emulator's certificate and
 * forwards the plain bytes to a sandbox port's loopback address. An HTTP/2 tunnel offers ALPN
 * {@code h2} (and {@code http/1.1} for clients without it); the bytes go on unchanged, so the
 * server in the sandbox speaks HTTP/2 without TLS (h2c), as behind Modal's tunnels.
 */
final class TlsListener implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TlsListener.class);

  private final SSLServerSocket listener;
  private final InetSocketAddress target;
  private final Connections connections;

  private TlsListener(SSLServerSocket listener, InetSocketAddress target, Connections connections) {
    this.listener = listener;
    this.target = target;
    this.connections = connections;
  }

  static TlsListener open(
      SSLContext context, InetSocketAddress target, boolean h2, Connections connections)
      throws IOException {
    SSLServerSocket socket =
        (SSLServerSocket)
            context
                .getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
    if (h2) {
      SSLParameters parameters = socket.getSSLParameters();
      parameters.setApplicationProtocols(new String[] {"h2", "http/1.1"});
      socket.setSSLParameters(parameters);
    }
    TlsListener listener = new TlsListener(connections.track(socket), target, connections);
    if (!connections.run(listener::accept)) {
      connections.release(socket);
      throw new IOException("the emulator is closing");
    }
    return listener;
  }

  int port() {
    return listener.getLocalPort();
  }

  private void accept() {
    while (!listener.isClosed()) {
      Socket client;
      try {
        client = connections.track(listener.accept());
      } catch (IOException e) {
        return;
      }
      if (!connections.run(() -> forward((SSLSocket) client))) {
        connections.release(client);
      }
    }
  }

  private void forward(SSLSocket client) {
    Socket upstream = null;
    try {
      client.startHandshake();
      upstream = connections.track(new Socket());
      upstream.connect(target, 5_000);
      connections.splice(client, upstream, new byte[0]);
    } catch (IOException e) {
      log.debug("tunnel to {} failed: {}", target, e.toString());
      connections.release(client);
      if (upstream != null) {
        connections.release(upstream);
      }
    }
  }

  @Override
  public void close() {
    connections.release((ServerSocket) listener);
  }
}
