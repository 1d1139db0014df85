package dev.modal4j.testing.sandboxes.tunnels;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The loopback HTTP proxy behind connect tokens: a request passes only with {@code Authorization:
 * Bearer <token>} (or the {@code _modal_connect_token} query parameter) naming a token the emulator
 * issued; it then goes to the token's sandbox port with the token's user metadata in {@code
 * X-Verified-User-Data} (a client's own header of that name is dropped, so it cannot be spoofed).
 * No token: 401; an unknown one: 403; a sandbox that is gone or not listening: 502.
 *
 * <p>The first request of a connection is checked and rewritten, then the connection is a plain
 * pipe: the forwarded request asks for {@code Connection: close} (except a WebSocket or other
 * upgrade, which stays open), so every later request comes on a new, checked connection.
 */
final class ConnectProxy implements AutoCloseable {
  static final String USER_DATA_HEADER = "X-Verified-User-Data";
  static final String TOKEN_QUERY_PARAMETER = "_modal_connect_token";
  private static final int MAX_HEAD_BYTES = 64 * 1024;

  /** Where a token's requests go. */
  record Grant(String metadata, Supplier<Optional<InetSocketAddress>> target) {}

  private final ServerSocket listener;
  private final Connections connections;
  private final Map<String, Grant> grants = new ConcurrentHashMap<>();

  private ConnectProxy(ServerSocket listener, Connections connections) {
    this.listener = listener;
    this.connections = connections;
  }

  static ConnectProxy open(Connections connections) throws IOException {
    ServerSocket socket =
        connections.track(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
    ConnectProxy proxy = new ConnectProxy(socket, connections);
    if (!connections.run(proxy::accept)) {
      connections.release(socket);
      throw new IOException("the emulator is closing");
    }
    return proxy;
  }

  String url() {
    return "http://127.0.0.1:" + listener.getLocalPort();
  }

  void grant(String token, Grant grant) {
    grants.put(token, grant);
  }

  private void accept() {
    while (!listener.isClosed()) {
      Socket client;
      try {
        client = connections.track(listener.accept());
      } catch (IOException e) {
        return;
      }
      if (!connections.run(() -> serve(client))) {
        connections.release(client);
      }
    }
  }

  private void serve(Socket client) {
    try {
      client.setSoTimeout(30_000);
      ByteArrayOutputStream received = new ByteArrayOutputStream();
      int headEnd = readHead(client.getInputStream(), received);
      if (headEnd < 0) {
        respond(client, 400, "Bad Request", "malformed HTTP request");
        return;
      }
      byte[] bytes = received.toByteArray();
      List<String> lines =
          new ArrayList<>(
              List.of(
                  new String(bytes, 0, headEnd, StandardCharsets.ISO_8859_1).split("\r\n", -1)));
      byte[] body = java.util.Arrays.copyOfRange(bytes, headEnd + 4, bytes.length);
      String[] requestLine = lines.get(0).split(" ", 3);
      if (requestLine.length != 3) {
        respond(client, 400, "Bad Request", "malformed request line");
        return;
      }
      String target = requestLine[1];
      String token = null;
      int query = target.indexOf('?');
      if (query >= 0) {
        List<String> kept = new ArrayList<>();
        for (String pair : target.substring(query + 1).split("&")) {
          if (pair.startsWith(TOKEN_QUERY_PARAMETER + "=")) {
            token =
                URLDecoder.decode(
                    pair.substring(TOKEN_QUERY_PARAMETER.length() + 1), StandardCharsets.UTF_8);
          } else if (!pair.isEmpty()) {
            kept.add(pair);
          }
        }
        target = target.substring(0, query) + (kept.isEmpty() ? "" : "?" + String.join("&", kept));
      }
      List<String> headers = new ArrayList<>();
      boolean upgrade = false;
      for (String line : lines.subList(1, lines.size())) {
        int colon = line.indexOf(':');
        String name = colon < 0 ? line : line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        String value = colon < 0 ? "" : line.substring(colon + 1).trim();
        if (name.equals("authorization") && value.regionMatches(true, 0, "Bearer ", 0, 7)) {
          token = value.substring(7).trim();
        } else if (name.equals("upgrade")) {
          upgrade = true;
          headers.add(line);
        } else if (!name.equals(USER_DATA_HEADER.toLowerCase(Locale.ROOT))
            && !name.equals("connection")
            && !name.isEmpty()) {
          headers.add(line);
        } else if (name.equals("connection")) {
          headers.add(line);
        }
      }
      if (token == null || token.isEmpty()) {
        respond(client, 401, "Unauthorized", "missing connect token");
        return;
      }
      Grant grant = grants.get(token);
      if (grant == null) {
        respond(client, 403, "Forbidden", "invalid connect token");
        return;
      }
      Optional<InetSocketAddress> upstreamAddress = grant.target().get();
      if (upstreamAddress.isEmpty()) {
        respond(client, 502, "Bad Gateway", "the sandbox is not running");
        return;
      }
      if (!upgrade) {
        headers.removeIf(h -> h.toLowerCase(Locale.ROOT).startsWith("connection:"));
        headers.add("Connection: close");
      }
      if (!grant.metadata().isEmpty()) {
        headers.add(USER_DATA_HEADER + ": " + grant.metadata());
      }
      Socket upstream = connections.track(new Socket());
      try {
        upstream.connect(upstreamAddress.get(), 5_000);
      } catch (IOException e) {
        connections.release(upstream);
        respond(client, 502, "Bad Gateway", "the sandbox port does not answer");
        return;
      }
      client.setSoTimeout(0);
      StringBuilder head =
          new StringBuilder(requestLine[0] + " " + target + " " + requestLine[2] + "\r\n");
      headers.forEach(h -> head.append(h).append("\r\n"));
      head.append("\r\n");
      ByteArrayOutputStream pending = new ByteArrayOutputStream();
      pending.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
      pending.writeBytes(body);
      connections.splice(client, upstream, pending.toByteArray());
    } catch (IOException e) {
      connections.release(client);
    }
  }

  /** Reads until the end of the head; its offset (of the blank line's CRLFCRLF), or -1. */
  private static int readHead(InputStream in, ByteArrayOutputStream into) throws IOException {
    byte[] buffer = new byte[8192];
    int scanned = 0;
    while (into.size() < MAX_HEAD_BYTES) {
      int n = in.read(buffer);
      if (n < 0) {
        return -1;
      }
      into.write(buffer, 0, n);
      byte[] all = into.toByteArray();
      for (int i = Math.max(0, scanned - 3); i + 3 < all.length; i++) {
        if (all[i] == '\r' && all[i + 1] == '\n' && all[i + 2] == '\r' && all[i + 3] == '\n') {
          return i;
        }
      }
      scanned = all.length;
    }
    return -1;
  }

  private void respond(Socket client, int code, String reason, String message) {
    try {
      byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
      String head =
          "HTTP/1.1 "
              + code
              + " "
              + reason
              + "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: "
              + body.length
              + (code == 401 ? "\r\nWWW-Authenticate: Bearer" : "")
              + "\r\nConnection: close\r\n\r\n";
      client.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
      client.getOutputStream().write(body);
      client.getOutputStream().flush();
    } catch (IOException e) {
      // the client went away
    } finally {
      connections.release(client);
    }
  }

  @Override
  public void close() {
    connections.release(listener);
  }
}
