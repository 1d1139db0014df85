package dev.modal4j.sandboxes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modal4j.BackendContract;
import dev.modal4j.InvalidException;
import dev.modal4j.proto.NetworkAccess;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Tunnels, connect tokens, network policy and resource usage of issue 10 against the emulator, on
 * one of its backends (a subclass per backend). Ports are picked free on this host, since the
 * process backend's sandboxes listen on the host's own network.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
abstract class SandboxNetworkContract extends BackendContract {
  /** An HTTP server answering every GET with its X-Verified-User-Data and Authorization headers. */
  private static final String ECHO_SERVER =
      String.join(
          "\n",
          "import http.server, sys",
          "class H(http.server.BaseHTTPRequestHandler):",
          "    def do_GET(self):",
          "        body = ('path=%s meta=%s auth=%s' % (self.path,",
          "            self.headers.get('X-Verified-User-Data'),",
          "            self.headers.get('Authorization'))).encode()",
          "        self.send_response(200)",
          "        self.send_header('Content-Length', str(len(body)))",
          "        self.end_headers()",
          "        self.wfile.write(body)",
          "http.server.HTTPServer(('0.0.0.0', int(sys.argv[1])), H).serve_forever()");

  @Override
  protected String appName() {
    return "network-tests";
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  Sandbox httpServer(int port, SandboxCreateParams.Builder params) {
    Sandbox sb =
        modal
            .sandboxes()
            .create(
                app,
                image,
                params
                    .command(List.of("python3", "-m", "http.server", Integer.toString(port)))
                    .readinessProbe(Probe.tcp(port))
                    .build());
    sb.waitUntilReady(Duration.ofSeconds(30));
    return sb;
  }

  @Test
  void anHttpsTunnelIsReachedTrustingTheEmulatorsCertificate() throws Exception {
    int port = freePort();
    try (Sandbox sb =
        httpServer(port, SandboxCreateParams.builder().encryptedPorts(List.of(port)))) {
      Tunnel t = sb.tunnels(Duration.ofSeconds(30)).get(port);
      assertThat(t.url()).startsWith("https://127.0.0.1:");
      assertThatThrownBy(t::tcpSocket).isInstanceOf(InvalidException.class);
      HttpClient trusting = HttpClient.newBuilder().sslContext(emulator.tunnelSslContext()).build();
      HttpResponse<String> resp =
          trusting.send(
              HttpRequest.newBuilder(URI.create(t.url() + "/"))
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(resp.statusCode()).isEqualTo(200);
      assertThat(resp.body()).contains("Directory listing");
      // the JVM's own trust store does not know the emulator's CA
      assertThatThrownBy(
              () ->
                  HttpClient.newHttpClient()
                      .send(
                          HttpRequest.newBuilder(URI.create(t.url() + "/"))
                              .timeout(Duration.ofSeconds(10))
                              .build(),
                          HttpResponse.BodyHandlers.ofString()))
          .isInstanceOf(SSLHandshakeException.class);
      assertThatThrownBy(t::connectTls).isInstanceOf(SSLHandshakeException.class);
      // a raw TLS socket through the SDK's own helper
      try (SSLSocket socket = t.connectTls(emulator.tunnelSslContext())) {
        assertThat(socket.getSession().getPeerCertificates()[1])
            .isEqualTo(emulator.tunnelCertificate());
        OutputStream out = socket.getOutputStream();
        out.write("HEAD / HTTP/1.0\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String head = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(head).startsWith("HTTP/1.0 200");
      }
    }
  }

  @Test
  void anH2TunnelOffersAlpnH2AndAnUnencryptedOneRawTcp() throws Exception {
    int h2 = freePort();
    int raw = freePort();
    try (Sandbox sb =
        modal
            .sandboxes()
            .create(
                app,
                image,
                SandboxCreateParams.builder()
                    .command(
                        List.of(
                            "sh",
                            "-c",
                            "python3 -m http.server " + raw + " & python3 -m http.server " + h2))
                    .h2Ports(List.of(h2))
                    .unencryptedPorts(List.of(raw))
                    .readinessProbe(Probe.tcp(raw))
                    .build())) {
      sb.waitUntilReady(Duration.ofSeconds(30));
      var tunnels = sb.tunnels(Duration.ofSeconds(30));
      Tunnel h2Tunnel = tunnels.get(h2);
      SSLSocket socket = (SSLSocket) emulator.tunnelSslContext().getSocketFactory().createSocket();
      try (socket) {
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setApplicationProtocols(new String[] {"h2"});
        socket.setSSLParameters(parameters);
        socket.connect(new java.net.InetSocketAddress(h2Tunnel.host(), h2Tunnel.port()), 10_000);
        socket.startHandshake();
        assertThat(socket.getApplicationProtocol()).isEqualTo("h2");
      }
      var tcp = tunnels.get(raw).tcpSocket();
      HttpResponse<String> resp =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://" + tcp.getHostString() + ":" + tcp.getPort() + "/"))
                      .timeout(Duration.ofSeconds(10))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(resp.statusCode()).isEqualTo(200);
      // an unencrypted port has a TLS endpoint too, as on Modal
      HttpResponse<String> tls =
          HttpClient.newBuilder()
              .sslContext(emulator.tunnelSslContext())
              .build()
              .send(
                  HttpRequest.newBuilder(URI.create(tunnels.get(raw).url() + "/"))
                      .timeout(Duration.ofSeconds(10))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(tls.statusCode()).isEqualTo(200);
    }
  }

  @Test
  void aConnectTokenIsAcceptedAndABadOrMissingOneRefused() throws Exception {
    int port = freePort();
    try (Sandbox sb =
        modal
            .sandboxes()
            .create(
                app,
                image,
                SandboxCreateParams.builder()
                    .command(List.of("python3", "-c", ECHO_SERVER, Integer.toString(port)))
                    .readinessProbe(Probe.tcp(port))
                    .build())) {
      sb.waitUntilReady(Duration.ofSeconds(30));
      ConnectCredentials creds =
          sb.createConnectToken(
              ConnectTokenParams.builder().port(port).userMetadata("{\"user\":\"ada\"}").build());
      assertThat(creds.token()).isNotBlank();
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> ok =
          http.send(
              HttpRequest.newBuilder(URI.create(creds.url() + "/hello"))
                  .header("Authorization", "Bearer " + creds.token())
                  .header("X-Verified-User-Data", "spoofed")
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(ok.body()).isEqualTo("path=/hello meta={\"user\":\"ada\"} auth=None");
      HttpResponse<String> byQuery =
          http.send(
              HttpRequest.newBuilder(
                      URI.create(creds.url() + "/q?a=1&_modal_connect_token=" + creds.token()))
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(byQuery.body()).startsWith("path=/q?a=1 meta=");
      HttpResponse<String> bad =
          http.send(
              HttpRequest.newBuilder(URI.create(creds.url() + "/hello"))
                  .header("Authorization", "Bearer " + creds.token() + "x")
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(bad.statusCode()).isEqualTo(403);
      HttpResponse<String> missing =
          http.send(
              HttpRequest.newBuilder(URI.create(creds.url() + "/hello"))
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(missing.statusCode()).isEqualTo(401);
      // a token for another port of the same sandbox, where nothing listens
      ConnectCredentials elsewhere =
          sb.createConnectToken(ConnectTokenParams.builder().port(freePort()).build());
      HttpResponse<String> nobody =
          http.send(
              HttpRequest.newBuilder(URI.create(elsewhere.url() + "/"))
                  .header("Authorization", "Bearer " + elsewhere.token())
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(nobody.statusCode()).isEqualTo(502);
    }
  }

  @Test
  void anExecProbeGatesWaitUntilReady() {
    try (Sandbox sb =
        modal
            .sandboxes()
            .create(
                app,
                image,
                SandboxCreateParams.builder()
                    .readinessProbe(Probe.exec(List.of("test", "-f", "/tmp/ready")))
                    .build())) {
      // not ready while the file is missing
      assertThatThrownBy(() -> sb.waitUntilReady(Duration.ofMillis(1500)))
          .isInstanceOf(dev.modal4j.SandboxTimeoutException.class);
      assertThat(sb.exec(List.of("touch", "/tmp/ready")).waitFor()).isZero();
      sb.waitUntilReady(Duration.ofSeconds(30));
    }
  }

  @Test
  void aNetworkPolicyUpdateIsRecordedAndBadInputRefused() {
    try (Sandbox sb = modal.sandboxes().create(app, image)) {
      sb.updateNetworkPolicy(
          NetworkPolicyParams.builder()
              .outboundCidrAllowlist(List.of("10.0.0.0/8"))
              .outboundDomainAllowlist(List.of("*.example.com"))
              .build());
      NetworkAccess access = emulator.sandboxes().networkAccess(sb.sandboxId()).orElseThrow();
      assertThat(access.getNetworkAccessType())
          .isEqualTo(NetworkAccess.NetworkAccessType.ALLOWLIST);
      assertThat(access.getAllowedCidrsList()).containsExactly("10.0.0.0/8");
      assertThat(access.getAllowedDomainsList()).containsExactly("*.example.com");
      assertThatThrownBy(
              () ->
                  sb.updateNetworkPolicy(
                      NetworkPolicyParams.builder()
                          .outboundCidrAllowlist(List.of("10.0.0.0/33"))
                          .outboundDomainAllowlist(List.of())
                          .build()))
          .isInstanceOf(InvalidException.class)
          .hasMessageContaining("10.0.0.0/33");
      assertThatThrownBy(
              () -> NetworkPolicyParams.builder().outboundCidrAllowlist(List.of()).build())
          .isInstanceOf(InvalidException.class)
          .hasMessageContaining("outboundDomainAllowlist");
      // the refused update left the last one in force
      assertThat(emulator.sandboxes().networkAccess(sb.sandboxId()).orElseThrow())
          .isEqualTo(access);
    }
  }

  @Test
  void resourceUsageRisesWhileTheSandboxBurnsCpu() {
    try (Sandbox sb = modal.sandboxes().create(app, image)) {
      ResourceUsage before = sb.resourceUsage();
      ContainerProcess burn =
          sb.exec(
              List.of(
                  "python3",
                  "-c",
                  "import time\nt = time.time()\nwhile time.time() - t < 5: pass\n"));
      // sampled while the loop runs (on a loaded host it may get well under a core)
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      ResourceUsage after = sb.resourceUsage();
      while (after.cpuCoreNanos() - before.cpuCoreNanos() < 300_000_000L
          && burn.poll().isEmpty()
          && System.nanoTime() < deadline) {
        after = sb.resourceUsage();
      }
      assertThat(after.cpuCoreNanos() - before.cpuCoreNanos())
          .as("CPU used by a busy loop, in ns")
          .isGreaterThanOrEqualTo(300_000_000L);
      assertThat(after.memoryGibNanos()).isGreaterThan(before.memoryGibNanos());
      assertThat(after.gpuNanos()).isZero();
      assertThat(after.gpuType()).isEmpty();
    }
  }

  static String readAll(InputStream in) throws IOException {
    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
  }
}
