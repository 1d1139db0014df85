package dev.modal4j.testing.sandboxes.docker;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One HTTP/1.1 connection of our own to the Docker engine, for the two calls whose connection
 * becomes a raw stream: exec start and container attach. docker-java does these too, but over a
 * Unix socket it cannot close only its write side ({@code shutdownOutput} is unsupported there), so
 * a process would never see EOF on stdin; a JDK {@link SocketChannel} can. Reading and writing from
 * two threads at once is allowed (one reader, one writer), without the stream adapters of {@code
 * java.nio.channels.Channels}, which serialize both on one lock.
 */
final class EngineConnection implements Closeable {

  private static final int HEAD_LIMIT = 64 * 1024;

  private final SocketChannel channel;
  private final ByteBuffer leftover = ByteBuffer.allocate(HEAD_LIMIT).flip();
  private final InputStream in = new ChannelIn();
  private final OutputStream out = new ChannelOut();

  private EngineConnection(SocketChannel channel) {
    this.channel = channel;
  }

  /** Connects to {@code host}: {@code unix:///path} or {@code tcp://host:port} (no TLS). */
  static EngineConnection open(URI host) throws IOException {
    String scheme = host.getScheme() == null ? "" : host.getScheme().toLowerCase(Locale.ROOT);
    SocketChannel channel;
    switch (scheme) {
      case "unix":
        channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
          channel.connect(UnixDomainSocketAddress.of(host.getPath()));
        } catch (IOException e) {
          channel.close();
          throw e;
        }
        break;
      case "tcp":
      case "http":
        channel = SocketChannel.open();
        try {
          channel.socket().connect(new InetSocketAddress(host.getHost(), host.getPort()), 2_000);
          channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        } catch (IOException e) {
          channel.close();
          throw e;
        }
        break;
      default:
        throw new IOException(
            "the container backend reaches a Docker engine at unix:// or tcp:// (no TLS), not "
                + host);
    }
    return new EngineConnection(channel);
  }

  /**
   * Whether a Docker engine answers {@code GET /_ping} at {@code host} within {@code timeout}.
   * Never throws and never waits longer than the timeout (a hung engine counts as absent).
   */
  static boolean ping(URI host, Duration timeout) {
    CompletableFuture<EngineConnection> opened = new CompletableFuture<>();
    CompletableFuture<Boolean> answer = new CompletableFuture<>();
    Thread probe =
        new Thread(
            () -> {
              try (EngineConnection connection = open(host)) {
                opened.complete(connection);
                answer.complete(connection.simpleGet("/_ping").startsWith("HTTP/1.1 200"));
              } catch (IOException | RuntimeException e) {
                answer.complete(false);
              }
            },
            "modal4j-docker-ping");
    probe.setDaemon(true);
    probe.start();
    try {
      return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      opened.thenAccept(EngineConnection::close);
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      opened.thenAccept(EngineConnection::close);
      return false;
    }
  }

  /**
   * Sends a POST whose answer turns the connection into a raw stream (exec start, attach) and reads
   * the answer's head.
   *
   * @throws IOException when the engine refuses (the message carries the engine's words)
   */
  void upgrade(String path, String jsonBody) throws IOException {
    byte[] body = jsonBody.getBytes(UTF_8);
    String head =
        "POST "
            + path
            + " HTTP/1.1\r\nHost: docker\r\nUser-Agent: modal4j-emulator\r\n"
            + "Content-Type: application/json\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n"
            + "Content-Length: "
            + body.length
            + "\r\n\r\n";
    // One write: an engine that refuses at once may close before a separate body write.
    byte[] headBytes = head.getBytes(US_ASCII);
    byte[] request = java.util.Arrays.copyOf(headBytes, headBytes.length + body.length);
    System.arraycopy(body, 0, request, headBytes.length, body.length);
    out.write(request);
    String answer = readHead();
    int status = statusOf(answer);
    if (status == 101 || status == 200) {
      return;
    }
    throw new IOException("the Docker engine answered " + status + ": " + errorBody(answer));
  }

  /**
   * Sends a POST whose body is the file {@code body} (with its length, as the engine's image import
   * needs) and reads the whole answer.
   *
   * @throws IOException when the engine refuses or reports an error (with the engine's words)
   */
  void post(String path, String contentType, java.nio.file.Path body) throws IOException {
    String head =
        "POST "
            + path
            + " HTTP/1.1\r\nHost: docker\r\nUser-Agent: modal4j-emulator\r\nContent-Type: "
            + contentType
            + "\r\nContent-Length: "
            + java.nio.file.Files.size(body)
            + "\r\nConnection: close\r\n\r\n";
    out.write(head.getBytes(US_ASCII));
    java.nio.file.Files.copy(body, out);
    String answer = readHead();
    int status = statusOf(answer);
    if (status != 200) {
      throw new IOException("the Docker engine answered " + status + ": " + errorBody(answer));
    }
    java.io.ByteArrayOutputStream rest = new java.io.ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    int n;
    while ((n = in.read(buffer, 0, buffer.length)) >= 0) {
      if (rest.size() < HEAD_LIMIT) {
        rest.write(buffer, 0, n);
      }
    }
    String text = rest.toString(UTF_8);
    int error = text.indexOf("\"error\"");
    if (error >= 0) {
      throw new IOException("the Docker engine reported: " + text.substring(error).trim());
    }
  }

  /** The raw stream after {@link #upgrade}: the process's output, multiplexed or raw (tty). */
  InputStream in() {
    return in;
  }

  /** The process's stdin after {@link #upgrade}. */
  OutputStream out() {
    return out;
  }

  /** Closes our write side only: the engine passes EOF to the process's stdin. */
  void shutdownOutput() throws IOException {
    channel.shutdownOutput();
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      // Closing a socket: nothing left to release.
    }
  }

  private String simpleGet(String path) throws IOException {
    out.write(
        ("GET " + path + " HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n\r\n")
            .getBytes(US_ASCII));
    return readHead();
  }

  private static int statusOf(String head) throws IOException {
    String[] words = head.split(" ", 3);
    try {
      return Integer.parseInt(words[1].trim());
    } catch (RuntimeException e) {
      throw new IOException("the Docker engine answered something that is not HTTP: " + head);
    }
  }

  /** The error text after a refused upgrade: a short JSON body {@code {"message": ...}}. */
  private String errorBody(String head) {
    int length = -1;
    for (String line : head.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).trim());
      }
    }
    byte[] body = new byte[Math.max(0, Math.min(length < 0 ? 4096 : length, 4096))];
    int read = 0;
    try {
      while (read < body.length) {
        int n = in.read(body, read, body.length - read);
        if (n < 0) {
          break;
        }
        read += n;
      }
    } catch (IOException e) {
      // Whatever arrived is the message.
    }
    String text = new String(body, 0, read, UTF_8).trim();
    int key = text.indexOf("\"message\":\"");
    if (key >= 0) {
      int start = key + 11;
      int end = text.indexOf('"', start);
      return end > start ? text.substring(start, end) : text;
    }
    return text;
  }

  /** Reads up to and including the blank line; what follows stays for {@link #in}. */
  private String readHead() throws IOException {
    ByteBuffer buffer = leftover;
    int scanned = 0;
    while (true) {
      for (int i = Math.max(scanned, 3); i < buffer.limit(); i++) {
        if (buffer.get(i) == '\n'
            && buffer.get(i - 1) == '\r'
            && buffer.get(i - 2) == '\n'
            && buffer.get(i - 3) == '\r') {
          byte[] head = new byte[i + 1];
          buffer.get(head);
          return new String(head, US_ASCII);
        }
      }
      scanned = buffer.limit();
      if (buffer.limit() == buffer.capacity()) {
        throw new IOException("the Docker engine's answer has no end of head");
      }
      buffer.position(buffer.limit()).limit(buffer.capacity());
      int n = channel.read(buffer);
      buffer.flip();
      if (n < 0) {
        throw new IOException("the Docker engine closed the connection before answering");
      }
    }
  }

  private final class ChannelIn extends InputStream {
    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      if (leftover.hasRemaining()) {
        int n = Math.min(len, leftover.remaining());
        leftover.get(b, off, n);
        return n;
      }
      int n;
      do {
        n = channel.read(ByteBuffer.wrap(b, off, len));
      } while (n == 0);
      return n;
    }

    @Override
    public void close() {
      EngineConnection.this.close();
    }
  }

  private final class ChannelOut extends OutputStream {
    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
    }
  }
}
