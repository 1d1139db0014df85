package dev.modal4j.testing.functions.internal;

import static dev.modal4j.testing.internal.HttpExchanges.reply;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.modal4j.testing.functions.FunctionBody;
import dev.modal4j.testing.functions.FunctionRegistry;
import dev.modal4j.testing.internal.HttpExchanges;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The emulator's loopback HTTP server: blob uploads (PUT, Content-MD5 checked when sent) and
 * downloads (GET) under {@code /blobs/<id>}, multipart uploads' parts and completions below it
 * ({@link MultipartHttp}), and web endpoints under {@code /web/<app>/<name>}.
 */
public final class HttpEndpoints implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService executor;
  private final BlobStore store;
  private final MultipartUploads multipart;
  private final String base;
  private volatile String blobBase;
  private volatile FunctionRegistry registry;

  /** Starts the server on an ephemeral loopback port. */
  public HttpEndpoints(BlobStore store) throws IOException {
    this.store = store;
    this.multipart = new MultipartUploads(store);
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    this.executor =
        Executors.newFixedThreadPool(
            4,
            r -> {
              Thread t = new Thread(r, "modal-emulator-http");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext("/blobs/", this::blob);
    server.createContext("/web/", this::web);
    server.start();
    this.base = "http://127.0.0.1:" + server.getAddress().getPort();
    this.blobBase = base;
  }

  /**
   * Hands out blob URLs under {@code urlBase} instead of this server's own address, e.g. to test
   * what a client does with a URL it must refuse. Blobs are then not reachable through those URLs.
   *
   * @param urlBase the base, without a trailing slash
   */
  public void advertiseBlobsAt(String urlBase) {
    this.blobBase = urlBase;
  }

  /** Serves web endpoints from this registry. */
  public void serveWebEndpoints(FunctionRegistry registry) {
    this.registry = registry;
  }

  /** The server's base URL. */
  public String baseUrl() {
    return base;
  }

  /** The URL of a blob. */
  public String blobUrl(String blobId) {
    return blobBase + "/blobs/" + blobId;
  }

  /** The multipart uploads whose parts and completions this server takes. */
  public MultipartUploads multipart() {
    return multipart;
  }

  /** The PUT URL of part {@code number} (1-based) of a multipart upload. */
  public String blobPartUrl(String blobId, int number) {
    return blobBase + "/blobs/" + blobId + "/parts/" + number;
  }

  /** The completion URL of a multipart upload. */
  public String blobCompletionUrl(String blobId) {
    return blobBase + "/blobs/" + blobId + "/complete";
  }

  /** The URL of a web endpoint. */
  public String webUrl(String app, String name) {
    return base + "/web/" + app + "/" + name;
  }

  private void blob(HttpExchange ex) throws IOException {
    try (ex) {
      String id = ex.getRequestURI().getPath().substring("/blobs/".length());
      String method = ex.getRequestMethod();
      if (id.contains("/")) {
        MultipartHttp.serve(ex, id, multipart);
        return;
      }
      if (method.equals("PUT")) {
        put(ex, id);
      } else if (method.equals("GET")) {
        BlobStore.Content content = store.content(id);
        InputStream in = null;
        try {
          in = content == null ? null : content.open();
        } catch (java.nio.file.NoSuchFileException e) {
          in = null;
        }
        if (in == null) {
          reply(ex, 404, "NoSuchKey: blob " + id + " not found");
          return;
        }
        try (InputStream body = in) {
          long length = content.length();
          ex.getResponseHeaders().set("Content-Type", "application/octet-stream");
          ex.getResponseHeaders()
              .set("ETag", "\"" + HexFormat.of().formatHex(content.md5()) + "\"");
          ex.sendResponseHeaders(200, length == 0 ? -1 : length);
          try (OutputStream out = ex.getResponseBody()) {
            body.transferTo(out);
          }
        }
      } else {
        reply(ex, 405, "method not allowed");
      }
    }
  }

  private void put(HttpExchange ex, String id) throws IOException {
    long reserved = store.reservedLength(id);
    if (reserved < 0) {
      reply(ex, 404, "NoSuchUpload: blob " + id + " was not created with BlobCreate");
      return;
    }
    String declared = ex.getRequestHeaders().getFirst("Content-Length");
    if (declared != null && Long.parseLong(declared.trim()) != reserved) {
      reply(ex, 400, "content length " + declared + " differs from BlobCreate's " + reserved);
      return;
    }
    String md5Header = ex.getRequestHeaders().getFirst("Content-MD5");
    byte[] expected = null;
    if (md5Header != null) {
      try {
        expected = Base64.getDecoder().decode(md5Header.trim());
      } catch (IllegalArgumentException e) {
        reply(ex, 400, "InvalidDigest: Content-MD5 is not base64");
        return;
      }
    }
    byte[] digest;
    try (InputStream in = ex.getRequestBody()) {
      digest = store.putFrom(id, in, reserved, expected);
    } catch (BlobStore.Rejected e) {
      reply(ex, 400, e.getMessage());
      return;
    }
    ex.getResponseHeaders().set("ETag", "\"" + HexFormat.of().formatHex(digest) + "\"");
    ex.sendResponseHeaders(200, -1);
  }

  private void web(HttpExchange ex) throws IOException {
    try (ex) {
      String[] parts = ex.getRequestURI().getPath().split("/");
      FunctionRegistry r = registry;
      FunctionBody body =
          r == null || parts.length != 4
              ? null
              : r.byTag("", parts[2], parts[3]).flatMap(f -> f.body("")).orElse(null);
      if (body == null || body.kind() != FunctionBody.Kind.WEB_ENDPOINT) {
        reply(ex, 404, "modal-http: invalid function call");
        return;
      }
      Object result;
      try {
        result =
            body.functionHandler()
                .call(
                    List.of(),
                    new java.util.LinkedHashMap<String, Object>(
                        HttpExchanges.query(ex.getRequestURI().getRawQuery())));
      } catch (Exception e) {
        reply(ex, 500, "Internal Server Error");
        return;
      }
      byte[] json = JSON.writeValueAsBytes(result);
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.sendResponseHeaders(200, json.length);
      ex.getResponseBody().write(json);
    }
  }

  /** Stops the server and its threads. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    multipart.close();
  }
}
