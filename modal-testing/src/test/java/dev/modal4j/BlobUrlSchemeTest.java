package dev.modal4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modal4j.functions.Function;
import dev.modal4j.testing.ModalEmulator;
import dev.modal4j.testing.functions.DemoApp;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Blob URLs handed out by the server obey the channel rule: an emulator that hands out {@code
 * http://example.com/...} is refused before any HTTP connection, unless the client allows insecure.
 *
 * <p>Connections are observed through the JVM's {@link ProxySelector}, which {@code
 * HttpURLConnection} asks before connecting: for example.com it answers with a local socket that
 * counts the connections it accepts, so nothing leaves the machine even when a request is made.
 */
@Timeout(60)
class BlobUrlSchemeTest {
  private static final int BIG = 3 * 1024 * 1024;

  static ModalEmulator emulator;
  static ServerSocket fakeProxy;
  static final AtomicInteger proxied = new AtomicInteger();
  static volatile CountDownLatch firstProxied = new CountDownLatch(1);
  static final List<URI> asked = new CopyOnWriteArrayList<>();
  static ProxySelector original;

  ModalClient modal;

  @BeforeAll
  static void start() throws IOException {
    emulator =
        ModalEmulator.builder().blobUrlBase(URI.create("http://example.com/bucket-7f3a")).start();
    DemoApp.deploy(emulator).function("big", (args, kwargs) -> new byte[BIG]);
    fakeProxy = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor =
        new Thread(
            () -> {
              while (!fakeProxy.isClosed()) {
                try (Socket s = fakeProxy.accept()) {
                  proxied.incrementAndGet();
                  firstProxied.countDown();
                } catch (IOException e) {
                  return;
                }
              }
            },
            "fake-proxy");
    acceptor.setDaemon(true);
    acceptor.start();
    original = ProxySelector.getDefault();
    Proxy toFake = new Proxy(Proxy.Type.HTTP, fakeProxy.getLocalSocketAddress());
    ProxySelector.setDefault(
        new ProxySelector() {
          @Override
          public List<Proxy> select(URI uri) {
            if ("example.com".equalsIgnoreCase(uri.getHost())) {
              asked.add(uri);
              return List.of(toFake);
            }
            return original == null ? List.of(Proxy.NO_PROXY) : original.select(uri);
          }

          @Override
          public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {}
        });
  }

  @AfterAll
  static void stop() throws IOException {
    ProxySelector.setDefault(original);
    fakeProxy.close();
    emulator.close();
  }

  @BeforeEach
  void connect() {
    asked.clear();
    proxied.set(0);
    firstProxied = new CountDownLatch(1);
    modal = client(false);
  }

  @AfterEach
  void disconnect() {
    modal.close();
  }

  private static ModalClient client(boolean allowInsecure) {
    return ModalClient.builder()
        .serverUrl(emulator.url())
        .tokenId(ModalEmulator.TOKEN_ID)
        .tokenSecret(ModalEmulator.TOKEN_SECRET)
        .environmentVariables(Map.of())
        .homeDirectory(Path.of("target", "no-home"))
        .allowInsecure(allowInsecure)
        .build();
  }

  private static Function fn(ModalClient client, String name) {
    return client.functions().fromName("modal4j-demo", name);
  }

  @Test
  void aPlaintextUploadUrlToARemoteHostIsRefusedBeforeAnyConnection() {
    long creates = emulator.stats().count("BlobCreate");
    assertThatThrownBy(() -> fn(modal, "echo").remote(byte[].class, (Object) new byte[BIG]))
        .isInstanceOf(InvalidException.class)
        .hasMessageContaining("http://")
        .hasMessageContaining("example.com")
        .hasMessageContaining("allowInsecure")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("bucket-7f3a", "/blobs/"));
    assertThat(emulator.stats().count("BlobCreate")).isEqualTo(creates + 1);
    assertThat(asked).as("HTTP connections looked up for example.com").isEmpty();
    assertThat(proxied).hasValue(0);
  }

  @Test
  void aPlaintextDownloadUrlToARemoteHostIsRefusedBeforeAnyConnection() {
    long gets = emulator.stats().count("BlobGet");
    assertThatThrownBy(() -> fn(modal, "big").remote(byte[].class))
        .isInstanceOf(InvalidException.class)
        .hasMessageContaining("http://")
        .hasMessageContaining("example.com")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("bucket-7f3a", "/blobs/"));
    assertThat(emulator.stats().count("BlobGet")).isGreaterThan(gets);
    assertThat(asked).isEmpty();
    assertThat(proxied).hasValue(0);
  }

  @Test
  void withAllowInsecureTheSameUrlIsUsed() throws Exception {
    try (ModalClient insecure = client(true)) {
      assertThatThrownBy(() -> fn(insecure, "echo").remote(byte[].class, (Object) new byte[BIG]))
          .isInstanceOf(ModalException.class)
          .isNotInstanceOf(InvalidException.class);
    }
    assertThat(firstProxied.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(asked).anySatisfy(u -> assertThat(u.getHost()).isEqualTo("example.com"));
  }
}
