package dev.modal4j.testing.sandboxes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modal4j.proto.TaskGetCommandRouterAccessRequest;
import java.net.URI;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The command router's TLS side (what Modal's Python SDK dials) presents the tunnels' server
 * certificate: one CA, {@code ModalEmulator#tunnelCertificate()}, stands behind every TLS endpoint
 * of the emulator, and a client trusting only that CA completes the handshake.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RouterTlsCertificateTest {
  private static SandboxFixture fx;

  @BeforeAll
  static void start() {
    fx = new SandboxFixture();
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  @Test
  void theRoutersTlsCertificateChainsToTheTunnelCa() throws Exception {
    String id = fx.create(fx.definition("sleep", "60"));
    String taskId = SandboxLifecycleTest.taskIdOf(fx, id).getTaskId();
    URI url =
        URI.create(
            fx.stub
                .taskGetCommandRouterAccess(
                    TaskGetCommandRouterAccessRequest.newBuilder().setTaskId(taskId).build())
                .getUrl());
    X509Certificate ca = fx.emulator.tunnelCertificate();
    for (int attempt = 0; attempt < 2; attempt++) {
      try (SSLSocket socket =
          (SSLSocket)
              fx.emulator
                  .tunnelSslContext()
                  .getSocketFactory()
                  .createSocket(url.getHost(), url.getPort())) {
        socket.setSoTimeout(10_000);
        socket.startHandshake();
        Certificate[] chain = socket.getSession().getPeerCertificates();
        X509Certificate server = (X509Certificate) chain[0];
        server.verify(ca.getPublicKey());
        assertThat(server.getIssuerX500Principal()).isEqualTo(ca.getSubjectX500Principal());
        assertThat(server.getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
      }
    }
  }
}
