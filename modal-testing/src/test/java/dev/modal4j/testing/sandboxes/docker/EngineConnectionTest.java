package dev.modal4j.testing.sandboxes.docker;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our raw connection against a fake engine on a Unix socket: the upgrade, the half-close that
 * carries stdin's EOF, the engine's refusal, and a quick "no engine". No Docker needed.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class EngineConnectionTest {

  @TempDir Path dir;

  @Test
  void closingStdinHalfClosesAndOutputStillArrives() throws Exception {
    Path socket = dir.resolve("engine.sock");
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(socket));
      CompletableFuture<String> received =
          CompletableFuture.supplyAsync(
              () -> {
                try (SocketChannel peer = server.accept()) {
                  String head = readUntil(peer, "\r\n\r\n");
                  int length =
                      Integer.parseInt(head.replaceAll("(?s).*Content-Length: (\\d+).*", "$1"));
                  readExactly(peer, length);
                  peer.write(
                      ByteBuffer.wrap(
                          "HTTP/1.1 101 UPGRADED\r\nUpgrade: tcp\r\n\r\n".getBytes(US_ASCII)));
                  // Echo stdin back, as cat would, until our peer half-closes.
                  ByteArrayOutputStream stdin = new ByteArrayOutputStream();
                  ByteBuffer buffer = ByteBuffer.allocate(1024);
                  while (peer.read(buffer.clear()) >= 0) {
                    stdin.write(buffer.array(), 0, buffer.position());
                  }
                  peer.write(ByteBuffer.wrap(("echo:" + stdin).getBytes(US_ASCII)));
                  return head;
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              });
      try (EngineConnection connection = EngineConnection.open(URI.create("unix://" + socket))) {
        connection.upgrade("/exec/abc/start", "{\"Detach\":false,\"Tty\":false}");
        OutputStream stdin = connection.out();
        stdin.write("some input".getBytes(US_ASCII));
        connection.shutdownOutput();
        assertThat(new String(connection.in().readAllBytes(), US_ASCII))
            .isEqualTo("echo:some input");
      }
      assertThat(received.get(10, TimeUnit.SECONDS))
          .startsWith("POST /exec/abc/start HTTP/1.1\r\n")
          .contains("Upgrade: tcp\r\n");
    }
  }

  @Test
  void aRefusalCarriesTheEnginesMessage() throws Exception {
    Path socket = dir.resolve("refusing.sock");
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(socket));
      CompletableFuture.runAsync(
          () -> {
            try (SocketChannel peer = server.accept()) {
              readUntil(peer, "\r\n\r\n");
              String body = "{\"message\":\"container abc is not running\"}";
              peer.write(
                  ByteBuffer.wrap(
                      ("HTTP/1.1 409 Conflict\r\nContent-Type: application/json\r\n"
                              + "Content-Length: "
                              + body.length()
                              + "\r\n\r\n"
                              + body)
                          .getBytes(US_ASCII)));
            } catch (IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          });
      try (EngineConnection connection = EngineConnection.open(URI.create("unix://" + socket))) {
        assertThatThrownBy(() -> connection.upgrade("/exec/abc/start", "{}"))
            .isInstanceOf(IOException.class)
            .hasMessage("the Docker engine answered 409: container abc is not running");
      }
    }
  }

  @Test
  void noEngineAnswersQuickly() {
    long t0 = System.nanoTime();
    assertThat(
            EngineConnection.ping(
                URI.create("unix://" + dir.resolve("none.sock")), Duration.ofSeconds(5)))
        .isFalse();
    assertThat(EngineConnection.ping(URI.create("tcp://127.0.0.1:1"), Duration.ofSeconds(5)))
        .isFalse();
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void aSilentEngineCountsAsAbsentAfterTheTimeout() throws Exception {
    Path socket = dir.resolve("silent.sock");
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(socket));
      long t0 = System.nanoTime();
      assertThat(EngineConnection.ping(URI.create("unix://" + socket), Duration.ofMillis(300)))
          .isFalse();
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
    }
  }

  private static void readExactly(SocketChannel peer, int length) throws IOException {
    ByteBuffer body = ByteBuffer.allocate(length);
    while (body.hasRemaining() && peer.read(body) >= 0) {
      // The request's body, which is not stdin.
    }
  }

  private static String readUntil(SocketChannel peer, String end) throws IOException {
    StringBuilder text = new StringBuilder();
    ByteBuffer one = ByteBuffer.allocate(1);
    while (!text.toString().endsWith(end)) {
      if (peer.read(one.clear()) < 0) {
        break;
      }
      text.append((char) one.get(0));
    }
    return text.toString();
  }
}
